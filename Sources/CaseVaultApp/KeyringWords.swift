import CaseVault
import CaseVaultText

/// Keyring states and failures in the app's words.
///
/// The library's own explanations speak of "commands" (the CLI's); these
/// say the same for someone using the app.
enum KeyringWords {
    /// The keyring as the settings page shows it.
    struct Facts: Sendable {
        let hasSlot: Bool
        let text: String
        var state: VaultKeyringStatus.State?
    }

    /// A keyring failure's reason, without the library's "keyring: " prefix.
    static func reason(_ e: CaseVaultError) -> String {
        if case .keyring(let reason, _) = e { return reason }
        return e.message
    }

    /// What a keyring state means, and what can be done about it, in
    /// `language` (read before the vault closure this runs in).
    static func explanation(_ status: VaultKeyringStatus, _ language: Language) -> String {
        func t(_ key: String, _ values: [String: String] = [:]) -> String {
            SettingsNotice.t("keyring_state." + key, values, language)
        }
        switch status.state {
        case .enabled:
            return t("enabled")
        case .mismatch:
            return t("mismatch")
        case .itemMissing:
            return t("item_missing")
        case .unavailable:
            return t("unavailable", ["reason": status.problem?.reason ?? t("no_answer")])
        case .disabled:
            return t("off")
        case .leftoverItem:
            return t("leftover")
        }
    }
}
