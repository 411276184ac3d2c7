import CaseVault

/// What `passwd` and `recover` print after a key change: a new recovery key
/// (shown once) when the old one stopped working, and the keyring's state.
enum KeyChangeReport {
    static func print(_ change: Vault.KeyChange, vault: Vault, global: GlobalOptions, done: String, jsonKey: String) throws {
        let key = try change.newRecoveryKey?.formatted().revealUTF8()
        if global.json {
            Output.json(Result(changed: true, newRecoveryKey: key, keyringUnlockRemoved: change.keyringSlotRemoved, jsonKey: jsonKey))
            return
        }
        Output.line(done)
        if let key {
            Output.line("")
            Output.line("Your recovery key has changed; the old one no longer opens this vault.")
            Output.line("New recovery key (shown only now; write it on paper and keep it apart from this computer):")
            Output.line("")
            Output.line("    \(key)")
            Output.line("")
            Output.line("Backups made with --recovery-key before now still open only with the old key: keep it with them, or make a new backup.")
        }
        if change.keyringSlotRemoved {
            Output.line("Keyring unlock was set up before this version and could not follow the change;")
            Output.line("turn it on again with `casevault keyring enable`.")
        }
    }

    struct Result: Encodable {
        let changed: Bool
        let newRecoveryKey: String?
        let keyringUnlockRemoved: Bool
        let jsonKey: String

        enum CodingKeys: String, CodingKey { case newRecoveryKey, keyringUnlockRemoved }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(newRecoveryKey, forKey: .newRecoveryKey)
            try c.encode(keyringUnlockRemoved, forKey: .keyringUnlockRemoved)
            var d = encoder.container(keyedBy: DynamicKey.self)
            try d.encode(changed, forKey: DynamicKey(jsonKey))
        }
    }

    struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
