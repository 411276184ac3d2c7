import CaseVault
import Foundation
import ShamirKit
import SodiumKit
import SystemKit

/// Reads SLIP-0039 shares one at a time (standard input, one per line, or
/// the terminal, echo off) and checks each as it comes. A share that does
/// not check out is named with why (`refused:` on stderr) and skipped; the
/// others count, and after each how many more are needed is said.
enum ShareCollector {
    /// Standard input large enough for 16 shares of 33 words, with room to spare.
    static let maxInput = 64 * 1024

    /// Collects into `set` through `add`; returns how many were refused.
    static func collect(into set: Slip39ShareSet, startingAt first: Int = 0, add: (Slip39Share, Int) throws -> Void) throws -> Int {
        var number = first
        var refused = 0
        func take(_ text: SecureBytes) {
            number += 1
            do {
                try add(try Slip39Share(words: text, number: number), number)
                Output.err("share \(number): good. \(progressText(set))")
            } catch {
                refused += 1
                let (message, hint, _) = ErrorReporter.describe(error)
                Output.err("refused: \(message)")
                if !hint.isEmpty { Output.err("hint: \(hint)") }
            }
            text.wipe()
        }
        if Terminal.isTerminal(Terminal.standardInput) && SecretInput.hasTerminal {
            while !set.progress.isComplete {
                let line: SecureBytes
                do {
                    line = try SecretInput.prompt("Share \(number + 1) (its words, then Enter; an empty line stops): ")
                } catch SecretInput.Failure.empty {
                    break
                }
                take(line)
            }
            return refused
        }
        guard let input = try SecretInput.readWholeFile(path: "-", maxSize: maxInput) else {
            throw CLIError(message: "standard input is longer than \(maxInput) bytes", hint: "give the shares only, one per line", exit: .invalidInput)
        }
        for line in try ShareLines.split(input) { take(line) }
        input.wipe()
        return refused
    }

    /// "2 more shares are needed" / "enough shares to open the copy".
    static func progressText(_ set: Slip39ShareSet) -> String {
        let p = set.progress
        if p.isComplete { return "Enough shares to open the copy." }
        return "\(p.moreShares) more share\(p.moreShares == 1 ? " is" : "s are") needed."
    }
}

/// The files `recovery setup` writes: a private directory, names from the people's names.
enum RecoveryFiles {
    /// Creates DIR (0700) if missing; an existing one is used (files in it are never replaced).
    static func prepareDirectory(_ dir: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            guard isDir.boolValue else { throw CaseVaultError.alreadyExists(what: "file", name: dir) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CaseVaultError.io(operation: "create directory", path: dir, reason: "it cannot be created (check the path and permissions)")
        }
    }

    static func path(_ dir: String, _ name: String) -> String {
        URL(fileURLWithPath: dir).appendingPathComponent(name).path
    }

    /// `share-N-name.ext`: the name's ASCII letters and digits, others as `-`.
    static func sharePath(_ dir: String, _ index: Int, _ name: String, ext: String) -> String {
        let slug = String(name.lowercased().unicodeScalars.map { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) ? Character($0) : "-" })
            .split(separator: "-").joined(separator: "-")
        return path(dir, "share-\(index + 1)\(slug.isEmpty ? "" : "-" + slug.prefix(40)).\(ext)")
    }
}

extension RecoveryError: ReportableError {
    var exit: ExitCode { ExitCode(kind) }
    var hint: String {
        switch self {
        case .notThisSetup: return "use shares from this vault's latest `casevault recovery setup` (all of them begin with the same two words)"
        case .sharesDoNotOpenCopy: return "check that the copy and the shares come from the same setup (the newest copy, from `recovery refresh`)"
        case .signerMismatch: return "ask the applicant (or their attorney) which copy and which shares are theirs"
        }
    }
}
