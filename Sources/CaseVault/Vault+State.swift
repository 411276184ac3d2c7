import Foundation
import GRDB
import SodiumKit

/// Every read and write of vault.db by an unlocked vault, the state record
/// they keep, and the key rotation of a passphrase change
/// (docs/design.md, "State and rollback", "Key rotation").
extension Vault {
    /// Runs a read of vault.db. Refuses (`keysChangedMeanwhile`) when another
    /// process rotated the keys since this one unlocked.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try db.vaultRead(path: dbPath) { db in
            try checkGeneration(db)
            return try body(db)
        }
    }

    /// Runs a write of vault.db in one IMMEDIATE transaction that also raises
    /// the state counter and re-digests the rows. Every change of vault.db
    /// made by an unlocked vault goes through here.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        let cipher = try recordCipher
        let (result, counter) = try db.vaultWrite(path: dbPath) { db -> (T, UInt64) in
            try checkGeneration(db)
            let r = try body(db)
            return (r, try advanceState(db, cipher: cipher))
        }
        seenState.record(counter)
        return result
    }

    /// The generation in vault.db must be the one this vault unlocked at.
    func checkGeneration(_ db: Database) throws {
        guard let stored = try VaultState.generation(db) else { return }
        if let generation {
            if stored != generation { throw CaseVaultError.keysChangedMeanwhile }
            return
        }
        // Unlocked as a format-1 vault that another process has since
        // written: it gained a generation, and its keys are the same unless
        // that process also rotated them. The state record tells which.
        guard (try? VaultState.read(db, cipher: try recordCipher)) != nil else { throw CaseVaultError.keysChangedMeanwhile }
        generation = stored
    }

    /// Raises the counter and stores a fresh digest; on a format-1 vault,
    /// gives it a generation and marks it format 2 (older casevault versions,
    /// which do not keep the state record, then refuse to write it).
    private func advanceState(_ db: Database, cipher: RecordCipher) throws -> UInt64 {
        let old = try VaultState.read(db, cipher: cipher)
        let g: [UInt8]
        if let generation {
            g = generation
            if try VaultState.generation(db) == nil { try VaultState.setGeneration(db, g) }
        } else {
            g = Random.bytes(Self.generationBytes)
            try VaultState.setGeneration(db, g)
        }
        try Self.setFormat(db)
        let state = VaultState(counter: (old?.counter ?? 0) + 1, generation: Bytes.hex(g), digest: try VaultState.digest(db))
        try state.write(db, cipher: cipher)
        generation = g
        return state.counter
    }

    static func setFormat(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('format', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [Data(String(VaultSchema.formatVersion).utf8)])
    }

    /// Checked at every unlock, before anything is shown: the state record
    /// opens, matches the rows, and is not older than what this computer saw
    /// for this vault here. `acceptOlder` takes an older copy as the current
    /// one (a backup put back on purpose).
    func verifyState(hasSealedSlots: Bool, acceptOlder: Bool) throws {
        let cipher = try recordCipher
        let (state, digest, stored) = try db.vaultRead(path: dbPath) { db in
            (try VaultState.read(db, cipher: cipher), try VaultState.digest(db), try VaultState.generation(db))
        }
        let seen = seenState
        guard let state else {
            // A format-1 vault that no format-2 casevault has written yet. A
            // vault that had a state record and lost it is not one.
            if stored != nil || hasSealedSlots {
                throw CaseVaultError.integrity(record: "meta/state", detail: "the vault's state record is missing (removed outside casevault)")
            }
            if let s = seen.counter(), !acceptOlder { throw CaseVaultError.olderThanSeen(found: 0, seen: s) }
            return
        }
        guard let stored, state.generation == Bytes.hex(stored) else {
            throw CaseVaultError.integrity(record: "meta/key_generation", detail: "the key generation does not match the state record (changed outside casevault)")
        }
        if let s = seen.counter(), state.counter < s, !acceptOlder {
            throw CaseVaultError.olderThanSeen(found: state.counter, seen: s)
        }
        if state.digest != digest {
            // A damaged, moved or swapped record is named as before; only
            // rows that all authenticate yet differ from the state record
            // (an older version of a row, a row removed) are a rollback.
            try authenticateEveryRow()
            guard acceptOlder else { throw CaseVaultError.recordsChangedOutside }
            // Accepted as it is: a new state record over the rows as they are.
            try write { _ in }
            return
        }
        seen.record(state.counter, force: acceptOlder)
    }

    /// Opens every row of every table (without decoding); throws an
    /// integrity error naming the first that does not authenticate.
    func authenticateEveryRow() throws {
        try db.vaultRead(path: dbPath) { db in
            for table in RecordTable.allCases where try db.tableExists(table.rawValue) {
                let key = try subkey(for: table.purpose)
                for row in try table.all(db) {
                    _ = try openRow(row, of: table, key: key,
                                    failure: "the record does not authenticate (changed, damaged, or moved from another place)")
                }
            }
        }
    }

    /// A row's plaintext, without decoding (in secure memory), opened under
    /// `key` with its place (vault, table, id) as associated data; an
    /// integrity error naming the row, with `failure` as its detail, if it
    /// does not authenticate.
    func openRow(_ row: EncryptedRow, of table: RecordTable, key: PurposeKey, failure: String) throws -> SecureBytes {
        let ad = AssociatedData.record(vaultID: vaultID, table: table.rawValue, id: row.id)
        do {
            return try XChaCha20Poly1305.openSecure(.init(nonce: row.nonce, ciphertext: row.ciphertext), associatedData: ad, key: key.secureBytes)
        } catch {
            throw CaseVaultError.integrity(record: "\(table.rawValue)/\(row.id)", detail: failure)
        }
    }

    /// The state record checked for the vault check: a problem in the
    /// report instead of a refused unlock.
    func checkState(into report: inout CheckReport) {
        report.count("state record")
        do {
            try verifyState(hasSealedSlots: try read { try KeySlotStore.all($0) }.values.contains { $0.isSealed }, acceptOlder: false)
        } catch CaseVaultError.integrity(let record, _) where RecordTable.allCases.contains(where: { record.hasPrefix($0.rawValue + "/") }) {
            // A damaged record: the record checks name it (and every other).
        } catch let e as CaseVaultError {
            report.problem("vault.db", "meta/state", e.message)
        } catch {
            report.problem("vault.db", "meta/state", "\(error)")
        }
    }

    /// The state counter now (for `status` and tests).
    public func stateCounter() throws -> UInt64? {
        let cipher = try recordCipher
        return try read { try VaultState.read($0, cipher: cipher)?.counter }
    }
}
