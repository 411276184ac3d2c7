import SystemKit
import Foundation
import GRDB
import SodiumKit

/// An unlocked vault: holds the master key in secure memory.
///
/// Key hierarchy (docs/design.md):
///   passphrase --Argon2id--> KEK_p --XChaCha20-Poly1305--> master key (256-bit random)
///   recovery key --BLAKE2b--> KEK_r ---------------------> master key
///   keyring secret --BLAKE2b--> KEK_k -------------------> master key
///   master key --crypto_kdf("cvrecord")--> records key (codes, identifiers)
///   master key --crypto_kdf("cvdocmnt")--> documents key
public final class Vault {
    static let idBytes = 16
    static let masterKeyBytes = MasterKey.byteCount

    public let location: VaultLocation
    public let vaultID: [UInt8]
    /// The vault directory, checked and held open (VaultDirectory): its
    /// files are opened relative to it, never through a link.
    let directory: VaultDirectory
    let db: DatabaseQueue
    /// Replaced by a rotation (`changePassphrase`); see docs/design.md, "Key rotation".
    private(set) var masterKey: MasterKey
    /// The key generation this vault was unlocked at (public, 16 random
    /// bytes in `meta`); nil for a format-1 vault never written since.
    var generation: [UInt8]?
    private var subkeys: [KeyPurpose: PurposeKey] = [:]
    /// The inbox index as of `inboxIndexCache.counter` (Inbox+Index.swift):
    /// kept for the life of this unlock, so the app pages and searches the
    /// inbox without reading it again; any write of vault.db by anyone
    /// raises the state counter, and the next use reads it again.
    var inboxIndexCache: InboxIndex?

    static let databaseName = "vault.db"

    init(location: VaultLocation, vaultID: [UInt8], directory: VaultDirectory, db: DatabaseQueue, masterKey: MasterKey, generation: [UInt8]?) {
        self.location = location
        self.vaultID = vaultID
        self.directory = directory
        self.db = db
        self.masterKey = masterKey
        self.generation = generation
    }

    static let generationBytes = 16

    /// After a rotation: the new master key and generation; subkeys are derived anew.
    func adopt(masterKey: MasterKey, generation: [UInt8]) {
        self.masterKey = masterKey
        self.generation = generation
        subkeys = [:]
    }

    /// What this computer remembers of the vault's state here.
    public var seenState: SeenState { SeenState(vaultID: vaultID, location: location) }

    public var vaultIDHex: String { Bytes.hex(vaultID) }
    var dbPath: String { location.database.path }

    /// Creates a new vault in an empty or missing directory.
    ///
    /// Returns the unlocked vault and its recovery key (show it once, then drop it).
    public static func create(at location: VaultLocation, passphrase: SecureBytes, strength: KDFStrength = .moderate) throws -> (Vault, RecoveryKey) {
        try PassphrasePolicy.check(passphrase)
        let directory = try prepareDirectory(location)
        // Two `init` on one directory both pass the check above; the
        // database file, created exclusively, decides which one makes the
        // vault. The other is told a vault exists (`vaultExists`) instead of
        // racing it inside SQLite (a constraint failure, "SQLite error 19").
        try claimDatabase(location, in: directory)
        var created = false
        defer { if !created { for suffix in ["", "-wal", "-shm"] { directory.removeFile(databaseName + suffix) } } }
        let vaultID = Random.bytes(idBytes)
        let master = try MasterKey.random()
        let recovery = try RecoveryKey.generate()
        let passSlot = try makePassphraseSlot(passphrase: passphrase, strength: strength.parameters, master: master, vaultID: vaultID)
        let recSlot = try KeySlot.makeSealed(kind: .recovery, kek: try KeySlot.kek(highEntropySecret: recovery.secret, kind: .recovery),
                                             masterKey: master, vaultID: vaultID)
        let generation = Random.bytes(generationBytes)
        let vault = Vault(location: location, vaultID: vaultID, directory: directory, db: try SQLiteFile.open(databaseName, in: directory),
                          masterKey: master, generation: generation)
        let path = location.database.path
        do {
            try VaultSchema.migrator.migrate(vault.db)
        } catch let e as DatabaseError {
            throw SQLiteFile.mapped(e, path: path, operation: "create")
        }
        try vault.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('vault_id', ?), ('format', ?)",
                           arguments: [Data(vaultID), Data(String(VaultSchema.formatVersion).utf8)])
            try VaultState.setGeneration(db, generation)
            try KeySlotStore.put(db, passSlot)
            try KeySlotStore.put(db, recSlot)
        }
        try SQLiteFile.tightenModes(databaseName, in: directory)
        created = true
        return (vault, recovery)
    }

    /// Creates the empty vault.db with O_EXCL (SQLite takes an empty file as
    /// a new database): exactly one of several concurrent creators succeeds.
    static func claimDatabase(_ location: VaultLocation, in directory: VaultDirectory) throws {
        do {
            _ = try directory.openFile(databaseName, .createNew)
        } catch {
            if directory.entry(databaseName) != nil { throw CaseVaultError.vaultExists(path: location.path) }
            throw error
        }
    }

    /// Refuses a location casevault must not use (a directory of another
    /// user, one others can write to, a symbolic link: `unsafeVault`), an
    /// existing vault (`vaultExists`), a file or a non-empty directory
    /// (`notEmpty`), before anything is asked or written.
    public static func refuseOccupied(_ location: VaultLocation) throws {
        _ = try VaultDirectory.open(location.path, tighten: false, forNewVault: true)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: location.path, isDirectory: &isDir) else { return }
        if PosixFile.exists(location.database.path) { throw CaseVaultError.vaultExists(path: location.path) }
        let entries = isDir.boolValue ? (try? fm.contentsOfDirectory(atPath: location.path)) : nil
        // Another `init` may have claimed vault.db between the two looks.
        if entries?.contains(where: { $0.hasPrefix(location.database.lastPathComponent) }) == true {
            throw CaseVaultError.vaultExists(path: location.path)
        }
        if entries?.isEmpty != true { throw CaseVaultError.notEmpty(path: location.path) }
    }

    /// Refuses what `refuseOccupied` refuses; creates the directory 0700,
    /// or opens the empty one given, and checks it (VaultDirectory: ours,
    /// not a link, not writable by others; group and other bits dropped).
    static func prepareDirectory(_ location: VaultLocation) throws -> VaultDirectory {
        let fm = FileManager.default
        try refuseOccupied(location)
        if !fm.fileExists(atPath: location.path) {
            do {
                try PrivateDirectory.makeWithParents(location.path)
            } catch {
                throw CaseVaultError.io(operation: "create", path: location.path, reason: "the directory cannot be created")
            }
        }
        guard let directory = try VaultDirectory.open(location.path) else {
            throw CaseVaultError.io(operation: "create", path: location.path, reason: "the directory cannot be created")
        }
        return directory
    }

    static func makePassphraseSlot(passphrase: SecureBytes, strength: Argon2id.Parameters, master: MasterKey, vaultID: [UInt8]) throws -> KeySlot {
        let kdf = PassphraseKDF(algorithm: PassphraseKDF.argon2id, opsLimit: strength.opsLimit, memLimit: strength.memLimit,
                                salt: Random.bytes(Argon2id.saltBytes))
        let kek = try KeyEncryptionKey.passphrase(passphrase, salt: kdf.salt, parameters: strength)
        return try KeySlot.make(kind: .passphrase, kdf: kdf, kek: kek, masterKey: master, vaultID: vaultID)
    }

    /// The subkey for a purpose (derived once, kept in secure memory).
    public func subkey(for purpose: KeyPurpose) throws -> PurposeKey {
        if let k = subkeys[purpose] { return k }
        let k = try masterKey.subkey(purpose)
        subkeys[purpose] = k
        return k
    }

    var recordCipher: RecordCipher {
        get throws { RecordCipher(key: try subkey(for: .records), vaultID: vaultID) }
    }

    /// Adds or replaces a slot opened by a high-entropy secret (the keyring's):
    /// a sealed slot, so that a later passphrase change can re-wrap it.
    public func setSlot(_ kind: KeySlotKind, secret: SecureBytes) throws {
        precondition(kind != .passphrase, "use changePassphrase")
        let slot = try KeySlot.makeSealed(kind: kind, kek: try KeySlot.kek(highEntropySecret: secret, kind: kind),
                                          masterKey: masterKey, vaultID: vaultID)
        try write { try KeySlotStore.put($0, slot) }
    }

    /// Removes a slot. The passphrase slot cannot be removed.
    public func removeSlot(_ kind: KeySlotKind) throws {
        precondition(kind != .passphrase, "the passphrase slot is never removed")
        try write { try KeySlotStore.delete($0, kind) }
    }

    /// The kinds of slot present now.
    public func slotKinds() throws -> [KeySlotKind] {
        let all = try read { try KeySlotStore.all($0) }
        return KeySlotKind.allCases.filter { all[$0] != nil }
    }

    /// Backup codes.
    public var codes: CodeStore { CodeStore(vault: self) }
    /// Case identifiers.
    public var identifiers: IdentifierStore { IdentifierStore(vault: self) }
}
