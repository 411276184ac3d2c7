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
            return views.response("share", page(RepresentativePages.t("hub_title"), section: "share"),
                                  ["repCount": count, "repCountText": RepresentativePages.t("hub_yours", ["count": "\(count)"])])
        }

        router.get("/representatives") { request, _ -> Response in
            let rows = try await session.withVault { vault in try vault.representatives.list().map(RepresentativePages.Row.init) }
            var model: [String: Any] = ["reps": rows.map(\.model), "hasReps": !rows.isEmpty]
            if let removed = request.uri.queryParameters.get("removed"), !removed.isEmpty {
                model["removed"] = String(removed)
                model["removedText"] = RepresentativePages.t("removed", ["name": String(removed)])
            }
            return views.response("representatives", page(RepresentativePages.t("title"), section: "share"), model)
        }

        router.get("/representatives/new") { _, _ -> Response in
            views.response("representative-new", page(RepresentativePages.t("add"), section: "share"), RepresentativePages.formModel())
        }

        router.post("/representatives") { request, context -> Response in
            var typedName: String?
            var typedRecipient: String?
            do {
                let form = try await MultipartForm.read(
                    request, context: context, secretNames: ["recipient"], limit: RecipientText.fileLimit + 8 * 1024,
                    tooLarge: RepresentativePages.t("too_large", ["limit": "\(RecipientText.fileLimit / 1024)"]))
                typedName = form["name"]
                guard let name = form["name"] else {
                    throw AppError.invalid(RepresentativePages.t("name_missing"))
                }
                let recipient = try Self.recipient(from: form)
                typedRecipient = recipient
                let added = try await session.withVault { vault in try vault.representatives.add(name: name, recipient: recipient).name }
                return AppResponses.seeOther(RepresentativePages.link(added) + "&added=1")
            } catch {
                guard let problem = FormProblem.from(error) else { throw error }
                let model = RepresentativePages.formModel(name: typedName, recipient: typedRecipient, problem: problem)
                return views.response("representative-new", page(RepresentativePages.t("add"), section: "share"), model, status: AppError(error).status)
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
            return views.response("representative-remove", page(RepresentativePages.t("remove_title", ["name": row.name]), section: "share"), row.model)
        }

        router.post("/representatives/remove") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            guard let name = form["name"] else { throw AppError.badRequest(RepresentativePages.t("which_missing")) }
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
            throw AppError.invalid(RepresentativePages.t("file_empty"))
        }
        if file != nil && pasted != nil {
            throw AppError.invalid(RepresentativePages.t("both"))
        }
        guard let source = file ?? pasted else {
            throw AppError.invalid(RepresentativePages.t("recipient_missing"))
        }
        return try RecipientText.recipient(in: source)
    }
}
