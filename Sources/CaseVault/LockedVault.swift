import SystemKit
import Foundation
import GRDB
import SodiumKit

/// A vault opened but not yet unlocked: its id and key slots are readable,
/// nothing else is.
public final class LockedVault {
    public let location: VaultLocation
    public let vaultID: [UInt8]
    let directory: VaultDirectory
    let db: DatabaseQueue
    let slots: [KeySlotKind: KeySlot]
    let generation: [UInt8]?
    /// Takes a vault.db older than the one this computer last saw here as
    /// the current one (a backup put back on purpose; `accept-older`).
    /// Otherwise an unlock refuses it with `olderThanSeen`.
    public var acceptOlderState = false
    /// `check` unlocks without the state check and reports it instead, so
    /// that every damaged record is listed, not only the first.
    public var verifiesState = true

    /// Opens the vault at `location`; throws `noVault` if there is none, and
    /// `unsafeVault` if its directory or vault.db is not safe to use
    /// (another user's, writable by others, a link: VaultDirectory).
    public static func open(_ location: VaultLocation) throws -> LockedVault {
        let dbPath = location.database.path
        guard PosixFile.exists(dbPath), let directory = try VaultDirectory.open(location.path) else {
            throw CaseVaultError.noVault(path: location.path)
        }
        let db = try SQLiteFile.open(Vault.databaseName, in: directory)
        // A read, so opening never waits for another process's write; the
        // migrator runs (in a write) only when this program adds a migration.
        let migrator = VaultSchema.migrator
        let needsMigration = try db.vaultRead(path: dbPath) { db -> Bool in
            if try migrator.hasBeenSuperseded(db) {
                throw CaseVaultError.unsupportedFormat(found: VaultSchema.formatVersion + 1, supported: VaultSchema.formatVersion)
            }
            return try !migrator.hasCompletedMigrations(db)
        }
        if needsMigration {
            do { try migrator.migrate(db) } catch let e as DatabaseError { throw SQLiteFile.mapped(e, path: dbPath, operation: "upgrade") }
        }
        let (vaultID, slots, generation) = try db.vaultRead(path: dbPath) { db -> ([UInt8], [KeySlotKind: KeySlot], [UInt8]?) in
            guard try db.tableExists("meta"),
                  let idData = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'vault_id'"),
                  idData.count == Vault.idBytes else {
                throw CaseVaultError.integrity(record: "meta/vault_id", detail: "the vault has no valid id (an interrupted init, or a damaged file)")
            }
            if let f = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'"),
               let n = Int(String(decoding: f, as: UTF8.self)), n > VaultSchema.formatVersion {
                throw CaseVaultError.unsupportedFormat(found: n, supported: VaultSchema.formatVersion)
            }
            return ([UInt8](idData), try KeySlotStore.all(db), try VaultState.generation(db))
        }
        return LockedVault(location: location, vaultID: vaultID, directory: directory, db: db, slots: slots, generation: generation)
    }

    init(location: VaultLocation, vaultID: [UInt8], directory: VaultDirectory, db: DatabaseQueue, slots: [KeySlotKind: KeySlot], generation: [UInt8]?) {
        self.location = location
        self.vaultID = vaultID
        self.directory = directory
        self.db = db
        self.slots = slots
        self.generation = generation
    }

    /// Whether the vault has a slot of this kind.
    public func hasSlot(_ kind: KeySlotKind) -> Bool { slots[kind] != nil }

    /// The kinds of slot present.
    public var slotKinds: [KeySlotKind] { KeySlotKind.allCases.filter { slots[$0] != nil } }

    /// The vault id as hex (public; used in keyring attributes and messages).
    public var vaultIDHex: String { Bytes.hex(vaultID) }

    /// Unlocks with the passphrase (Argon2id with the stored parameters).
    public func unlock(passphrase: SecureBytes) throws -> Vault {
        guard let slot = slots[.passphrase], let kdf = slot.kdf else {
            throw CaseVaultError.integrity(record: "key_slot/passphrase", detail: "the passphrase slot is missing")
        }
        guard kdf.algorithm == PassphraseKDF.argon2id, kdf.parameters.isWithinLibsodiumBounds, kdf.salt.count == Argon2id.saltBytes else {
            // Checked before running Argon2id: a tampered slot cannot make us
            // allocate unbounded memory or spin for hours.
            throw CaseVaultError.integrity(record: "key_slot/passphrase", detail: "its KDF parameters are out of bounds")
        }
        let kek = try KeyEncryptionKey.passphrase(passphrase, salt: kdf.salt, parameters: kdf.parameters)
        return try unlock(slot: slot, kek: kek, wrong: .wrongPassphrase)
    }

    /// Unlocks with the recovery key.
    public func unlock(recoveryKey: RecoveryKey) throws -> Vault {
        guard let slot = slots[.recovery] else {
            throw CaseVaultError.integrity(record: "key_slot/recovery", detail: "the recovery key slot is missing")
        }
        let kek = try KeySlot.kek(highEntropySecret: recoveryKey.secret, kind: .recovery)
        return try unlock(slot: slot, kek: kek, wrong: .wrongRecoveryKey)
    }

    /// Unlocks with a high-entropy secret kept elsewhere (the keyring item).
    public func unlock(slot kind: KeySlotKind, secret: SecureBytes) throws -> Vault {
        guard kind != .passphrase else { return try unlock(passphrase: secret) }
        guard let slot = slots[kind] else {
            throw CaseVaultError.notFound(what: "key slot", name: kind.rawValue)
        }
        let kek = try KeySlot.kek(highEntropySecret: secret, kind: kind)
        let wrong: CaseVaultError = kind == .keyring
            ? .keyring(reason: "the keyring item does not match this vault (was the vault restored from a backup, or the item changed?)",
                       suggestion: .unlockWithPassphraseThenEnableKeyring)
            : .wrongRecoveryKey
        return try unlock(slot: slot, kek: kek, wrong: wrong)
    }

    private func unlock(slot: KeySlot, kek: KeyEncryptionKey, wrong: CaseVaultError) throws -> Vault {
        do {
            guard let master = MasterKey(unwrapped: try slot.unwrap(kek: kek, vaultID: vaultID)) else {
                throw CaseVaultError.integrity(record: "key_slot/\(slot.kind.rawValue)", detail: "the wrapped master key has the wrong length")
            }
            let vault = Vault(location: location, vaultID: vaultID, directory: directory, db: db, masterKey: master, generation: generation)
            // Before anything is shown: the rows match the state record, and
            // the vault is not older than what this computer saw.
            if verifiesState {
                try vault.verifyState(hasSealedSlots: slots.values.contains { $0.isSealed }, acceptOlder: acceptOlderState)
            }
            return vault
        } catch KeySlot.UnwrapFailure.wrongSecret {
            throw wrong
        } catch KeySlot.UnwrapFailure.damaged {
            throw CaseVaultError.integrity(record: "key_slot/\(slot.kind.rawValue)",
                                           detail: "the wrapped master key does not authenticate although the secret is right")
        }
    }
}
