import CaseVault

/// A refusal of what a form sent, shown on the form itself with the fields
/// that were typed kept (a pasted code never is), instead of on an error page:
/// nothing typed is lost to a wrong value.
struct FormProblem: Sendable {
    let message: String
    let advice: String

    /// The problem to show on the form for `error`, or nil when the error is
    /// not about what was typed (a damaged vault, a locked one): that goes to
    /// the error page as usual.
    static func from(_ error: Error) -> FormProblem? {
        switch AppError(error) {
        case .invalid(let message), .tooManyTries(let message):
            return FormProblem(message: message, advice: "")
        case .library(let kind, let message, let advice) where kind == .invalidInput || kind == .alreadyExists || kind == .malformed:
            return FormProblem(message: sentence(message), advice: sentence(advice))
        default:
            return nil
        }
    }

    /// The library's lower-case clause as a sentence ("invalid label: …" ->
    /// "Invalid label: ….").
    static func sentence(_ s: String) -> String {
        guard let first = s.first else { return s }
        let body = first.uppercased() + s.dropFirst()
        return body.hasSuffix(".") ? body : body + "."
    }

    /// `advice` only when there is some (an empty one would still open its section).
    var model: [String: Any] {
        var m: [String: Any] = ["message": message]
        if !advice.isEmpty { m["advice"] = advice }
        return m
    }
}
