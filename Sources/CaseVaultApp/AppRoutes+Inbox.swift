import CaseVault
import Foundation
import HTTPTypes
import Hummingbird

/// Clients: the attorney's inbox (clients newest first, searched by name, a
/// page at a time), one client's shares, importing share files (several at
/// once, each verified before it is kept, as `share import` does), and
/// accepting a client's new key after a phone call (`share import --repin`).
///
/// Searching is a GET form and changes nothing. Clients are named in
/// addresses by an opaque id, shares by the inbox's own random id.
extension AppRoutes {
    func registerInbox(on router: Router<AppContext>) {
        router.get("/clients") { request, _ -> Response in
            let query = Self.formValue(request, "q")?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
            let number = Self.formValue(request, "page").flatMap { Int($0) } ?? 1
            guard (query?.count ?? 0) <= 100 else { throw AppError.invalid(InboxPages.t("search_too_long")) }
            let (list, hasIdentity) = try await session.withVault { vault in
                (try InboxDirectory.page(vault, query: query, number: number), try vault.shareKeys.ageIdentity() != nil)
            }
            var model = InboxPages.listModel(list, query: query, hasIdentity: hasIdentity)
            // After a removal (a redirect from its POST): the short id only, checked as hex.
            if let removed = Self.formValue(request, "removed"), removed.count == 12, Self.isHexID(removed, length: 12) {
                model["removed"] = removed
                model["removedText"] = InboxPages.t("removed", ["id": removed])
            }
            return views.response("clients", page(InboxPages.t("title"), section: "clients"), model)
        }

        router.get("/clients/import") { _, _ -> Response in
            let hasIdentity = try await session.withVault { vault in try vault.shareKeys.ageIdentity() != nil }
            return views.response("clients-import", page(InboxPages.t("import"), section: "clients"),
                                  ["noIdentity": !hasIdentity, "filesHint": InboxPages.t("files_hint", ["max": "\(ShareUploadForm.maxFiles)"])])
        }

        router.post("/clients/import") { request, _ -> Response in
            try await importShares(request)
        }

        router.get("/clients/repin/:token") { _, context -> Response in
            let held = try heldRepin(context)
            return views.response("clients-repin", page(InboxPages.t("repin_title", ["client": held.client]), section: "clients"), repinModel(held, context))
        }

        router.post("/clients/repin/:token") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            let token = context.parameters.get("token") ?? ""
            let held = try heldRepin(context)
            guard form.isChecked("called") else {
                var model = repinModel(held, context)
                model["error"] = InboxPages.t("repin_tick", ["client": held.client])
                return views.response("clients-repin", page(InboxPages.t("repin_title", ["client": held.client]), section: "clients"), model, status: .badRequest)
            }
            // Used once, whatever comes of it.
            guard let taken = session.repins.take(token) else { throw AppError.notFound }
            let upload = taken.upload
            let language = AppLanguage.current
            let outcome = try await session.withVault { vault in ShareImport.importOne(upload, vault: vault, repin: true, language: language) }
            return importResults([outcome])
        }

        router.get("/clients/:id") { _, context -> Response in
            guard let id = context.parameters.get("id"), Self.isHexID(id, length: 32) else { throw AppError.notFound }
            let client = try await session.withVault { vault in try InboxDirectory.client(vault, id: id) }
            return views.response("client", page(InboxPages.shownName(client.summary), section: "clients"), InboxPages.clientModel(client))
        }
    }

    /// A field of a GET form's query, decoded as browsers encode forms
    /// (`+` for a space, then percent escapes), which Hummingbird's
    /// `queryParameters` does not do for `+`.
    static func formValue(_ request: Request, _ name: String) -> String? {
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first.map(String.init)?.replacingOccurrences(of: "+", with: " ").removingPercentEncoding == name else { continue }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            return raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }

    /// Whether `s` is `length` lowercase hex digits (an id of ours).
    static func isHexID(_ s: String, length: Int) -> Bool {
        s.utf8.count == length && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Receives the chosen files, then imports each in turn; the answer is
    /// the results page itself (what was kept, what was refused and why):
    /// reloading it sends the files again, which keeps nothing twice.
    private func importShares(_ request: Request) async throws -> Response {
        let hasIdentity = try await session.withVault { vault in try vault.shareKeys.ageIdentity() != nil }
        guard hasIdentity else {
            throw AppError.invalid(InboxPages.t("import_needs_identity"))
        }
        let uploads = try await ShareImport.receive(request, into: session.location.path)
        guard !uploads.isEmpty else {
            return views.response("clients-import", page(InboxPages.t("import"), section: "clients"),
                                  ["error": InboxPages.t("choose_files"),
                                   "filesHint": InboxPages.t("files_hint", ["max": "\(ShareUploadForm.maxFiles)"])], status: .badRequest)
        }
        var outcomes: [ShareImport.Outcome] = []
        let language = AppLanguage.current
        for upload in uploads {
            var outcome = try await session.withVault { vault in ShareImport.importOne(upload, vault: vault, language: language) }
            if case .refused(let reason, var changed?) = outcome.result {
                // Held for the re-pin page; every other refused file is dropped here.
                changed.token = session.repins.hold(upload, client: changed.client, pinned: changed.pinned, presented: changed.presented)
                outcome.result = .refused(reason: reason, changedKey: changed)
            }
            outcomes.append(outcome)
        }
        return importResults(outcomes)
    }

    private func importResults(_ outcomes: [ShareImport.Outcome]) -> Response {
        let kept = outcomes.filter { if case .kept = $0.result { return true } else { return false } }.count
        let refused = outcomes.count - kept
        var summary = kept == 1 ? InboxPages.t("kept_one") : InboxPages.t("kept_many", ["count": "\(kept)"])
        if refused > 0 { summary += refused == 1 ? InboxPages.t("refused_one") : InboxPages.t("refused_count", ["count": "\(refused)"]) }
        return views.response("clients-imported", page(InboxPages.t("results_title"), section: "clients"), [
            "results": outcomes.map(\.model), "summary": summary + ".", "anyRefused": refused > 0,
        ])
    }

    private func heldRepin(_ context: AppContext) throws -> RepinHolds.Held {
        guard let token = context.parameters.get("token"), Self.isHexID(token, length: 32),
              let held = session.repins.find(token) else {
            throw AppError.invalid(InboxPages.t("repin_expired"))
        }
        return held
    }

    private func repinModel(_ held: RepinHolds.Held, _ context: AppContext) -> [String: Any] {
        ["client": held.client, "pinned": held.pinned, "presented": held.presented, "fileName": held.upload.fileName,
         "repinTitle": InboxPages.t("repin_title", ["client": held.client]),
         "repinAbout": InboxPages.t("repin_about_2", ["client": held.client]),
         "repinOld": InboxPages.t("repin_old", ["client": held.client]),
         "repinCall": InboxPages.t("repin_call", ["client": held.client]),
         "repinCalled": InboxPages.t("repin_called", ["client": held.client]),
         "action": "/clients/repin/\(context.parameters.get("token") ?? "")"]
    }
}
