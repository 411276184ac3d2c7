import CaseVault

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

    /// What a keyring state means, and what can be done about it.
    static func explanation(_ status: VaultKeyringStatus) -> String {
        switch status.state {
        case .enabled:
            return "On: CaseVault opens through your desktop keyring, without the passphrase, while the keyring is unlocked."
        case .mismatch:
            return "On, but not working: the keyring holds an item that does not open this vault (was it restored from a backup?). "
                + "Turn keyring unlock on again to replace it."
        case .itemMissing:
            return "On, but not working: the keyring has no item for this vault. Turn keyring unlock on again, or turn it off."
        case .unavailable:
            return "On, but the keyring cannot be used now (\(status.problem?.reason ?? "it does not answer")): "
                + "CaseVault asks for the passphrase instead."
        case .disabled:
            return "Off: CaseVault asks for your passphrase each time it opens."
        case .leftoverItem:
            return "Off. An item is left in the keyring from an interrupted change; it opens nothing. Turning keyring unlock off removes it."
        }
    }
}
