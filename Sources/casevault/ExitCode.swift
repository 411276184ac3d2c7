import AgeKit
import CaseVault

/// casevault's exit statuses: the one place that numbers them.
///
/// Library errors carry a kind (`ErrorKind`, `AgeError.Kind`), never a
/// number; `init(_:)` below maps each kind to its status. `meaning` is the
/// documentation of each status: docs/cli.md's "Exit codes" table and the
/// man page's EXIT STATUS section are generated from it
/// (`casevault help-exit-codes --markdown|--roff`; a test holds docs/cli.md to
/// it, and scripts/install.sh builds the man page from it).
enum ExitCode: Int32, CaseIterable {
    case success = 0
    case failure = 1
    case usage = 2
    case noVault = 3
    case wrongSecret = 4
    case notFound = 5
    case integrity = 6
    case invalidInput = 7
    case alreadyExists = 8
    case busy = 9
    case keyring = 10
    case incomplete = 11
    case desktopService = 12
    /// 128 + SIGPIPE, as command-line tools that die of SIGPIPE report.
    case closedOutput = 141

    /// The status for a library error of `kind`.
    init(_ kind: ErrorKind) {
        switch kind {
        case .io, .unsafeVault: self = .failure
        case .noVault: self = .noVault
        case .wrongSecret, .noSecret, .weakSecret: self = .wrongSecret
        case .notFound, .exhausted: self = .notFound
        case .integrity, .malformed, .untrustedSigner, .rolledBack, .unsupportedFormat: self = .integrity
        case .invalidInput: self = .invalidInput
        case .alreadyExists: self = .alreadyExists
        case .busy, .changedMeanwhile: self = .busy
        case .keyring: self = .keyring
        case .incomplete: self = .incomplete
        }
    }

    /// The status for an age error: no key opens the file, malformed or
    /// failed integrity, invalid input (a bad argument is a usage error), i/o.
    init(_ error: AgeError) {
        switch error.kind {
        case .noMatch: self = .wrongSecret
        case .malformed, .payload: self = .integrity
        case .invalidInput:
            if case .invalidArgument = error { self = .usage } else { self = .invalidInput }
        case .io: self = .failure
        }
    }

    /// What the status means, as docs/cli.md and the man page say it.
    var meaning: String {
        switch self {
        case .success: return "success"
        case .failure:
            return "an I/O failure (disk full, read-only, permissions), an unsafe vault (its directory owned by another user, "
                + "writable by others or a symbolic link; a symbolic link, FIFO or device where one of its files should be: "
                + "refused, with what to do), or an unexpected error"
        case .usage: return "usage: unknown command or option, bad arguments"
        case .noVault: return "no vault at the directory"
        case .wrongSecret: return "wrong passphrase or recovery key, mistyped recovery key, no passphrase available, passphrase refused"
        case .notFound: return "not found (no such label or id), or no unused code left"
        case .integrity:
            return "integrity failure: a record, key slot or file was changed, damaged or moved; records put back to an older "
                + "version or removed; vault.db older than this computer last saw (see `accept-older`); a newer vault format; "
                + "or SLIP-0039 shares that combine into something their digest refuses"
        case .invalidInput:
            return "invalid input (a value in the wrong format, nothing to read, removal not confirmed; a SLIP-0039 share that does "
                + "not check out, shares of different sets, a share given twice, too few shares)"
        case .alreadyExists: return "already exists (vault, label), or a new vault's directory is a file or holds other files"
        case .busy:
            return "busy: another casevault process held the vault (a database, or the documents lock) for more than 10 s, "
                + "or changed its passphrase while this one ran (run the command again)"
        case .keyring: return "keyring unavailable or its item does not match the vault, with no fallback possible"
        case .incomplete:
            return "done, but incomplete: `backup` or `restore` left out damaged items, each named on stderr (`warning:` lines) "
                + "and, with `--json`, in `omitted` / `notRestored` (with `\"complete\": false`); everything else was written and verified"
        case .desktopService:
            return "a desktop service `remind` needs is missing: no notification server on the session bus, or no "
                + "`systemctl --user` (a systemd user manager) for `remind --enable`; what was written is named"
        case .closedOutput:
            return "standard output was closed before everything was written (`share list` piped into `head`): casevault "
                + "stops quietly, as tools that die of SIGPIPE do. Output is written after the work it reports is committed, "
                + "so nothing is lost; `code use` is the exception: it writes the code before it commits the mark, so a code "
                + "that could not be written stays unused"
        }
    }

    /// docs/cli.md's table, header included.
    static var markdownTable: String {
        (["| code | meaning |", "| --- | --- |"] + allCases.map { "| \($0.rawValue) | \($0.meaning.replacingOccurrences(of: "|", with: "\\|")) |" })
            .joined(separator: "\n") + "\n"
    }

    /// "kind code" per library error kind, one per line.
    static var kindTable: String {
        ErrorKind.allCases.map { "\($0.rawValue) \(ExitCode($0).rawValue)\n" }.joined()
    }

    /// The man page's EXIT STATUS entries (scripts/gen-manpage.py puts them
    /// under their heading).
    static var roffEntries: String {
        allCases.map { ".TP\n\\fB\($0.rawValue)\\fR\n\(Roff.escape($0.meaning))" }.joined(separator: "\n") + "\n"
    }
}

/// Text for a roff body line, as scripts/gen-manpage.py writes the rest of
/// the page: backslashes and hyphens escaped, `code` in bold, non-ASCII as
/// groff's named Unicode escapes, a leading period or quote made inert.
enum Roff {
    static func escape(_ text: String) -> String {
        var out = ""
        var bold = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            case "`": out += bold ? "\\fR" : "\\fB"; bold.toggle()
            default:
                if scalar.value < 128 {
                    out.unicodeScalars.append(scalar)
                } else {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
                }
            }
        }
        return out.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") || $0.hasPrefix("'") ? "\\&" + $0 : String($0) }
            .joined(separator: "\n")
    }
}
