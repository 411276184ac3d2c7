import CaseVault
import Hummingbird
import SodiumKit

/// What the add and replace forms send: codes pasted into the box, or the
/// file a site saved them in, and (to add) the entry's name and account.
///
/// The codes arrive in secure memory (MultipartForm) and are read by the
/// library's CodeParser, as `code add --from-file` reads them: headings and
/// notes are skipped and counted, and a line that is not understood refuses
/// the whole input, naming line numbers, never a line's content.
struct CodeSubmission: Sendable {
    /// A site's codes file is a few hundred bytes (ten to a few dozen codes
    /// with a heading); the whole form is capped well above that and well
    /// below anything that would make reading it whole a burden.
    static let limit = 16 * 1024

    let form: MultipartForm

    static func read(_ request: Request, context: AppContext) async throws -> CodeSubmission {
        let form = try await MultipartForm.read(
            request, context: context, secretNames: ["codes"], limit: limit,
            tooLarge: AppLanguage.text("app.codes.submission_too_large"))
        return CodeSubmission(form: form)
    }

    var label: String? { form["label"] }
    var account: String? { form["account"] }
    var primary: Bool { form.isChecked("primary") }

    /// The codes read from the file or the pasted text (exactly one of them).
    func reading() throws -> CodeReading {
        let chosenFile = !(form.fileNames["file"] ?? "").isEmpty
        let file = form.secret("file")
        let pasted = form.secret("codes")
        if chosenFile && file == nil {
            throw AppError.invalid(AppLanguage.text("app.codes.file_empty"))
        }
        if file != nil && pasted != nil {
            throw AppError.invalid(AppLanguage.text("app.codes.not_both"))
        }
        guard let source = file ?? pasted else {
            throw AppError.invalid(AppLanguage.text("app.codes.none_given"))
        }
        // The parser takes an array; it lives only for the parse and is wiped.
        var bytes = source.withUnsafeBytes { Array($0) }
        defer { Bytes.wipe(&bytes) }
        return try CodeParser.read(bytes)
    }
}
