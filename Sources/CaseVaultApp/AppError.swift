import CaseVault
import HTTPTypes

/// A failure the app shows as a page in plain words: what went wrong and
/// what to do. Library errors keep their kind; the page never shows a
/// stack trace, a secret, or a command to type.
enum AppError: Error, Sendable {
    /// The request itself is wrong (a damaged form, a missing field).
    case badRequest(String)
    /// A value typed by the user was refused (with the format expected).
    case invalid(String)
    /// Nothing at that address.
    case notFound
    /// The vault is locked (the session gets the unlock page).
    case locked
    /// Too many wrong secrets in a row: a wait is due (UnlockThrottle).
    case tooManyTries(String)
    /// A library failure, by kind.
    case library(kind: ErrorKind, message: String, advice: String)

    init(_ error: Error) {
        switch error {
        case let e as AppError: self = e
        case let e as UnlockThrottle.Wait: self = .tooManyTries(e.message)
        case let e as CaseVaultError: self = .library(kind: e.kind, message: e.message, advice: e.advice)
        case let e as ShareError: self = .library(kind: e.kind, message: e.message, advice: e.advice)
        default: self = .library(kind: .io, message: AppLanguage.text("app.error.unknown"), advice: AppLanguage.text("app.error.unknown_advice"))
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .badRequest, .invalid: return .badRequest
        case .notFound: return .notFound
        case .locked: return .forbidden
        case .tooManyTries: return .tooManyRequests
        case .library(let kind, _, _):
            switch kind {
            case .invalidInput, .weakSecret, .malformed: return .badRequest
            case .wrongSecret, .untrustedSigner: return .forbidden
            case .notFound, .noVault: return .notFound
            case .alreadyExists, .busy, .changedMeanwhile, .exhausted: return .conflict
            case .io, .unsafeVault, .noSecret, .integrity, .rolledBack, .unsupportedFormat, .keyring, .incomplete:
                return .internalServerError
            }
        }
    }

    /// The page's heading.
    var title: String {
        switch self {
        case .badRequest: return "That did not work"
        case .invalid: return "Please check what you typed"
        case .notFound: return "Not found"
        case .locked: return "The vault is locked"
        case .tooManyTries: return "Too many wrong tries"
        case .library(let kind, _, _):
            switch kind {
            case .io: return "The computer could not read or write a file"
            case .unsafeVault: return "The vault's folder is not safe to use"
            case .noVault: return "No vault here yet"
            case .wrongSecret: return "That did not open the vault"
            case .noSecret: return "A passphrase is needed"
            case .weakSecret: return "Please choose another passphrase"
            case .notFound: return "Not found"
            case .exhausted: return "No unused code left"
            case .integrity: return "Something in the vault is damaged"
            case .malformed: return "That file is not in the expected format"
            case .untrustedSigner: return "Signed by someone else"
            case .rolledBack: return "The vault was changed from outside"
            case .unsupportedFormat: return "This vault is newer than this program"
            case .invalidInput: return "Please check what you typed"
            case .alreadyExists: return "That name is taken"
            case .busy: return "The vault is busy"
            case .changedMeanwhile: return "The vault's keys changed meanwhile"
            case .keyring: return "The keyring could not be used"
            case .incomplete: return "Done, but not everything"
            }
        }
    }

    /// What went wrong, in plain words.
    var message: String {
        switch self {
        case .badRequest(let m), .invalid(let m), .tooManyTries(let m): return m
        case .notFound: return "There is nothing at this address."
        case .locked: return "The vault locked itself. Unlock it to go on."
        case .library(_, let m, _): return m
        }
    }

    /// What to do next, in plain words (may be empty).
    var advice: String {
        switch self {
        case .badRequest, .invalid, .notFound, .locked, .tooManyTries: return ""
        case .library(_, _, let a): return a
        }
    }

    var kindName: String {
        if case .library(let kind, _, _) = self { return kind.rawValue }
        return "app"
    }
}
