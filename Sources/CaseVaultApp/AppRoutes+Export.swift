import CaseVault
import Foundation
import HTTPTypes
import Hummingbird

/// Sending to a representative: choose what (codes, case numbers,
/// documents), review what the share will hold and for whom, then the
/// sealed share downloads as an .age file, made while it downloads. As
/// `casevault export`, through the same ShareExporter.
///
/// Backup codes go into a share only when their box is ticked; none is
/// ticked at first, and the USCIS code carries a warning (a USCIS online
/// account is personal: representatives have their own). The choice moves
/// from page to page in form fields (names and ids, never a code); each
/// step checks it against the vault again.
extension AppRoutes {
    func registerExport(on router: Router<AppContext>) {
        router.get("/export") { request, _ -> Response in
            var choice = ExportChoice()
            choice.to = request.uri.queryParameters.get("to").map { String($0) }
            return try await exportForm(choice)
        }

        // "Change what is sent" on the review page: the form again, as chosen.
        router.post("/export/edit") { request, context -> Response in
            try await exportForm(ExportChoice(try await FormFields.read(request, context: context)))
        }

        router.post("/export/review") { request, context -> Response in
            let choice = ExportChoice(try await FormFields.read(request, context: context))
            let language = AppLanguage.current
            do {
                let review = try await session.withVault { vault in try ExportPages.Review(vault, choice, language: language) }
                return views.response("export-review", page(ExportPages.t("review_title"), section: "share"), review.model)
            } catch {
                guard let problem = FormProblem.from(error) ?? Self.missingChoice(error) else { throw error }
                return try await exportForm(choice, problem: problem, status: AppError(error).status)
            }
        }

        router.post("/export/download") { request, context -> Response in
            let choice = ExportChoice(try await FormFields.read(request, context: context))
            guard let to = choice.to, !choice.isEmpty else {
                throw AppError.invalid(ExportPages.t("choose_then_review"))
            }
            let selection = choice.selection
            let senderName = choice.senderName
            let download = try await SealedDownload<String>.start(session: session) { vault, stream in
                try ShareExporter(vault: vault).export(to: to, selection: selection, senderName: senderName, destination: .stream(stream)).recipient.name
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/octet-stream"
            headers[.contentDisposition] = Self.contentDisposition("attachment", fileName: ExportPages.fileName(to: to))
            headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'; sandbox"
            headers[.cacheControl] = "no-store"
            let notes = session.downloads
            // The outcome arrives when the download ends, off this request's
            // task: its words are the language read now.
            let heading = ExportPages.t("failed_heading")
            let deleteIt = ExportPages.t("failed_delete")
            return download.response(headers: headers) { outcome in
                guard case .failure(let error) = outcome else { return }
                let app = AppError(error)
                notes.set(.share, .init(failed: true, heading: heading, lines: [
                    app.message,
                    deleteIt,
                ] + (app.advice.isEmpty ? [] : [app.advice])))
            }
        }
    }

    /// The export form, with `choice` ticked, and the last download's note.
    private func exportForm(_ choice: ExportChoice, problem: FormProblem? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let options = try await session.withVault { vault in try ExportPages.Options(vault) }
        var model = options.model(choice, problem: problem)
        if let note = session.downloads.take(.share) { model["note"] = note.model }
        return views.response("export", page(ExportPages.t("title"), section: "share"), model, status: status)
    }

    /// A representative, code or document not found: shown on the form
    /// (it was removed meanwhile, in another tab), not as an error page.
    private static func missingChoice(_ error: Error) -> FormProblem? {
        guard case .library(.notFound, let message, _) = AppError(error) else { return nil }
        return FormProblem(message: FormProblem.sentence(message), advice: ExportPages.t("removed_meanwhile"))
    }
}
