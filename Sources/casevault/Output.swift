import CaseVault
import Foundation
import SystemKit

/// The one place that writes to stdout and stderr.
enum Output {
    /// Writes one JSON document to stdout (sorted keys, ISO 8601 dates).
    static func json<T: Encodable>(_ value: T) {
        do {
            out(try jsonData(value))
        } catch {
            err("error: cannot encode JSON output: \(error)")
        }
    }

    private static func jsonData<T: Encodable>(_ value: T) throws -> Data {
        var data = try VaultJSON.encoder(VaultJSON.readable).encode(value)
        data.append(contentsOf: Array("\n".utf8))
        return data
    }

    // MARK: - Delivery that must be confirmed

    /// Standard output's reader went away (EPIPE) before a delivery: the
    /// command ends quietly with `closedOutputStatus`, as for `out`.
    struct Closed: Error {}

    /// Standard output could not take a delivery (a full disk, /dev/full).
    struct DeliveryFailed: ReportableError {
        let reason: String
        let what: String
        var message: String { "cannot write to standard output: \(reason); \(what)" }
        var hint: String { "check where the output is redirected (a full disk?), then run the command again" }
        var exit: ExitCode { .failure }
        /// Standard output is what failed: no JSON error document is tried there.
        var jsonAlreadyPrinted: Bool { true }
    }

    /// A line on stdout that must have reached it before the caller goes on
    /// (`code use` writes the code inside the transaction that marks it
    /// used): written, then flushed to disk when stdout is a file. Throws
    /// `Closed` or `DeliveryFailed` instead of exiting, so the caller's
    /// transaction rolls back. `undone` says what the failure left undone.
    static func deliverLine(_ text: String, undone: String) throws {
        try deliver(Data((printable(text) + "\n").utf8), undone: undone)
    }

    /// One JSON document on stdout, delivered as `deliverLine`.
    static func deliverJSON<T: Encodable>(_ value: T, undone: String) throws {
        try deliver(try jsonData(value), undone: undone)
    }

    private static func deliver(_ data: Data, undone: String) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let code = underlying?.domain == NSPOSIXErrorDomain ? Int32(underlying!.code) : 0
            if code == EPIPE { throw Closed() }
            throw DeliveryFailed(reason: code != 0 ? SystemError.plainText(code) : error.localizedDescription, what: undone)
        }
        // A file on a full disk can accept the write and fail at write-back:
        // fsync reports that now. Pipes and terminals need no flush (write(2)
        // has handed the bytes over), and fsync would fail on them (EINVAL).
        do {
            try PosixFile.borrowing(Terminal.standardOutput, name: "standard output").syncIfRegularFile()
        } catch let e as SystemError {
            throw DeliveryFailed(reason: e.code != 0 ? SystemError.plainText(e.code) : e.reason, what: undone)
        }
    }

    /// A line on stdout, made safe for a terminal (`printable`).
    static func line(_ text: String = "") {
        out(Data((printable(text) + "\n").utf8))
    }

    /// Lines for stdout gathered and written in blocks of about 64 KiB (a
    /// long listing costs a few writes, not one per line), each made safe
    /// for a terminal as `line` makes them.
    struct Buffer {
        private var text = ""

        mutating func line(_ s: String) {
            text += s
            text += "\n"
            if text.utf8.count >= 1 << 16 { flush() }
        }

        mutating func flush() {
            guard !text.isEmpty else { return }
            out(Data(printable(text).utf8))
            text = ""
        }
    }

    /// A line on stderr (warnings, progress, errors), made safe for a terminal.
    static func err(_ text: String) {
        rawErr(printable(text) + "\n")
    }

    /// Text on stderr as it is (the progress bar's own carriage return and
    /// line clearing). A failed write to stderr is dropped: there is nowhere
    /// left to report it.
    static func rawErr(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// The exit status when whoever reads stdout stops reading (`| head`):
    /// 128 + SIGPIPE, as command-line tools that die of SIGPIPE report.
    static let closedOutputStatus = ExitCode.closedOutput.rawValue

    /// Writes to stdout. `FileHandle.write(_:)` traps on any error, which
    /// would print a stack trace; the throwing form is used instead. If the
    /// reader has gone (EPIPE), casevault stops quietly with status 141;
    /// any other failure (a full disk behind a redirection) is reported and
    /// exits 1. Output is written after the work it reports is committed,
    /// so stopping here loses nothing.
    private static func out(_ data: Data) {
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let code = underlying?.domain == NSPOSIXErrorDomain ? Int32(underlying!.code) : 0
            if code == EPIPE { exit(closedOutputStatus) }
            let reason = code != 0 ? SystemError.plainText(code) : "\(error.localizedDescription)"
            rawErr("error: cannot write to standard output: \(printable(reason))\nhint: check where the output is redirected (a full disk?)\n")
            exit(ExitCode.failure.rawValue)
        }
    }

    /// `text` with every character that could steer a terminal or reorder
    /// what it shows written out as `\u{…}` instead: C0 controls but line
    /// feed and tab (escape sequences start with ESC), DEL, C1 controls, and
    /// the bidirectional embeddings, overrides and isolates (U+202A-202E,
    /// U+2066-2069), which can make a name read as another.
    ///
    /// Names and labels are checked where they enter the vault, but text
    /// also arrives from outside (a client's name in a share signed by any
    /// key, shares imported before those checks existed), so the one place
    /// that writes to the terminal checks once more. Joiners (U+200C, U+200D)
    /// and direction marks (U+200E, U+200F) are left alone: Persian, Arabic
    /// and Indic names need them, and they move nothing.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: steersTerminal) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if steersTerminal(s) {
                out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    private static func steersTerminal(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// A warning on stderr.
    static func warn(_ text: String) {
        err("warning: \(text)")
    }

    /// Formats a date for people: 2026-11-22 14:03 UTC.
    static func date(_ d: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        return "\(day(c)) \(pad(c.hour ?? 0)):\(pad(c.minute ?? 0)) UTC"
    }

    /// Formats a calendar day: 2026-11-22.
    static func day(_ d: Date) -> String {
        day(utc.dateComponents([.year, .month, .day], from: d))
    }

    /// The Gregorian calendar in UTC. Lists print a date per row (an
    /// attorney's `share list` may have thousands): a DateFormatter built
    /// per call cost about 0.1 ms each, more than decrypting the row.
    private static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    private static func day(_ c: DateComponents) -> String {
        let y = c.year ?? 0
        return "\(y < 1000 ? String(format: "%04d", y) : String(y))-\(pad(c.month ?? 0))-\(pad(c.day ?? 0))"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
