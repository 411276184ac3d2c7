import CaseVault
import CaseVaultText
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// One kept share: its page (verified in full at each opening, as `share
/// extract` verifies), its documents viewed in the browser or downloaded,
/// its codes and case numbers on the Show button (a POST), and pinning a
/// held-back look-alike's key as a client of its own after a phone call
/// (`share pin`).
///
/// A share whose signer is not its client's pinned key (or an earlier key
/// of that client), or that is held back as a look-alike, is REFUSED:
/// nothing of its contents is read or shown. Nothing of a share is written
/// to disk in plaintext: documents are decrypted into the response.
extension AppRoutes {
    func registerShares(on router: Router<AppContext>) {
        router.get("/shares/:id") { request, context -> Response in
            let id = try Self.shareID(context)
            let notice = request.uri.queryParameters.get("done") == "pinned" ? SharePages.t("pinned_notice") : nil
            return try await sharePage(id, codes: false, notice: notice)
        }

        router.post("/shares/:id/codes") { _, context -> Response in
            try await sharePage(try Self.shareID(context), codes: true, notice: nil)
        }

        router.get("/shares/:id/documents/:n") { _, context -> Response in
            try await sendShareDocument(try Self.shareID(context), context, inline: true)
        }

        router.get("/shares/:id/documents/:n/download") { _, context -> Response in
            try await sendShareDocument(try Self.shareID(context), context, inline: false)
        }

        router.get("/shares/:id/pin") { _, context -> Response in
            let id = try Self.shareID(context)
            let language = AppLanguage.current
            let pin = try await session.withVault { vault in try Self.pinPage(vault, id, language: language) }
            return views.response("kept-share-pin", page(SharePages.t("pin_title"), section: "clients"), pin.model)
        }

        // Removing a share (as `share remove`): the GET asks, the POST removes
        // the record, its index summary and its kept file; the pin stays.
        // A refused share can be removed too (an impostor's, a damaged one).
        router.get("/shares/:id/remove") { _, context -> Response in
            let id = try Self.shareID(context)
            var model = try await session.withVault { vault -> [String: String] in
                let (share, _) = try InboxDirectory.share(vault, id: id)
                return ["id": id, "shortID": String(id.prefix(12)), "sender": LookalikeName.revealed(share.manifest.sender.name),
                        "made": ShareWords.moment(share.manifest.created), "received": ShareWords.moment(share.receivedAt)]
            }
            model["removeText"] = SharePages.t("remove_text", ["made": model["made"] ?? "", "received": model["received"] ?? ""])
            model["keyStays"] = SharePages.t("remove_key_stays", ["sender": model["sender"] ?? ""])
            return views.response("kept-share-remove", page(SharePages.t("remove_title"), section: "clients"), model)
        }

        router.post("/shares/:id/remove") { _, context -> Response in
            let id = try Self.shareID(context)
            try await session.withVault { vault in
                _ = try InboxDirectory.share(vault, id: id)
                try vault.inbox.remove(id: id)
            }
            return AppResponses.seeOther("/clients?removed=\(id.prefix(12))")
        }

        router.post("/shares/:id/pin") { request, context -> Response in
            let id = try Self.shareID(context)
            let form = try await FormFields.read(request, context: context)
            let language = AppLanguage.current
            guard form.isChecked("called") else {
                var model = try await session.withVault { vault in try Self.pinPage(vault, id, language: language) }.model
                model["error"] = SharePages.t("pin_tick")
                return views.response("kept-share-pin", page(SharePages.t("pin_title"), section: "clients"), model, status: .badRequest)
            }
            // As `share pin`: the kept share is verified again in full
            // (its file, signature, every entry) before its key is pinned.
            let kept = try await session.withVault { vault -> KeptShare in
                let (share, _) = try InboxDirectory.share(vault, id: id)
                guard share.looksLike != nil else { throw AppError.invalid(SharePages.t("not_held", [:], language)) }
                return try vault.inbox.openKept(share)
            }
            _ = try await ShareReading.verify(kept, codes: false)
            try await session.withVault { vault in _ = try vault.inbox.confirm(kept.share) }
            return AppResponses.seeOther("/shares/\(id)?done=pinned")
        }
    }

    /// The `:id` of the path: an inbox id (32 hex digits), else "not found".
    static func shareID(_ context: AppContext) throws -> String {
        guard let id = context.parameters.get("id"), isHexID(id, length: 32) else { throw AppError.notFound }
        return id
    }

    /// The share's page, verified in full first (when its signer may be trusted).
    private func sharePage(_ id: String, codes: Bool, notice: String?) async throws -> Response {
        let found = try await session.withVault { vault -> SharePages.Found in
            let (share, clientID) = try InboxDirectory.share(vault, id: id)
            let standing = try ShareStanding(share, vault: vault)
            return SharePages.Found(share: share, clientID: clientID, standing: standing,
                                    kept: standing.isTrusted ? try vault.inbox.openKept(share) : nil)
        }
        var verified: ShareReading.Verified?
        var failure: String?
        if found.share.identityFile == true {
            // Imported with an identity file the vault does not keep: the
            // vault's identities cannot open it (not a damaged share).
            failure = SharePages.t("identity_file")
        } else if let kept = found.kept {
            do {
                verified = try await ShareReading.verify(kept, codes: codes)
            } catch {
                failure = ShareWords.refusal(error).reason
            }
        }
        var model = SharePages.model(found, verified: verified, failure: failure)
        if let notice { model["notice"] = notice }
        let refused = model["refused"] as? Bool == true
        let title = SharePages.t(refused ? "refused_title" : "heading", ["sender": model["sender"] as? String ?? ""])
        return views.response("kept-share", page(title, section: "clients"), model, status: refused ? .forbidden : .ok)
    }

    /// The side-by-side page before pinning a look-alike's key.
    struct PinPage: Sendable {
        let id: String
        let client: String
        let pinned: String
        let sender: String
        let presented: String

        var model: [String: Any] {
            let client = LookalikeName.revealed(client)
            let sender = LookalikeName.revealed(sender)
            return ["client": client, "pinned": pinned, "sender": sender,
                    "presented": presented, "action": "/shares/\(id)/pin", "back": "/shares/\(id)",
                    "yourClient": SharePages.t("pin_your_client", ["client": client]),
                    "thisSender": SharePages.t("pin_sender", ["sender": sender]),
                    "callText": SharePages.t("pin_call", ["client": client]),
                    "calledText": SharePages.t("pin_called", ["client": client])]
        }
    }

    /// Runs on the vault's queue: its refusal is in `language`.
    static func pinPage(_ vault: Vault, _ id: String, language: Language) throws -> PinPage {
        let (share, _) = try InboxDirectory.share(vault, id: id)
        guard let client = share.looksLike else { throw AppError.invalid(SharePages.t("not_held", [:], language)) }
        return PinPage(id: id, client: client, pinned: try vault.inbox.pin(for: client)?.fingerprint ?? "",
                       sender: share.manifest.sender.name, presented: share.manifest.sender.fingerprint)
    }

    /// A document of a share streamed as the response: inline when `inline`
    /// and its name and first bytes say it is one of the types a browser
    /// shows without running anything of it (the document view's rules and
    /// headers), else as a download. The whole share is verified as it is
    /// read, and the document's last chunk is sent only once it all
    /// verified (ShareEntryStream): a failure cuts the transfer short.
    private func sendShareDocument(_ id: String, _ context: AppContext, inline: Bool) async throws -> Response {
        guard let n = context.parameters.get("n").flatMap({ Int($0) }), n >= 0 else { throw AppError.notFound }
        let language = AppLanguage.current
        let (kept, entry) = try await session.withVault { vault -> (KeptShare, ShareManifest.Entry) in
            let (share, _) = try InboxDirectory.share(vault, id: id)
            let standing = try ShareStanding(share, vault: vault)
            guard standing.isTrusted else {
                throw AppError.library(kind: .untrustedSigner, message: ShareWords.standing(standing, signer: share.manifest.sender.fingerprint, language),
                                       advice: SharePages.t("not_shown_advice", [:], language))
            }
            let docs = share.manifest.documentEntries
            guard n < docs.count else { throw AppError.notFound }
            return (try vault.inbox.openKept(share), docs[n])
        }
        let stream = ShareEntryStream(kept, path: entry.path)
        let first: ByteBuffer?
        do {
            first = try await stream.next()
        } catch {
            stream.cancel()
            throw AppError.library(kind: .integrity, message: ShareWords.refusal(error).reason,
                                   advice: SharePages.t("send_again_advice"))
        }
        let name = ShareWords.documentName(entry)
        let sniffed = first.map { Array($0.readableBytesView.prefix(DocumentContentType.sniffBytes)) } ?? []
        var headers = HTTPFields()
        if inline, let type = DocumentContentType.inline(fileName: name, firstBytes: sniffed) {
            headers[.contentType] = type.rawValue
            headers[.contentDisposition] = Self.contentDisposition("inline", fileName: name)
            headers[.contentSecurityPolicy] = type.contentSecurityPolicy
        } else {
            // Saved, never rendered: no type a browser would interpret.
            headers[.contentType] = "application/octet-stream"
            headers[.contentDisposition] = Self.contentDisposition("attachment", fileName: name)
            headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'; sandbox"
        }
        headers[.cacheControl] = "no-store"
        let body = ResponseBody(contentLength: Int(entry.size)) { writer in
            // One chunk is kept back until the next arrives, and the last
            // until the whole share verified.
            var held = first
            do {
                while let next = try await stream.next() {
                    if let h = held { try await writer.write(h) }
                    held = next
                }
                if let h = held { try await writer.write(h) }
            } catch {
                stream.cancel()
                throw error
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
