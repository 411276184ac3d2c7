import CaseVault

extension DocumentType {
    /// The last part of the catalogue keys that name this type
    /// (`doc.type.green_card`, `cli.remind.type.green_card`): one mapping
    /// for every front end.
    public var wordsKey: String {
        switch self {
        case .greenCard: return "green_card"
        case .ead: return "ead"
        case .passport: return "passport"
        case .i94: return "i94"
        case .i797: return "i797"
        case .other: return "other"
        }
    }

    /// The type's name on pages and sheets (`doc.type.*`) in `language`.
    public func name(in language: Language) -> String {
        Catalogue.text("doc.type." + wordsKey, language)
    }
}
