import AgeKit
import ArgumentParser

/// `casevault age`: the age v1 file format on its own, for any age file.
///
/// These commands work on files only and never open the vault: their
/// `--passphrase-file` is the age passphrase, not the vault's.
struct AgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "age",
        abstract: "Encrypt and decrypt age files (age-encryption.org/v1).",
        discussion: "Files work with the stock `age` tool both ways. These commands never open the vault.",
        subcommands: [AgeKeygenCommand.self, AgeEncryptCommand.self, AgeDecryptCommand.self]
    )
}

/// Failures of the age commands themselves (usage, files).
struct AgeCLIError: Error, ReportableError {
    let message: String
    let hint: String
    let exitCode: Int32

    static func usage(_ message: String, hint: String) -> AgeCLIError { AgeCLIError(message: message, hint: hint, exitCode: Exit.usage) }
    static func io(_ message: String, hint: String = "check the path, its permissions and free space") -> AgeCLIError {
        AgeCLIError(message: message, hint: hint, exitCode: Exit.failure)
    }
}

extension AgeError: ReportableError {
    /// Exit codes follow docs/cli.md: 4 no key opens the file, 6 malformed or
    /// failed integrity, 7 invalid input, 2 usage, 1 i/o.
    public var exitCode: Int32 {
        switch kind {
        case .noMatch: return 4
        case .malformed, .payload: return 6
        case .invalidInput:
            if case .invalidArgument = self { return Exit.usage }
            return 7
        case .io: return Exit.failure
        }
    }

    public var message: String { description }

    public var hint: String {
        switch self {
        case .noMatchingIdentity:
            return "the file was encrypted to other keys: pass the identity file that belongs to one of its recipients with -i (or --passphrase-file if it was encrypted with a passphrase)"
        case .incorrectPassphrase: return "check the passphrase (the first line of --passphrase-file) and try again"
        case .notAgeFile: return "check that the input is an age file (binary, or armored with -----BEGIN AGE ENCRYPTED FILE-----)"
        case .unsupportedVersion: return "this file needs a newer age implementation"
        case .workFactorTooHigh:
            return "the file asks for more passphrase work than is safe to run; if you trust it, decrypt it with `age -d`"
        case .scryptNotAlone, .malformedHeader, .headerMACMismatch, .malformedArmor:
            return "the file is damaged or was changed after encryption; ask the sender for a new copy"
        case .missingPayloadNonce, .payloadTruncated:
            return "the file was cut short (an incomplete download or copy); get the whole file again"
        case .payloadTrailingData, .payloadCorrupted, .payloadEmptyFinalChunk:
            return "the file is damaged or was changed after encryption; no plaintext was written to -o"
        case .invalidRecipient: return "recipients look like age1... (see `casevault age keygen`)"
        case .invalidIdentity: return "pass an identity file made by `casevault age keygen` or `age-keygen` (lines AGE-SECRET-KEY-1...)"
        case .invalidArgument: return "see `casevault age encrypt --help`"
        case .io: return "check the paths, permissions and free space"
        case .finished: return "report this as a bug"
        }
    }
}
