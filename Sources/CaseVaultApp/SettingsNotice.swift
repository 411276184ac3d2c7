/// The line the settings page shows after a change it redirected from
/// (`?done=…`: a fixed choice, never text from the URL).
enum SettingsNotice: String {
    case keyringOn = "keyring-on"
    case keyringOff = "keyring-off"
    case keyringOffItemLeft = "keyring-off-item-left"
    case keyringWasOff = "keyring-was-off"

    var text: String {
        switch self {
        case .keyringOn: return "Keyring unlock is on: CaseVault opens without your passphrase while your keyring is unlocked."
        case .keyringOff: return "Keyring unlock is off: CaseVault asks for your passphrase."
        case .keyringOffItemLeft:
            return "Keyring unlock is off. Its item could not be removed from the keyring now; it opens nothing by itself. "
                + "Turning keyring unlock off again later removes it."
        case .keyringWasOff: return "Keyring unlock was already off; nothing was changed."
        }
    }
}

extension Duration {
    /// A whole number of seconds in words: "5 minutes", "45 seconds", "1 hour".
    var words: String {
        let s = Int(components.seconds)
        func unit(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if s >= 3600, s % 3600 == 0 { return unit(s / 3600, "hour") }
        if s >= 60, s % 60 == 0 { return unit(s / 60, "minute") }
        return unit(s, "second")
    }
}
