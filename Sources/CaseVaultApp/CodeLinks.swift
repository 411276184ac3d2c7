import Foundation
import Hummingbird

/// Addresses of a backup-code entry's pages, and the label read back from one.
///
/// An entry's pages live under `/codes/LABEL` (percent-encoded, as the home
/// page links them). A few labels cannot be a path segment: `.` and `..`
/// (browsers fold them away, encoded or not) and `new` (the add form's
/// address). Those entries' pages are `/codes/-…?label=LABEL` instead; every
/// route reads a `label` query parameter before the path segment.
enum CodeLinks {
    /// The entry's page, or one of its actions (`use`, `show`, `replace` ...),
    /// with optional extra query parameters (numbers and words, no secret).
    static func entry(_ label: String, action: String? = nil, query: [(String, String)] = []) -> String {
        let sub = action.map { "/" + $0 } ?? ""
        var parameters = query
        let base: String
        if needsQuery(label) {
            base = "/codes/-" + sub
            parameters.insert(("label", label), at: 0)
        } else {
            base = "/codes/" + AppRoutes.pathComponent(label) + sub
        }
        guard !parameters.isEmpty else { return base }
        return base + "?" + parameters.map { "\($0.0)=\(AppRoutes.pathComponent($0.1))" }.joined(separator: "&")
    }

    /// Labels that cannot be addressed as a path segment.
    static func needsQuery(_ label: String) -> Bool {
        label == "." || label == ".." || label.lowercased() == "new"
    }

    /// The label a request is about: its `label` query parameter, else the
    /// `:label` path segment, percent-decoded.
    static func label(_ request: Request, _ context: AppContext) throws -> String {
        if let q = request.uri.queryParameters.get("label"), !q.isEmpty { return q }
        guard let raw = context.parameters.get("label"), let label = raw.removingPercentEncoding, !label.isEmpty else {
            throw AppError.notFound
        }
        return label
    }
}
