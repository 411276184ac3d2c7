import CaseVault

/// `casevault remind --json`: what needs attention, one entry per item.
struct RemindReport: Encodable {
    /// Whether the vault could be unlocked (keyring or --passphrase-file).
    let unlocked: Bool
    let items: [Item]
    /// Always false with --json: --json never sends a notification.
    let notified: Bool

    struct Item: Encodable {
        /// `document-expiring`, `codes-running-low`, `code-used`, `uscis-code-not-replaced`.
        let kind: String
        let label: String
        var type: String?
        var expires: String?
        var daysLeft: Int?
        /// For a document: the reminder threshold crossed (180, 90, 30, 7; 0 once expired).
        var threshold: Int?
        var unused: Int?
        var daysSinceReplaced: Int?

        init(_ item: AttentionItem) {
            switch item {
            case .documentExpiring(_, let type, let label, let expires, let days):
                kind = "document-expiring"; self.label = label; self.type = type.rawValue
                self.expires = expires.description; daysLeft = days; threshold = AttentionItem.threshold(daysLeft: days)
            case .codesRunningLow(let label, let unused):
                kind = "codes-running-low"; self.label = label; self.unused = unused
            case .singleCodeUsed(let label):
                kind = "code-used"; self.label = label
            case .uscisCodeNotReplaced(let label, let days):
                kind = "uscis-code-not-replaced"; self.label = label; daysSinceReplaced = days
            }
        }
    }
}
