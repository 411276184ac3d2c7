import CaseVault
import Foundation
import SodiumKit
#if canImport(Glibc)
import Glibc
#endif

/// Reads codes or identifier values: never from argv.
///
/// From `--from-file FILE`; else from standard input when it is not a
/// terminal (after the passphrase line when `--passphrase-file -`); else typed
/// on the terminal with echo off, one per line, an empty line to finish.
enum CodeInput {
    static let maxBytes = 1 << 20

    static func readText(fromFile file: String?, promptIntro: String, prompt: String, single: Bool = false) throws -> String {
        if let file {
            guard let h = FileHandle(forReadingAtPath: file) else {
                throw CaseVaultError.io(operation: "read", path: file, reason: "no such file or permission denied")
            }
            defer { try? h.close() }
            let data = (try? h.read(upToCount: maxBytes + 1)) ?? Data()
            guard data.count <= maxBytes else {
                throw CaseVaultError.invalidInput(field: "input file", reason: "larger than 1 MiB", expected: "a small text file")
            }
            return String(decoding: data, as: UTF8.self)
        }
        if isatty(0) == 0 {
            let data = (try? FileHandle.standardInput.read(upToCount: maxBytes + 1)) ?? Data()
            guard data.count <= maxBytes else {
                throw CaseVaultError.invalidInput(field: "standard input", reason: "larger than 1 MiB", expected: "a small text input")
            }
            return String(decoding: data, as: UTF8.self)
        }
        guard SecretInput.hasTerminal else {
            throw CaseVaultError.invalidInput(field: "input", reason: "nothing to read from", expected: "--from-file FILE or standard input")
        }
        SecretInput.tell(promptIntro + "\n")
        var lines: [String] = []
        while true {
            do {
                let line = try SecretInput.prompt(prompt)
                lines.append(line.revealUTF8())
                if single { break }
            } catch SecretInput.Failure.empty {
                break
            }
        }
        return lines.joined(separator: "\n")
    }
}
