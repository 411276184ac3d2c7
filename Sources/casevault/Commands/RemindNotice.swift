import CaseVault

/// The words of a reminder notification.
///
/// A notification can be read by anyone near the screen (and some desktops
/// keep them in a history or show them on the lock screen), so it names
/// only the kind of thing and when: "Passport expires in 30 days". Never a
/// code, an identifier, a count of codes left, a document's or a site's
/// label (a label may be a person's name: "Ana's passport"); the details
/// are behind the vault's unlock.
struct RemindNotice {
    let summary: String
    let body: String

    init(_ items: [AttentionItem]) {
        summary = items.count == 1 ? "CaseVault: 1 thing needs your attention" : "CaseVault: \(items.count) things need your attention"
        var lines = items.map(Self.line)
        lines.append("Open CaseVault to see the details.")
        body = lines.joined(separator: "\n")
    }

    static func line(_ item: AttentionItem) -> String {
        switch item {
        case .documentExpiring(_, let type, _, _, let days):
            let what = name(type)
            if days < 0 { return "\(what) has expired" }
            if days == 0 { return "\(what) expires today" }
            return "\(what) expires in \(days) day\(days == 1 ? "" : "s")"
        case .codesRunningLow:
            return "A list of backup codes is running low"
        case .singleCodeUsed:
            return "A backup code was used: it may need replacing"
        case .uscisCodeNotReplaced:
            return "Your USCIS backup code has not been replaced for a year"
        }
    }

    /// A document type in plain words.
    static func name(_ type: DocumentType) -> String {
        switch type {
        case .greenCard: return "Green card"
        case .ead: return "Work permit (EAD)"
        case .passport: return "Passport"
        case .i94: return "I-94 record"
        case .i797: return "I-797 notice"
        case .other: return "A document"
        }
    }
}
