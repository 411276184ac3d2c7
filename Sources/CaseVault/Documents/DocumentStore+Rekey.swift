import Foundation
import GRDB
import SodiumKit

/// Moving documents.db to a new documents key when the passphrase changes
/// (docs/design.md, "Key rotation"), across two SQLite files that cannot
/// share a transaction:
///
/// 1. `prepareRekey`: every row re-sealed under the new key into `rekey`,
///    with the target generation in `store_meta.rekey_generation`;
/// 2. (Vault) vault.db re-sealed, new slots, new generation: one transaction;
/// 3. `finishRekey`: `rekey` replaces `documents`; `store_meta.generation`
///    becomes the new generation.
///
/// All three run under the documents lock held exclusively. A crash after
/// (1) leaves `rekey` rows that no key slot can open: ignored, replaced by
/// the next rotation. A crash after (2) is finished by the next open of the
/// store (`reconcileGeneration`), which knows the vault's generation. The
/// document files never move: each keeps its own stream key, re-wrapped.
extension DocumentStore {
    static let rekeyTable = "rekey"
    static let generationKey = "generation"
    static let rekeyGenerationKey = "rekey_generation"

    static func storeMeta(_ db: Database, _ key: String) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = ?", arguments: [key]).map { [UInt8]($0) }
    }

    static func setStoreMeta(_ db: Database, _ key: String, _ value: [UInt8]?) throws {
        if let value {
            try db.execute(sql: "INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, Data(value)])
        } else {
            try db.execute(sql: "DELETE FROM store_meta WHERE key = ?", arguments: [key])
        }
    }

    /// Brings documents.db to the vault's generation at open (lock held).
    func reconcileGeneration() throws {
        guard let generation else { return }
        // The common case reads only: no lock, no write (a read-only vault,
        // or an add of a large file in progress, must not stop an open).
        if try db.vaultRead(path: dbPath, { try Self.storeMeta($0, Self.generationKey) }) == generation { return }
        try lock.exclusive {
            try db.vaultWrite(path: dbPath) { db in
                let stored = try Self.storeMeta(db, Self.generationKey)
                if stored == generation { return }
                if try Self.storeMeta(db, Self.rekeyGenerationKey) == generation {
                    try Self.swapInRekeyedRows(db, generation: generation)
                } else if stored == nil {
                    // Never re-keyed: its rows are under the documents key
                    // the vault has had since format 1.
                    try Self.setStoreMeta(db, Self.generationKey, generation)
                } else {
                    throw Self.generationMismatch
                }
            }
        }
    }

    /// Inside an add's commit: the rows are still under this store's key.
    func verifyGeneration(_ db: Database) throws {
        guard let generation, let stored = try Self.storeMeta(db, Self.generationKey), stored != generation else { return }
        throw Self.generationMismatch
    }

    static let generationMismatch = CaseVaultError.integrity(
        record: "documents.db",
        detail: "it is at another key generation than vault.db: the passphrase was changed meanwhile (run the command again), or one of the two files was put back from another copy")

    /// Step 1: every row re-sealed under `newKey`, kept aside. Caller holds the lock.
    func prepareRekey(newKey: PurposeKey, generation newGeneration: [UInt8]) throws {
        try db.vaultWrite(path: dbPath) { db in
            try verifyGeneration(db)
            try db.execute(sql: "DELETE FROM \(Self.rekeyTable)")
            for row in try DocumentRow.fetchAll(db) {
                let id = [UInt8](row.id)
                let record = "documents.db row \(String(Bytes.hex(id).prefix(8)))"
                let keyAD = DocumentFormat.keyAD(vaultID: vaultID, documentID: id)
                let metaAD = DocumentFormat.metadataAD(vaultID: vaultID, documentID: id)
                let documentKey: SecureBytes
                let meta: SecureBytes
                do {
                    documentKey = try XChaCha20Poly1305.openSecure(.init(nonce: [UInt8](row.keyNonce), ciphertext: [UInt8](row.keySealed)),
                                                                   associatedData: keyAD, key: key.secureBytes)
                    meta = try XChaCha20Poly1305.openSecure(.init(nonce: [UInt8](row.metaNonce), ciphertext: [UInt8](row.metaSealed)),
                                                            associatedData: metaAD, key: key.secureBytes)
                } catch {
                    throw CaseVaultError.integrity(record: record, detail: "it failed authentication, so it cannot be moved to the new key; nothing was changed")
                }
                let k = try XChaCha20Poly1305.sealSecure(documentKey, associatedData: keyAD, key: newKey.secureBytes)
                let m = try XChaCha20Poly1305.sealSecure(meta, associatedData: metaAD, key: newKey.secureBytes)
                try db.execute(sql: "INSERT INTO \(Self.rekeyTable) (id, key_nonce, key_sealed, meta_nonce, meta_sealed) VALUES (?, ?, ?, ?, ?)",
                               arguments: [row.id, Data(k.nonce), Data(k.ciphertext), Data(m.nonce), Data(m.ciphertext)])
            }
            try Self.setStoreMeta(db, Self.rekeyGenerationKey, newGeneration)
        }
    }

    /// Step 3. Caller holds the lock.
    func finishRekey(generation newGeneration: [UInt8]) throws {
        try db.vaultWrite(path: dbPath) { db in
            guard try Self.storeMeta(db, Self.rekeyGenerationKey) == newGeneration else { return }
            try Self.swapInRekeyedRows(db, generation: newGeneration)
        }
    }

    private static func swapInRekeyedRows(_ db: Database, generation: [UInt8]) throws {
        try db.execute(sql: "DELETE FROM \(DocumentRow.databaseTableName)")
        try db.execute(sql: "INSERT INTO \(DocumentRow.databaseTableName) (id, key_nonce, key_sealed, meta_nonce, meta_sealed) SELECT id, key_nonce, key_sealed, meta_nonce, meta_sealed FROM \(rekeyTable)")
        try db.execute(sql: "DELETE FROM \(rekeyTable)")
        try setStoreMeta(db, generationKey, generation)
        try setStoreMeta(db, rekeyGenerationKey, nil)
    }
}
