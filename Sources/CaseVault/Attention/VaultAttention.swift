import Foundation

/// What needs attention in one vault, read in one go: the items in a fixed
/// order (codes as listed, then documents by expiry) and how long ago the
/// USCIS backup code was last replaced.
public struct VaultAttention: Sendable, Equatable {
    public let items: [AttentionItem]
    /// Days since the entry labelled `uscis` was added or last replaced; nil without one.
    public let uscisCodeAgeDays: Int?

    public init(items: [AttentionItem], uscisCodeAgeDays: Int?) {
        self.items = items
        self.uscisCodeAgeDays = uscisCodeAgeDays
    }

    /// Reads the codes and the documents' metadata of `vault`.
    public init(_ vault: Vault, now: Date = Date()) throws {
        var items: [AttentionItem] = []
        var uscisAge: Int?
        for c in try vault.codes.list() {
            let e = c.entry
            if e.kind == .list && e.isLow {
                items.append(.codesRunningLow(label: e.label, unused: e.unusedCount))
            } else if e.kind == .single, e.codes.first?.isUsed == true {
                items.append(.singleCodeUsed(label: e.label))
            }
            if e.label.lowercased() == "uscis" {
                let days = max(0, Int(now.timeIntervalSince(e.history.last?.supersededAt ?? e.addedAt) / 86_400))
                uscisAge = days
                if days >= AttentionItem.staleUSCISCodeDays {
                    items.append(.uscisCodeNotReplaced(label: e.label, days: days))
                }
            }
        }
        if let store = try vault.existingDocuments() {
            let today = CalendarDay.today(now)
            let due = try store.expiring(within: AttentionItem.renewalWindowDays, today: today)
            let dated = due.compactMap { d -> (Document, CalendarDay, Int)? in
                guard let expires = d.metadata.expires, let days = d.daysUntilExpiry(from: today) else { return nil }
                return (d, expires, days)
            }
            for (d, expires, days) in dated.sorted(by: { ($0.1, $0.0.idHex) < ($1.1, $1.0.idHex) }) {
                items.append(.documentExpiring(documentID: d.idHex, type: d.metadata.type, label: d.metadata.label,
                                               expires: expires, daysLeft: days))
            }
        }
        self.items = items
        self.uscisCodeAgeDays = uscisAge
    }
}
