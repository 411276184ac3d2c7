import CaseVault

/// How `emergency` unlocks: exactly like every command (VaultAccess), and it
/// also says when the keyring is not set up, since in an emergency the
/// keyring is what spares typing a passphrase at a counter.
enum EmergencyUnlock {
    typealias Method = VaultAccess.UnlockMethod

    static func unlock(_ o: GlobalOptions) throws -> (Vault, Method) {
        let r = try VaultAccess.unlockReporting(
            o, noKeyringNote: "keyring: not enabled for this vault; `casevault keyring enable` lets emergency open without the passphrase")
        return (r.vault, r.method)
    }
}
