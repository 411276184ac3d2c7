import CaseVault
import CaseVaultText

/// An error page's heading and the app's own messages in the request's
/// language (`app.error.title.KEY`). The library's messages and advice stay
/// as the library words them (English).
extension AppError {
    /// The catalogue key of `title`.
    var titleKey: String {
        switch self {
        case .badRequest: return "bad_request"
        case .invalid: return "invalid"
        case .notFound: return "not_found"
        case .locked: return "locked"
        case .tooManyTries: return "too_many_tries"
        case .library(let kind, _, _):
            switch kind {
            case .io: return "io"
            case .unsafeVault: return "unsafe_vault"
            case .noVault: return "no_vault"
            case .wrongSecret: return "wrong_secret"
            case .noSecret: return "no_secret"
            case .weakSecret: return "weak_secret"
            case .notFound: return "not_found"
            case .exhausted: return "exhausted"
            case .integrity: return "integrity"
            case .malformed: return "malformed"
            case .untrustedSigner: return "untrusted_signer"
            case .rolledBack: return "rolled_back"
            case .unsupportedFormat: return "unsupported_format"
            case .invalidInput: return "invalid"
            case .alreadyExists: return "already_exists"
            case .busy: return "busy"
            case .changedMeanwhile: return "changed_meanwhile"
            case .keyring: return "keyring"
            case .incomplete: return "incomplete"
            }
        }
    }

    /// The heading in the request's language.
    var localizedTitle: String { AppLanguage.text("app.error.title." + titleKey) }

    /// The message in the request's language where the app words it itself.
    var localizedMessage: String {
        switch self {
        case .notFound: return AppLanguage.text("app.error.not_found_message")
        case .locked: return AppLanguage.text("app.error.locked_message")
        default: return message
        }
    }
}
