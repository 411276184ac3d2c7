import GRDB

/// The schema of vault.db, as named forward-only migrations.
///
/// What is stored in plaintext: the vault id, the format number, and per key
/// slot its kind, KDF parameters, check value, nonce and wrapped key; per
/// record a random id, a nonce and a ciphertext. Nothing a user typed (labels,
/// accounts, codes, identifiers, notes) and no count of codes is in the clear.
///
/// A migration that has shipped is never edited: vaults in the field ran it
/// as it was, and GRDB runs it only once per file. So every migration names
/// its tables literally (never `RecordTable.allCases`, which grows), and a
/// new table is a new migration. (Until issue 15 v1 looped over
/// `RecordTable.allCases`, so vaults made after v2 was added got the shares
/// tables from v1 already: v2 creates them `ifNotExists`.)
enum VaultSchema {
    /// 2: the state record and key generation (Vault+State), sealed recovery
    /// and keyring slots (KeySlot). Format-1 vaults open and become format 2
    /// at their first write.
    static let formatVersion = 2

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: meta, key slots, encrypted records") { db in
            // Exactly what the first release created (commit f7ac964).
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
            for table in ["code_entry", "identifier"] {
                try createRecordTable(db, table, ifNotExists: false)
            }
        }
        m.registerMigration("v2: shares (representatives, share keys, pinned senders, inbox)") { db in
            // ifNotExists: vaults made between the shares release and issue
            // 15 got these tables from v1 already. Same columns either way.
            for table in ["share_secret", "share_profile", "representative", "pinned_sender", "inbox_share"] {
                try createRecordTable(db, table, ifNotExists: true)
            }
        }
        m.registerMigration("v3: inbox index") { db in
            // The inbox index's sealed buckets (InboxIndex). Built from the
            // inbox records at the first inbox command after this runs, so a
            // vault that had shares before this version keeps them all.
            try createRecordTable(db, "inbox_index", ifNotExists: false)
            // The state digest reads every row's id and nonce in id order at
            // every write and unlock (VaultState.digest). Without these, SQLite
            // walks the primary key's index and fetches each whole row (an
            // inbox record is about 1.4 KB) for its nonce; with them it reads
            // the index alone (ids and nonces are stored in the clear anyway).
            for table in ["code_entry", "identifier", "share_secret", "share_profile", "representative",
                          "pinned_sender", "inbox_share", "inbox_index"] {
                try db.create(index: "\(table)_id_nonce", on: table, columns: ["id", "nonce"])
            }
        }
        m.registerMigration("v4: recovery setup") { db in
            // The trusted-people recovery setup (RecoveryStore): one sealed
            // record of public facts, under the shares subkey.
            try createRecordTable(db, "recovery_setup", ifNotExists: false)
            try db.create(index: "recovery_setup_id_nonce", on: "recovery_setup", columns: ["id", "nonce"])
        }
        return m
    }

    /// A table of encrypted records (EncryptedRow): random id, nonce, ciphertext.
    /// Frozen with the migrations that call it: a table of another shape
    /// gets a function of its own.
    private static func createRecordTable(_ db: Database, _ name: String, ifNotExists: Bool) throws {
        try db.create(table: name, ifNotExists: ifNotExists) { t in
            t.primaryKey("id", .text)
            t.column("nonce", .blob).notNull()
            t.column("ciphertext", .blob).notNull()
        }
    }
}
