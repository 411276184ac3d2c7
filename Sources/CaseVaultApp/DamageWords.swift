import CaseVault
import CaseVaultText

/// Names the vault's parts in plain words, for the integrity check and the
/// restore: what was checked, and which item is damaged. The words are the
/// catalogue's `app.damage.*`, in the language given (work on the vault
/// queue passes the language read before).
///
/// The library names a damaged item by its table and id (a damaged record
/// cannot be decrypted, so its label is unknown); a document whose index
/// row still opens is named by its label too.
enum DamageWords {
    static func t(_ key: String, _ values: [String: String] = [:], _ language: Language) -> String {
        Catalogue.text("app.damage." + key, language, values)
    }

    /// The check's counters with words of their own (`inbox files` is keyed `inbox_files`).
    private static let counted: Set<String> = [
        "code_entry", "identifier", "share_secret", "share_profile", "representative", "pinned_sender",
        "inbox_share", "inbox_files", "documents", "key_slots", "state_record",
    ]

    /// How many of a table's rows (or one of the check's counters) were
    /// checked: "12 backup-code entries", "1 document".
    static func count(_ n: Int, _ what: String, _ language: Language = AppLanguage.current) -> String {
        let key = what.replacingOccurrences(of: " ", with: "_")
        guard counted.contains(key) else { return "\(n) \(what.replacingOccurrences(of: "_", with: " "))" }
        return t("count." + key + (n == 1 ? "_one" : ""), ["count": "\(n)"], language)
    }

    /// One item: `code_entry/<id>`, `key_slot/passphrase`, `meta/state`,
    /// `document 1a2b3c4d`, a file name; `labels` maps document id prefixes
    /// to the labels of documents whose metadata still opens.
    static func item(_ record: String, store: String = "", labels: [String: String] = [:],
                     _ language: Language = AppLanguage.current) -> String {
        func w(_ key: String, _ values: [String: String] = [:]) -> String { t(key, values, language) }
        if record.hasPrefix("document ") {
            let id = String(record.dropFirst("document ".count))
            return labels[id].map { w("document_label", ["id": id, "label": $0]) } ?? w("document", ["id": id])
        }
        let parts = record.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            return w(store == "inbox" ? "inbox_file" : "file", ["name": record])
        }
        let (table, id) = (parts[0], parts[1])
        let short = ["id": String(id.prefix(8))]
        switch table {
        case "code_entry", "identifier", "share_secret", "representative", "pinned_sender", "inbox_share":
            return w(table, short)
        case "share_profile": return w("share_secret", short)
        case "key_slot":
            switch id {
            case "passphrase", "recovery", "keyring": return w("slot_" + id)
            default: return w("slot_other", ["id": id])
            }
        case "meta" where id == "state": return w("state")
        case "documents": return w("document_file", ["id": id])
        default: return record
        }
    }

    /// An item a backup or restore left out.
    static func omission(_ o: BackupOmission, _ language: Language = AppLanguage.current) -> String {
        switch o.kind {
        case .document:
            let id = String(o.id.prefix(8))
            return o.label.map { t("document_label", ["id": id, "label": $0], language) } ?? t("document", ["id": id], language)
        case .record: return item(o.id, language)
        case .inboxShare: return t("inbox_share", ["id": String(o.id.prefix(12))], language)
        }
    }
}
