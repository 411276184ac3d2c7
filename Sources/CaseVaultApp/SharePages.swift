import CaseVault
import CaseVaultText
import Foundation

/// What a share's page shows: who sent it, to whom, whether it may be
/// opened, and (only then, once it verified in full) what it holds.
enum SharePages {
    /// A share's pages' words (`app.share.KEY`) in `language`.
    static func t(_ key: String, _ values: [String: String] = [:], _ language: Language = AppLanguage.current) -> String {
        Catalogue.text("app.share." + key, language, values)
    }

    /// What the vault's queue hands over for a share's page.
    struct Found: Sendable {
        let share: InboxShare
        let clientID: String
        let standing: ShareStanding
        /// Opened for reading when its standing lets it be shown.
        let kept: KeptShare?
    }

    /// The page's values. `verified` is nil when the share was not read
    /// (refused by its standing) or `failure` says why it did not verify.
    static func model(_ f: Found, verified: ShareReading.Verified?, failure: String?) -> [String: Any] {
        let m = f.share.manifest
        let heldBack: Bool = { if case .lookalike = f.standing { return true } else { return false } }()
        let sender = heldBack ? LookalikeName.revealed(m.sender.name) : m.sender.name
        var model: [String: Any] = [
            "id": f.share.inboxID, "shortID": String(f.share.inboxID.prefix(12)),
            "sender": sender,
            "heading": t("heading", ["sender": sender]), "refusedHeading": t("refused_heading", ["sender": sender]),
            "clientLink": "/clients/\(f.clientID)",
            "made": ShareWords.moment(m.created), "received": ShareWords.moment(f.share.receivedAt),
            "recipientName": m.recipient.name, "recipientFingerprint": m.recipient.fingerprint,
            "signer": m.sender.fingerprint,
            "standing": ShareWords.standing(f.standing, signer: m.sender.fingerprint),
        ]
        if case .lookalike = f.standing { model["pinLink"] = "/shares/\(f.share.inboxID)/pin" }
        guard f.standing.isTrusted else {
            model["refused"] = true
            model["reason"] = heldBack ? t("held_reason") : t("refused_reason")
            return model
        }
        if let failure {
            model["refused"] = true
            model["reason"] = t("failure_reason", ["failure": failure])
            return model
        }
        guard let verified else { return model }
        model["verified"] = true
        let docs = m.documentEntries.enumerated().map { (n, e) -> [String: Any] in
            let name = ShareWords.documentName(e)
            let viewable = DocumentContentType.inline(fileName: name, firstBytes: verified.firstBytes[e.path] ?? []) != nil
            var d: [String: Any] = ["name": name, "size": DocumentPages.size(e.size), "sha256": e.sha256 ?? e.blake2b ?? "",
                                    "viewLabel": t("view_label", ["name": name]), "downloadLabel": t("download_label", ["name": name]),
                                    "download": "/shares/\(f.share.inboxID)/documents/\(n)/download"]
            if viewable { d["view"] = "/shares/\(f.share.inboxID)/documents/\(n)" }
            return d
        }
        model["documents"] = docs
        model["hasDocuments"] = !docs.isEmpty
        model["hasCodes"] = m.entries.contains { $0.path == ShareManifest.codesPath }
        if let codes = verified.codes { model["codes"] = codes }
        model["nothing"] = docs.isEmpty && model["hasCodes"] as? Bool != true
        return model
    }
}
