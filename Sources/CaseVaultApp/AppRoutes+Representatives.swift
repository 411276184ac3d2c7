import CaseVault
import Foundation
import Hummingbird
import SodiumKit

/// Representatives (attorneys, accredited representatives) shares are
/// sealed to: add one from the recipient they gave (pasted, or the file
/// they sent), its fingerprint shown large to be confirmed by phone, the
/// list, removal after a confirmation. As `casevault rep add|list|remove`,
/// through the same RepresentativeStore (its checks: the recipient's
/// checksum, names that differ, also to the eye).
extension AppRoutes {
    func registerRepresentatives(on router: Router<AppContext>) {
        // The navigation's "Share & backup".
        router.get("/share") { _, _ -> Response in
            let count = try await session.withVault { vault in try vault.representatives.list().count }
            return views.response("share", page("Share and back up", section: "share"), ["repCount": count])
        }

        router.get("/representatives") { request, _ -> Response in
            let rows = try await session.withVault { vault in try vault.representatives.list().map(RepresentativePages.Row.init) }
            var model: [String: Any] = ["reps": rows.map(\.model), "hasReps": !rows.isEmpty]
            if let removed = request.uri.queryParameters.get("removed"), !removed.isEmpty { model["removed"] = String(removed) }
            return views.response("representatives", page("Representatives", section: "share"), model)
        }

        router.get("/representatives/new") { _, _ -> Response in
            views.response("representative-new", page("Add a representative", section: "share"), RepresentativePages.formModel())
        }

        router.post("/representatives") { request, context -> Response in
            var typedName: String?
            var typedRecipient: String?
            do {
                let form = try await MultipartForm.read(
                    request, context: context, secretNames: ["recipient"], limit: RecipientText.fileLimit + 8 * 1024,
                    tooLarge: "What was sent is larger than \(RecipientText.fileLimit / 1024) KiB. A representative's recipient is one line: "
                        + "paste it, or choose the small file they sent.")
                typedName = form["name"]
                guard let name = form["name"] else {
                    throw AppError.invalid("Type your representative's name, as you want to see it (such as \"Jane Doe, Esq.\").")
                }
                let recipient = try Self.recipient(from: form)
                typedRecipient = recipient
                let added = try await session.withVault { vault in try vault.representatives.add(name: name, recipient: recipient).name }
                return AppResponses.seeOther(RepresentativePages.link(added) + "&added=1")
            } catch {
                guard let problem = FormProblem.from(error) else { throw error }
                let model = RepresentativePages.formModel(name: typedName, recipient: typedRecipient, problem: problem)
                return views.response("representative-new", page("Add a representative", section: "share"), model, status: AppError(error).status)
            }
        }

        router.get("/representatives/show") { request, _ -> Response in
            let name = try Self.representativeName(request)
            let row = try await session.withVault { vault in RepresentativePages.Row(try vault.representatives.find(name)) }
            var model = row.model
            model["justAdded"] = request.uri.queryParameters.get("added") != nil
            return views.response("representative", page(row.name, section: "share"), model)
        }

        router.get("/representatives/remove") { request, _ -> Response in
            let name = try Self.representativeName(request)
            let row = try await session.withVault { vault in RepresentativePages.Row(try vault.representatives.find(name)) }
            return views.response("representative-remove", page("Remove \(row.name)?", section: "share"), row.model)
        }

        router.post("/representatives/remove") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            let name = try form.required("name", label: "Which representative")
            let removed = try await session.withVault { vault -> String in
                let r = try vault.representatives.find(name)
                try vault.representatives.remove(r.name)
                return r.name
            }
            return AppResponses.seeOther("/representatives?removed=" + AppRoutes.pathComponent(removed))
        }
    }

    /// The `name` query parameter, else "not found".
    static func representativeName(_ request: Request) throws -> String {
        guard let name = request.uri.queryParameters.get("name"), !name.isEmpty else { throw AppError.notFound }
        return String(name)
    }

    /// The recipient pasted or read from the chosen file (one of them).
    static func recipient(from form: MultipartForm) throws -> String {
        let chosenFile = !(form.fileNames["file"] ?? "").isEmpty
        let file = form.secret("file")
        let pasted = form.secret("recipient")
        if chosenFile && file == nil {
            throw AppError.invalid("The file you chose is empty. Choose the file your representative sent, or paste their recipient.")
        }
        if file != nil && pasted != nil {
            throw AppError.invalid("Paste the recipient or choose a file, not both.")
        }
        guard let source = file ?? pasted else {
            throw AppError.invalid("Paste your representative's recipient (it starts with age1), or choose the file they sent.")
        }
        return try RecipientText.recipient(in: source)
    }
}
