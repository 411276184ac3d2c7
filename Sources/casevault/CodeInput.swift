import CaseVault
import Foundation
import SodiumKit
import SystemKit

/// Reads codes or identifier values: never from argv.
///
/// From `--from-file FILE`; else from standard input when it is not a
/// terminal (after the passphrase line when `--passphrase-file -`); else typed
/// on the terminal with echo off, one per line, an empty line to finish.
enum CodeInput {
    static let maxBytes = 1 << 20

    static func readText(fromFile file: String?, promptIntro: String, prompt: String, single: Bool = false) throws -> String {
        text(Data(try readBytes(fromFile: file, promptIntro: promptIntro, prompt: prompt, single: single)))
    }

    /// The input as bytes, undecoded: `CodeParser.read` tells a line that is
    /// not UTF-8 apart from one that is, and refuses it instead of reading a
    /// replacement character.
    static func readBytes(fromFile file: String?, promptIntro: String, prompt: String, single: Bool = false) throws -> [UInt8] {
        if let file {
            guard let h = FileHandle(forReadingAtPath: file) else {
                throw CaseVaultError.io(operation: "read", path: file, reason: "no such file or permission denied")
            }
            defer { try? h.close() }
            let data = try read(h, name: file)
            guard data.count <= maxBytes else {
                throw CaseVaultError.invalidInput(field: "input file", reason: "larger than 1 MiB", expected: "a small text file")
            }
            return [UInt8](data)
        }
        if !Terminal.isTerminal(Terminal.standardInput) {
            let data = try read(FileHandle.standardInput, name: "standard input")
            guard data.count <= maxBytes else {
                throw CaseVaultError.invalidInput(field: "standard input", reason: "larger than 1 MiB", expected: "a small text input")
            }
            return [UInt8](data)
        }
        guard SecretInput.hasTerminal else {
            throw CaseVaultError.invalidInput(field: "input", reason: "nothing to read from", expected: "--from-file FILE or standard input")
        }
        SecretInput.tell(promptIntro + "\n")
        var bytes: [UInt8] = []
        while true {
            do {
                let line = try SecretInput.prompt(prompt)
                if !bytes.isEmpty { bytes.append(0x0A) }
                line.withUnsafeBytes { bytes.append(contentsOf: $0) }
                if single { break }
            } catch SecretInput.Failure.empty {
                break
            }
        }
        return bytes
    }

    /// The bytes as text, without a leading UTF-8 byte-order mark (Windows
    /// Notepad writes one): left in, it made the first code unrecognised and
    /// silently dropped it (and an identifier "not letters and digits").
    private static func text(_ data: Data) -> String {
        String(decoding: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data, as: UTF8.self)
    }

    /// Up to `maxBytes + 1` bytes. A failed read (`--from-file DIR`, or
    /// `< DIR`) is reported as such (exit 1, or 7 for standard input), not
    /// taken for an empty input and reported as "no backup code found".
    private static func read(_ h: FileHandle, name: String) throws -> Data {
        do {
            return try h.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            let ns = error as NSError
            let posix = ns.domain == NSPOSIXErrorDomain ? ns : ns.userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = posix?.domain == NSPOSIXErrorDomain ? SystemError.plainText(Int32(posix?.code ?? 0)) : ns.localizedDescription
            if h === FileHandle.standardInput {
                throw CaseVaultError.invalidInput(field: "standard input", reason: "it cannot be read (\(reason))", expected: "codes on standard input, or --from-file FILE")
            }
            throw CaseVaultError.io(operation: "read", path: name, reason: reason)
        }
    }
}
