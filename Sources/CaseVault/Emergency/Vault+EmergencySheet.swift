import Foundation

extension Vault {
    /// Gathers the emergency sheet as of `now` (read-only: no code is marked
    /// used, and no document store is created where there is none).
    public func emergencySheet(now: Date = Date()) throws -> EmergencySheet {
        let today = CalendarDay.today(now)
        let entries = try codes.list().map(\.entry)
        let (shown, others) = EmergencySheet.selectCodes(entries)
        let ids = try identifiers.list().map(\.identifier)

        var documents: [EmergencySheet.StoredDocument] = []
        var problem: String?
        var foreign: [ForeignFile] = []
        // Documents live in their own file under their own key; a vault that
        // never stored one has no documents.db, and looking must not create it.
        if hasDocumentsDatabase {
            do {
                let store = try self.documents()
                documents = try store.list().map { EmergencySheet.document($0.metadata, today: today) }
                foreign = try store.foreignFiles()
            } catch let e as CaseVaultError {
                problem = e.message
            }
        }
        return EmergencySheet(
            vaultPath: location.path, today: today,
            codes: shown, otherCodeLists: others,
            identifiers: EmergencySheet.ordered(ids),
            documents: EmergencySheet.ordered(documents),
            documentsProblem: problem, foreignFiles: foreign)
    }
}

extension EmergencySheet {
    /// Splits entries into revealed codes (primary first, then singles) and
    /// lists that are only named.
    static func selectCodes(_ entries: [CodeEntry]) -> ([Code], [CodeList]) {
        let revealed = entries.filter { $0.primary } + entries.filter { !$0.primary && $0.kind == .single }
        let shown = revealed.map { e -> Code in
            let index = e.kind == .single ? (e.codes.isEmpty ? nil : 0) : e.codes.firstIndex { !$0.isUsed }
            return Code(label: e.label, account: e.account, kind: e.kind, primary: e.primary,
                        code: index.map { e.codes[$0].code }, number: index.map { $0 + 1 },
                        unused: e.unusedCount, total: e.codes.count,
                        usedAt: e.kind == .single ? e.codes.first?.usedAt : nil)
        }
        let others = entries.filter { !$0.primary && $0.kind == .list }
            .map { CodeList(label: $0.label, account: $0.account, unused: $0.unusedCount, total: $0.codes.count) }
        return (shown, others)
    }

    /// The order a help desk asks in; within a kind, the order they were added.
    static func ordered(_ ids: [CaseVault.Identifier]) -> [Identifier] {
        let rank: [IdentifierKind] = [.aNumber, .accountNumber, .receipt, .cardNumber, .other]
        return rank.flatMap { kind in
            ids.filter { $0.kind == kind }.map {
                Identifier(kind: $0.kind, label: $0.label, value: $0.value, formatted: $0.kind.formatted($0.value), note: $0.note)
            }
        }
    }

    static func document(_ m: DocumentMetadata, today: CalendarDay) -> StoredDocument {
        let days = m.expires.map { $0.days(since: today) }
        let state: StoredDocument.State
        switch days {
        case nil: state = .noExpiry
        case let d? where d < 0: state = .expired
        case let d? where d <= renewalWindowDays: state = .renewSoon
        default: state = .valid
        }
        return StoredDocument(type: m.type, label: m.label, expires: m.expires, daysUntilExpiry: days, state: state)
    }

    /// Soonest expiry first (expired ones lead), undated last; stable otherwise.
    static func ordered(_ docs: [StoredDocument]) -> [StoredDocument] {
        docs.enumerated().sorted { a, b in
            switch (a.element.expires, b.element.expires) {
            case let (x?, y?): return x != y ? x < y : a.offset < b.offset
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }
}
