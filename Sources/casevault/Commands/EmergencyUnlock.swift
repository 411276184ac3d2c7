import CaseVault
import SodiumKit

/// How `emergency` unlocks: like every command (VaultAccess), but it also
/// tells which way it got in, and says when the keyring is not set up, since
/// in an emergency the keyring is what spares typing a passphrase at a counter.
enum EmergencyUnlock {
    enum Method: String, Encodable {
        case keyring
        case passphrase
    }

    /// Unlocks through the keyring when it can; otherwise one `keyring:` line
    /// on stderr saying why, then the passphrase (--passphrase-file or a prompt).
    static func unlock(_ o: GlobalOptions) throws -> (Vault, Method) {
        let locked = try VaultAccess.openLocked(o)
        if o.noKeyring {
            return (try VaultAccess.unlockWithPassphrase(locked, o), .passphrase)
        }
        guard locked.hasSlot(.keyring) else {
            Output.err("keyring: not enabled for this vault; `casevault keyring enable` lets emergency open without the passphrase")
            return (try VaultAccess.unlockWithPassphrase(locked, o), .passphrase)
        }
        do {
            return (try KeyringSettings.vaultKeyring().unlock(locked), .keyring)
        } catch let e as CaseVaultError {
            // Same rule as VaultAccess: with no way to get a passphrase, one
            // error that says both.
            guard o.passphraseFile != nil || SecretInput.hasTerminal else {
                throw CaseVaultError.keyring(
                    reason: "\(e.keyringReason); cannot fall back to the passphrase: no terminal and no --passphrase-file",
                    hint: "\(e.hint); or pass --passphrase-file FILE")
            }
            Output.err("keyring: \(e.keyringReason); falling back to the passphrase")
        }
        return (try VaultAccess.unlockWithPassphrase(locked, o), .passphrase)
    }
}
