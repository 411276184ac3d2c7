import CaseVault

/// Names the vault's parts in plain words, for the integrity check and the
/// restore: what was checked, and which item is damaged.
///
/// The library names a damaged item by its table and id (a damaged record
/// cannot be decrypted, so its label is unknown); a document whose index
/// row still opens is named by its label too.
enum DamageWords {
    /// How many of a table's rows (or one of the check's counters) were
    /// checked: "12 backup-code entries", "1 document".
    static func count(_ n: Int, _ what: String) -> String {
        let (one, many): (String, String)
        switch what {
        case "code_entry": (one, many) = ("backup-code entry", "backup-code entries")
        case "identifier": (one, many) = ("case number", "case numbers")
        case "share_secret": (one, many) = ("sharing key", "sharing keys")
        case "share_profile": (one, many) = ("sharing profile", "sharing profiles")
        case "representative": (one, many) = ("representative", "representatives")
        case "pinned_sender": (one, many) = ("known sender", "known senders")
        case "inbox_share": (one, many) = ("received share", "received shares")
        case "inbox files": (one, many) = ("received share file", "received share files")
        case "documents": (one, many) = ("document", "documents")
        case "key slots": (one, many) = ("key that opens the vault", "keys that open the vault")
        case "state record": (one, many) = ("state record (the vault's own list of what it holds)", "state records")
        default: (one, many) = (what.replacingOccurrences(of: "_", with: " "), what.replacingOccurrences(of: "_", with: " "))
        }
        return "\(n) \(n == 1 ? one : many)"
    }

    /// One item: `code_entry/<id>`, `key_slot/passphrase`, `meta/state`,
    /// `document 1a2b3c4d`, a file name; `labels` maps document id prefixes
    /// to the labels of documents whose metadata still opens.
    static func item(_ record: String, store: String = "", labels: [String: String] = [:]) -> String {
        if record.hasPrefix("document ") {
            let id = String(record.dropFirst("document ".count))
            return "Document \(id)" + (labels[id].map { " (\"\($0)\")" } ?? "")
        }
        let parts = record.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            return store == "inbox" ? "Received share file \(record)" : "The file \(record)"
        }
        let (table, id) = (parts[0], parts[1])
        switch table {
        case "code_entry": return "A backup-code entry (id \(id.prefix(8)))"
        case "identifier": return "A case number (id \(id.prefix(8)))"
        case "share_secret", "share_profile": return "A sharing key (id \(id.prefix(8)))"
        case "representative": return "A representative (id \(id.prefix(8)))"
        case "pinned_sender": return "A known sender (id \(id.prefix(8)))"
        case "inbox_share": return "A received share (id \(id.prefix(8)))"
        case "key_slot":
            switch id {
            case "passphrase": return "The key your passphrase opens"
            case "recovery": return "The key your recovery key opens"
            case "keyring": return "The key the desktop keyring opens"
            default: return "A key slot (\(id))"
            }
        case "meta" where id == "state": return "The vault's state record"
        case "documents": return "The document file \(id)"
        default: return record
        }
    }

    /// An item a backup or restore left out.
    static func omission(_ o: BackupOmission) -> String {
        switch o.kind {
        case .document: return "Document \(o.id.prefix(8))" + (o.label.map { " (\"\($0)\")" } ?? "")
        case .record: return item(o.id)
        case .inboxShare: return "A received share (id \(o.id.prefix(12)))"
        }
    }
}
