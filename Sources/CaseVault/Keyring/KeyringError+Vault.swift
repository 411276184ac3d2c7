import KeyringKit

extension KeyringError {
    /// A hint a person can act on, per failure.
    public var hint: String {
        switch self {
        case .noSessionBus:
            return "the desktop keyring needs a desktop session (a D-Bus session bus); use the passphrase, or --no-keyring to skip the keyring"
        case .noService:
            return "start GNOME Keyring, KWallet or KeePassXC (with its Secret Service integration on), or use --no-keyring"
        case .locked:
            return "unlock the keyring in your keyring manager (for example Seahorse, \"Passwords and Keys\"), or log out and in again"
        case .noDefaultCollection:
            return "create a default keyring in your keyring manager, then run `casevault keyring enable` again"
        case .timeout:
            return "the keyring service is stuck; restart it (or log out and in), or use --no-keyring"
        case .itemNotFound:
            return "the keyring item was removed: run `casevault keyring enable` again, or `casevault keyring disable`"
        case .malformedItem:
            return "unlock with the passphrase (--no-keyring), then run `casevault keyring enable` again"
        case .failed:
            return "check your keyring manager, or use --no-keyring"
        }
    }

    /// The same failure as a vault error (exit code 10).
    public var vaultError: CaseVaultError {
        .keyring(reason: reason, hint: hint)
    }
}
