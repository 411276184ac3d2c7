import CaseVault
import Foundation
import Hummingbird

/// Case numbers: add (checked and normalised by IdentifierKind, as `id add`),
/// the masked list, show one in full, remove after a confirmation.
///
/// Forms name an identifier by its record id (random, not secret), never by
/// its value; the value is on a page only after its Show button (a POST).
extension AppRoutes {
    func registerIdentifiers(on router: Router<AppContext>) {
        router.get("/ids") { request, _ -> Response in
            let rows = try await session.withVault { vault in IdentifierPages.rows(try vault.identifiers.list()) }
            let q = request.uri.queryParameters
            var notice: String?
            if let added = q.get("added"), !added.isEmpty { notice = AppLanguage.text("app.ids.stored", ["label": added]) }
            if let removed = q.get("removed"), !removed.isEmpty { notice = AppLanguage.text("app.ids.removed", ["label": removed]) }
            return views.response("ids", page(AppLanguage.text("app.nav.ids"), section: "ids"), IdentifierPages.listModel(rows, notice: notice))
        }

        router.get("/ids/new") { _, _ -> Response in
            views.response("id-new", page(AppLanguage.text("app.ids.add"), section: "ids"), IdentifierPages.formModel())
        }

        router.post("/ids") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            let kind = form["kind"].flatMap(IdentifierKind.init(rawValue:))
            let value = form["value"] ?? ""
            do {
                guard let kind else {
                    throw AppError.invalid(AppLanguage.text("app.ids.choose_kind"))
                }
                let stored = try await session.withVault { vault in
                    try vault.identifiers.add(kind: kind, value: value, label: form["label"], note: form["note"]).identifier.label
                }
                return AppResponses.seeOther("/ids?added=" + AppRoutes.pathComponent(stored))
            } catch {
                guard var problem = FormProblem.from(error) else { throw error }
                // The library words a bad value in English ("an A-Number has
                // 7 to 9 digits"); in another language the form says which
                // kind of number and its format in the page's words.
                if AppLanguage.current != .english, let kind, let e = error as? CaseVaultError, case .invalidInput = e {
                    problem = FormProblem(message: AppLanguage.text("app.ids.invalid_value", [
                        "kind": IdentifierPages.kindName(kind), "format": IdentifierPages.format(kind)]), advice: "")
                }
                // What was typed comes back for correction: a case number is
                // not a secret to its owner (USCIS prints it on every notice).
                let model = IdentifierPages.formModel(kind: kind, value: form.raw("value"), label: form["label"],
                                                      note: form.raw("note"), problem: problem)
                return views.response("id-new", page(AppLanguage.text("app.ids.add"), section: "ids"), model, status: AppError(error).status)
            }
        }

        router.post("/ids/show") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            let id = try form.required("id", label: "Which number")
            let rows = try await session.withVault { vault in
                let all = try vault.identifiers.list()
                guard all.contains(where: { $0.id == id }) else { throw AppError.notFound }
                return IdentifierPages.rows(all, reveal: id)
            }
            return views.response("ids", page(AppLanguage.text("app.nav.ids"), section: "ids"), IdentifierPages.listModel(rows, notice: nil))
        }

        // Two POSTs: the first answers "are you sure?", the second (with
        // confirm=yes, from that page's button) removes.
        router.post("/ids/remove") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            let id = try form.required("id", label: "Which number")
            let confirmed = form["confirm"] == "yes"
            let row = try await session.withVault { vault -> IdentifierPages.Row in
                guard let found = try vault.identifiers.list().first(where: { $0.id == id }) else { throw AppError.notFound }
                if confirmed { try vault.identifiers.remove(found.id) }
                return IdentifierPages.Row(found, reveal: false)
            }
            if confirmed { return AppResponses.seeOther("/ids?removed=" + AppRoutes.pathComponent(row.label)) }
            return views.response("id-remove", page(AppLanguage.text("app.ids.remove_title", ["label": row.label]), section: "ids"), row.model)
        }
    }
}
