import GRDB

/// The schema of vault.db (codes and identifiers), as named forward-only migrations.
///
/// What is stored in plaintext: the vault id, the format number, and per key
/// slot its kind, KDF parameters, check value, nonce and wrapped key; per
/// record a random id, a nonce and a ciphertext. Nothing a user typed (labels,
/// accounts, codes, identifiers, notes) and no count of codes is in the clear.
enum VaultSchema {
    /// 2: the state record and key generation (Vault+State), sealed recovery
    /// and keyring slots (KeySlot). Format-1 vaults open and become format 2
    /// at their first write.
    static let formatVersion = 2

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: meta, key slots, encrypted records") { db in
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .blob).notNull()
            }
            try db.create(table: "key_slot") { t in
                t.primaryKey("kind", .text)
                t.column("kdf", .blob)
                t.column("check_value", .blob).notNull()
                t.column("nonce", .blob).notNull()
                t.column("wrapped", .blob).notNull()
            }
            for table in RecordTable.allCases {
                try db.create(table: table.rawValue) { t in
                    t.primaryKey("id", .text)
                    t.column("nonce", .blob).notNull()
                    t.column("ciphertext", .blob).notNull()
                }
            }
        }
        m.registerMigration("v2: shares (representatives, share keys, pinned senders, inbox)") { db in
            // v1 creates a table for every RecordTable case, so on a vault
            // created by this version these tables exist already; on an older
            // vault they are created here. Same columns either way.
            for table in RecordTable.sharesTables {
                try db.create(table: table.rawValue, ifNotExists: true) { t in
                    t.primaryKey("id", .text)
                    t.column("nonce", .blob).notNull()
                    t.column("ciphertext", .blob).notNull()
                }
            }
        }
        return m
    }
}

/// Tables of encrypted records in vault.db.
enum RecordTable: String, CaseIterable {
    case codeEntry = "code_entry"
    case identifier = "identifier"
    /// Shares (docs/shares.md): sealed under the shares subkey, not the records key.
    case shareSecret = "share_secret"
    case shareProfile = "share_profile"
    case representative = "representative"
    case pinnedSender = "pinned_sender"
    case inboxShare = "inbox_share"

    static let sharesTables: [RecordTable] = [.shareSecret, .shareProfile, .representative, .pinnedSender, .inboxShare]
}
