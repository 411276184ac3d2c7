import Foundation
import GRDB
import SodiumKit

/// A passphrase change is a key rotation (docs/design.md, "Key rotation").
///
/// Before format 2 a passphrase change re-wrapped the same master key, so a
/// copy of the old key slot (or of the whole old vault.db) kept opening
/// everything written after the change. Now every change draws a new master
/// key: every record of vault.db and every row of documents.db is re-sealed
/// under the new subkeys, the recovery and keyring slots are re-wrapped to
/// their stored public keys, and the generation changes. An old slot then
/// unwraps an old master key that opens nothing written since. Document
/// files do not move: each keeps its own stream key, re-wrapped.
extension Vault {
    /// What a key change did beside the passphrase.
    public struct KeyChange: Sendable {
        /// A new recovery key, shown once: the old one no longer opens the
        /// vault (it was used, or its slot predates format 2).
        public let newRecoveryKey: RecoveryKey?
        /// The keyring slot predates format 2 and could not follow the new
        /// key: it was removed (`keyring enable` makes a new one).
        public let keyringSlotRemoved: Bool
    }

    /// Sets a new passphrase and rotates every key under it.
    ///
    /// `replaceRecoveryKey` also replaces the recovery key (after `recover`,
    /// which used it). One vault.db transaction changes the keys, so an
    /// interruption leaves either the old or the new passphrase working,
    /// never both and never neither.
    @discardableResult
    public func changePassphrase(to new: SecureBytes, strength: KDFStrength? = nil, replaceRecoveryKey: Bool = false) throws -> KeyChange {
        try PassphrasePolicy.check(new)
        let current = try read { try KeySlotStore.all($0) }
        let params = strength?.parameters ?? current[.passphrase]?.kdf?.parameters ?? KDFStrength.moderate.parameters
        let newMaster = try MasterKey.random()
        let newGeneration = Random.bytes(Self.generationBytes)
        let passSlot = try Self.makePassphraseSlot(passphrase: new, strength: params, master: newMaster, vaultID: vaultID)
        let newDocumentsKey = try newMaster.subkey(.documents)

        var change = KeyChange(newRecoveryKey: nil, keyringSlotRemoved: false)
        if let documents = try existingDocuments() {
            try documents.lock.exclusive {
                try documents.prepareRekey(newKey: newDocumentsKey, generation: newGeneration)
                change = try rotateRecords(newMaster: newMaster, generation: newGeneration, passSlot: passSlot, replaceRecoveryKey: replaceRecoveryKey)
                // Finished here or, after a crash, by the next open of the store.
                try? documents.finishRekey(generation: newGeneration)
            }
        } else {
            change = try rotateRecords(newMaster: newMaster, generation: newGeneration, passSlot: passSlot, replaceRecoveryKey: replaceRecoveryKey)
        }
        return change
    }

    /// The vault.db half of a rotation: one transaction.
    private func rotateRecords(newMaster: MasterKey, generation newGeneration: [UInt8], passSlot: KeySlot,
                               replaceRecoveryKey: Bool) throws -> KeyChange {
        var newKeys: [KeyPurpose: PurposeKey] = [:]
        for purpose in [KeyPurpose.records, .shares] {
            newKeys[purpose] = try newMaster.subkey(purpose)
        }
        let oldCipher = try recordCipher
        let newCipher = RecordCipher(key: newKeys[.records]!, vaultID: vaultID)
        var newRecovery: RecoveryKey?
        var keyringRemoved = false
        let counter = try db.vaultWrite(path: dbPath) { db -> UInt64 in
            try checkGeneration(db)
            let old = try VaultState.read(db, cipher: oldCipher)
            for table in RecordTable.allCases where try db.tableExists(table.rawValue) {
                let purpose = table.purpose
                let oldKey = try subkey(for: purpose)
                for row in try table.all(db) {
                    let plain = try openRow(row, of: table, key: oldKey, failure:
                        "the record does not authenticate, so it cannot be moved to the new key; the passphrase was not changed")
                    let ad = AssociatedData.record(vaultID: vaultID, table: table.rawValue, id: row.id)
                    let sealed = try XChaCha20Poly1305.sealSecure(plain, associatedData: ad, key: newKeys[purpose]!.secureBytes)
                    try table.update(db, EncryptedRow(id: row.id, nonce: sealed.nonce, ciphertext: sealed.ciphertext))
                }
            }
            let slots = try KeySlotStore.all(db)
            try KeySlotStore.put(db, passSlot)
            if let recovery = slots[.recovery], recovery.isSealed, !replaceRecoveryKey {
                try KeySlotStore.put(db, try recovery.rewrapped(masterKey: newMaster, vaultID: vaultID))
            } else {
                let key = try RecoveryKey.generate()
                try KeySlotStore.put(db, try KeySlot.makeSealed(kind: .recovery, kek: try KeySlot.kek(highEntropySecret: key.secret, kind: .recovery),
                                                                masterKey: newMaster, vaultID: vaultID))
                newRecovery = key
            }
            if let keyring = slots[.keyring] {
                if keyring.isSealed {
                    try KeySlotStore.put(db, try keyring.rewrapped(masterKey: newMaster, vaultID: vaultID))
                } else {
                    try KeySlotStore.delete(db, .keyring)
                    keyringRemoved = true
                }
            }
            try VaultState.setGeneration(db, newGeneration)
            try Self.setFormat(db)
            let state = VaultState(counter: (old?.counter ?? 0) + 1, generation: Bytes.hex(newGeneration), digest: try VaultState.digest(db))
            try state.write(db, cipher: newCipher)
            return state.counter
        }
        adopt(masterKey: newMaster, generation: newGeneration)
        seenState.record(counter)
        return KeyChange(newRecoveryKey: newRecovery, keyringSlotRemoved: keyringRemoved)
    }
}
