import CaseVault

/// What a key change (a passphrase change, a recovery) did beside the
/// passphrase, for the `new-recovery-key` template: a new recovery key,
/// shown once, when the old one stopped working; keyring unlock turned off
/// when it could not follow (the facts `casevault passwd` and `recover` print).
enum KeyChangeWords {
    static func model(_ change: Vault.KeyChange) throws -> [String: Any] {
        var m: [String: Any] = ["keyringRemoved": change.keyringSlotRemoved]
        // Revealed only into this one page's HTML (no-store), never kept.
        if let key = change.newRecoveryKey { m["key"] = try key.formatted().revealUTF8() }
        return m
    }
}
