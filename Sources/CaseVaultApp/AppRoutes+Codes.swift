import CaseVault
import CaseVaultText
import Foundation
import Hummingbird
import HTTPTypes

/// Backup codes: list, add (pasted or a site's file), the entry's page,
/// show, use the next code, replace, set primary, remove.
///
/// Everything the CLI's `code` commands do, through the same CodeStore.
/// Codes reach a page only when asked for (Show, a POST) or when one is
/// used (the POST's own answer); GET pages carry counts and dates.
extension AppRoutes {
    func registerCodes(on router: Router<AppContext>) {
        router.get("/codes") { request, _ -> Response in
            let entries = try await session.withVault { vault in try vault.codes.list().map { CodePages.Summary($0.entry) } }
            var model: [String: Any] = ["entries": entries.map(\.model), "hasEntries": !entries.isEmpty]
            if let removed = request.uri.queryParameters.get("removed"), !removed.isEmpty {
                model["removed"] = String(removed)
                model["removedText"] = CodePages.t("removed", ["label": String(removed)])
            }
            return views.response("codes", page(AppLanguage.text("app.nav.codes"), section: "codes"), model)
        }

        router.get("/codes/new") { _, _ -> Response in
            views.response("code-new", page(CodePages.t("add"), section: "codes"), CodePages.formModel())
        }

        router.post("/codes") { request, context -> Response in
            var submitted: CodeSubmission?
            do {
                let form = try await CodeSubmission.read(request, context: context)
                submitted = form
                let label = form.label ?? ""
                let reading = try form.reading()
                let saved = try await session.withVault { vault in
                    let stored = try vault.codes.add(label: label, account: form.account, codes: reading.codes, primary: form.primary)
                    return (stored.entry.label, stored.entry.codes.count)
                }
                return AppResponses.seeOther(CodeLinks.entry(saved.0, query: CodePages.doneQuery("added", stored: saved.1, reading: reading)))
            } catch {
                // Refused: the form again, with what was typed but the codes.
                guard let problem = FormProblem.from(error) else { throw error }
                let model = CodePages.formModel(label: submitted?.label, account: submitted?.account, primary: submitted?.primary ?? false, problem: problem)
                return views.response("code-new", page(CodePages.t("add"), section: "codes"), model, status: AppError(error).status)
            }
        }

        router.get("/codes/:label") { request, context -> Response in
            let label = try CodeLinks.label(request, context)
            let detail = try await session.withVault { vault in CodePages.Detail(try vault.codes.find(label: label).entry, reveal: false) }
            let q = request.uri.queryParameters
            let notices = CodePages.notices(done: q.get("done"), codes: q.get("codes"), skipped: q.get("skipped"),
                                            repeated: q.get("repeated"), kind: detail.summary.kind)
            return views.response("code-detail", page(detail.summary.label, section: "codes"), detail.model(notices: notices))
        }

        // Show: the entry's page with its codes, as the answer to a POST (a
        // GET address that shows codes would sit in the browser's history).
        router.post("/codes/:label/show") { request, context -> Response in
            let label = try CodeLinks.label(request, context)
            let detail = try await session.withVault { vault in CodePages.Detail(try vault.codes.find(label: label).entry, reveal: true) }
            return views.response("code-detail", page(detail.summary.label, section: "codes"), detail.model(notices: []))
        }

        router.post("/codes/:label/use") { request, context -> Response in
            let label = try CodeLinks.label(request, context)
            let form = try await FormFields.read(request, context: context)
            return try await useCode(label: label, expected: form["expect"].flatMap { Int($0) }, fromEmergency: form["from"] == "emergency")
        }

        router.get("/codes/:label/replace") { request, context -> Response in
            let label = try CodeLinks.label(request, context)
            let summary = try await session.withVault { vault in CodePages.Summary(try vault.codes.find(label: label).entry) }
            return views.response("code-replace", page(CodePages.t("replace"), section: "codes"), replaceModel(summary, problem: nil))
        }

        router.post("/codes/:label/replace") { request, context -> Response in
            let label = try CodeLinks.label(request, context)
            let summary = try await session.withVault { vault in CodePages.Summary(try vault.codes.find(label: label).entry) }
            do {
                let reading = try await CodeSubmission.read(request, context: context).reading()
                let count = try await session.withVault { vault in try vault.codes.replace(label: label, codes: reading.codes).entry.codes.count }
                return AppResponses.seeOther(CodeLinks.entry(summary.label, query: CodePages.doneQuery("replaced", stored: count, reading: reading)))
            } catch {
                guard let problem = FormProblem.from(error) else { throw error }
                return views.response("code-replace", page(CodePages.t("replace"), section: "codes"), replaceModel(summary, problem: problem),
                                      status: AppError(error).status)
            }
        }

        router.post("/codes/:label/primary") { request, context -> Response in
            let label = try CodeLinks.label(request, context)
            let stored = try await session.withVault { vault in
                try vault.codes.setPrimary(label: label)
                return try vault.codes.find(label: label).entry.label
            }
            return AppResponses.seeOther(CodeLinks.entry(stored, query: [("done", "primary")]))
        }

        // Remove takes two POSTs: the first answers "are you sure?", the
        // second (with confirm=yes, from that page's button) removes.
        router.post("/codes/:label/remove") { request, context -> Response in
            let label = try CodeLinks.label(request, context)
            let form = try await FormFields.read(request, context: context)
            if form["confirm"] == "yes" {
                let removed = try await session.withVault { vault in
                    let name = try vault.codes.find(label: label).entry.label
                    try vault.codes.remove(label: label)
                    return name
                }
                return AppResponses.seeOther("/codes?removed=" + AppRoutes.pathComponent(removed))
            }
            let detail = try await session.withVault { vault in CodePages.Detail(try vault.codes.find(label: label).entry, reveal: false) }
            return views.response("code-remove", page(CodePages.t("remove_title", ["label": detail.summary.label]), section: "codes"), detail.model(notices: []))
        }
    }

    private func replaceModel(_ summary: CodePages.Summary, problem: FormProblem?) -> [String: Any] {
        var m = CodePages.formModel(problem: problem)
        m["label"] = summary.label
        m["action"] = CodeLinks.entry(summary.label, action: "replace")
        m["link"] = summary.model["link"]
        m["isList"] = summary.kind == .list
        return m
    }

    /// Uses the next code of `label` and answers with it, large, once.
    ///
    /// The page is rendered inside the transaction that marks the code used
    /// (CodeStore.use's `deliver`): if the page cannot be made, the mark is
    /// rolled back. `expected` (from the emergency page) is the position of
    /// the code that page showed: when another window or process used it
    /// meanwhile, nothing is marked and the user is told to look again,
    /// rather than handed a different code than the one on their screen.
    private func useCode(label: String, expected: Int?, fromEmergency: Bool) async throws -> Response {
        let views = self.views
        let info = page(CodePages.t("your_code"), section: fromEmergency ? "emergency" : "codes")
        // Rendered on the vault queue: the request's language is read here.
        let language = AppLanguage.current
        let html = try await session.withVault { vault -> String in
            var html: String?
            _ = try vault.codes.use(label: label) { use in
                if let expected, CodePages.position(of: use) != expected {
                    throw AppError.invalid(Catalogue.text("app.codes.changed_meanwhile", language, ["label": use.entry.label]))
                }
                var model = CodePages.Used(use, fromEmergency: fromEmergency).model(language)
                model["page"] = info.values
                model.merge(Views.languageValues(language, returnPath: "/")) { _, new in new }
                guard let page = views.library.render(model, withTemplate: "code-used") else {
                    throw AppError.badRequest(Catalogue.text("app.codes.page_missing", language))
                }
                html = page
            }
            return html ?? ""
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
