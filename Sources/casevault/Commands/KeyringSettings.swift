import CaseVault
import Foundation

/// How the CLI talks to the keyring: the time bound per keyring call.
///
/// `CASEVAULT_KEYRING_TIMEOUT` (seconds, 0.1 to 60; default 3) bounds every
/// keyring call, so a stuck Secret Service delays a command by at most that
/// much before the passphrase fallback.
enum KeyringSettings {
    static func timeout(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Double {
        guard let text = env["CASEVAULT_KEYRING_TIMEOUT"], let value = Double(text), value >= 0.1, value <= 60 else {
            return VaultKeyring.defaultTimeout
        }
        return value
    }

    static func vaultKeyring() -> VaultKeyring {
        VaultKeyring(timeout: timeout())
    }
}

extension CaseVaultError {
    /// The reason of a keyring error without its "keyring: " prefix.
    var keyringReason: String {
        if case .keyring(let reason, _) = self { return reason }
        return message
    }
}
