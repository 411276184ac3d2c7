import CaseVaultText

/// The line the settings page shows after a change it redirected from
/// (`?done=…`: a fixed choice, never text from the URL).
enum SettingsNotice: String {
    case keyringOn = "keyring-on"
    case keyringOff = "keyring-off"
    case keyringOffItemLeft = "keyring-off-item-left"
    case keyringWasOff = "keyring-was-off"

    var text: String {
        switch self {
        case .keyringOn: return Self.t("notice.keyring_on")
        case .keyringOff: return Self.t("notice.keyring_off")
        case .keyringOffItemLeft: return Self.t("notice.keyring_off_item_left")
        case .keyringWasOff: return Self.t("notice.keyring_was_off")
        }
    }

    /// The Settings pages' words (`app.settings.KEY`) in `language`
    /// (work on the vault queue passes the language read before).
    static func t(_ key: String, _ values: [String: String] = [:], _ language: Language = AppLanguage.current) -> String {
        Catalogue.text("app.settings." + key, language, values)
    }

}

extension Duration {
    /// A whole number of seconds in words: "5 minutes", "45 seconds", "1 hour".
    var words: String { words(AppLanguage.current) }

    /// The same in `language`.
    func words(_ language: Language) -> String {
        let s = Int(components.seconds)
        func unit(_ n: Int, _ one: String, _ many: String) -> String {
            SettingsNotice.t(n == 1 ? one : many, ["count": "\(n)"], language)
        }
        if s >= 3600, s % 3600 == 0 { return unit(s / 3600, "hour", "hours") }
        if s >= 60, s % 60 == 0 { return unit(s / 60, "minute", "minutes") }
        return unit(s, "second", "seconds")
    }
}
