import CaseVault
import CaseVaultText

/// The words of a reminder notification, in the locale's language.
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

    init(_ items: [AttentionItem], language: Language = CLILanguage.current) {
        let t = Self.words(language)
        summary = items.count == 1 ? t("summary_one", [:]) : t("summary", ["count": "\(items.count)"])
        var lines = items.map { Self.line($0, language: language) }
        lines.append(t("details", [:]))
        body = lines.joined(separator: "\n")
    }

    static func line(_ item: AttentionItem, language: Language) -> String {
        let t = words(language)
        switch item {
        case .documentExpiring(_, let type, _, _, let days):
            let what = name(type, language: language)
            if days < 0 { return t("expired", ["what": what]) }
            if days == 0 { return t("expires_today", ["what": what]) }
            return t(days == 1 ? "expires_in_one" : "expires_in", ["what": what, "count": "\(days)"])
        case .codesRunningLow:
            return t("codes_low", [:])
        case .singleCodeUsed:
            return t("code_used", [:])
        case .uscisCodeNotReplaced:
            return t("uscis_old", [:])
        }
    }

    /// A document type in plain words.
    static func name(_ type: DocumentType, language: Language) -> String {
        words(language)("type." + type.wordsKey, [:])
    }

    /// The reminder's words (`cli.remind.KEY`) in `language`.
    static func words(_ language: Language) -> (String, [String: String]) -> String {
        { key, values in Catalogue.text("cli.remind." + key, language, values) }
    }
}
