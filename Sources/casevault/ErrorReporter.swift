import ArgumentParser
import CaseVault
import SodiumKit
import SystemKit
import Foundation

/// An error that knows what to tell the user and which exit code to use.
/// Library errors conform in CLIHints.swift (hint from their suggestion,
/// exit code from their kind); the CLI's own failures are `CLIError`.
protocol ReportableError: Error {
    var message: String { get }
    var hint: String { get }
    var exit: ExitCode { get }
    /// True when the failing command already printed its one JSON document
    /// (for example `check --json` with its report): no second one is printed.
    var jsonAlreadyPrinted: Bool { get }
}

extension ReportableError {
    var jsonAlreadyPrinted: Bool { false }
}

/// A failure of the CLI itself (usage, files it opens, confirmations), with
/// its own hint and exit code.
struct CLIError: Error, ReportableError {
    let message: String
    let hint: String
    let exit: ExitCode

    /// Arguments that do not go together (exit 2).
    static func usage(_ message: String, hint: String) -> CLIError { CLIError(message: message, hint: hint, exit: .usage) }

    /// A file the command itself opens or writes (exit 1).
    static func io(_ message: String, hint: String = "check the path, its permissions and free space") -> CLIError {
        CLIError(message: message, hint: hint, exit: .failure)
    }
}

/// An error whose command already printed its one JSON document (which lists
/// the failure): reported on stderr with its exit code, without a second one.
struct AlreadyInJSON: ReportableError {
    let error: ReportableError
    var message: String { error.message }
    var hint: String { error.hint }
    var exit: ExitCode { error.exit }
    var jsonAlreadyPrinted: Bool { true }
}

/// Prints errors as `error:` and `hint:` lines on stderr (and, with --json, one
/// JSON error document on stdout) and picks the exit code. Never prints a
/// stack trace or a secret.
enum ErrorReporter {
    static func report(_ error: Error) -> Int32 {
        // The reader of stdout went away: stop quietly, as `Output.out` does.
        if error is Output.Closed { return ExitCode.closedOutput.rawValue }
        let (message, hint, exit) = describe(error)
        let code = exit.rawValue
        if exit == .success {
            // --help, --version: ArgumentParser's clean exits.
            print(CaseVaultCommand.fullMessage(for: error))
            return 0
        }
        if CommandLine.arguments.contains("--json") && (error as? ReportableError)?.jsonAlreadyPrinted != true {
            Output.json(ErrorDocument(error: .init(message: message, hint: hint, exitCode: code)))
        }
        Output.err("error: \(message)")
        if !hint.isEmpty { Output.err("hint: \(hint)") }
        return code
    }

    static func describe(_ error: Error) -> (String, String, ExitCode) {
        switch error {
        case let e as ReportableError:
            return (e.message, e.hint, e.exit)
        case let e as SystemError:
            // The library maps these at its entry points; one that got
            // through is told the same way.
            return describe(CaseVaultError(e))
        case let e as SecretInput.Failure:
            switch e {
            case .noTerminal:
                return ("no terminal to read the passphrase from", "pass --passphrase-file FILE (- for standard input)", .wrongSecret)
            case .cannotOpen(let path, let reason):
                return ("cannot read \(path): \(reason)", "check the path and its permissions", .failure)
            case .tooLong(let limit):
                return ("the secret is longer than \(limit) bytes", "check that the file holds only the secret on its first line", .invalidInput)
            case .empty:
                return ("the secret is empty", "type it, or put it on the first line of the file", .wrongSecret)
            case .readFailed(let reason):
                return ("cannot read the secret: \(reason)", "try again", .failure)
            }
        case let e as SodiumError:
            return ("cryptographic operation failed: \(e)", "report this as a bug", .failure)
        default:
            let code = CaseVaultCommand.exitCode(for: error)
            if code == .success { return ("", "", .success) }
            let text = CaseVaultCommand.fullMessage(for: error)
            let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
            let rest = text.split(separator: "\n").dropFirst().joined(separator: " ")
            let message = first.hasPrefix("Error: ") ? String(first.dropFirst(7)) : first
            let hint = rest.isEmpty ? "see `casevault help`" : rest.trimmingCharacters(in: .whitespaces)
            // ArgumentParser's own statuses: a validation failure is a usage
            // error; failure (1) is ours too.
            return (message, hint, code == .validationFailure ? .usage : ExitCode(rawValue: code.rawValue) ?? .failure)
        }
    }

    struct ErrorDocument: Encodable {
        struct Body: Encodable { let message: String; let hint: String; let exitCode: Int32 }
        let error: Body
    }
}
