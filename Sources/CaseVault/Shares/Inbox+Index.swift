import Foundation
import GRDB

/// The inbox index of an unlocked vault: read once, kept on the `Vault`,
/// read again only after vault.db changed, and changed in the same
/// transaction as the records it summarises.
extension Inbox {
    /// The index as vault.db holds it now.
    ///
    /// The one kept on the vault is used while vault.db's state counter is
    /// the one it was read at (checked in a read transaction: one small
    /// record opened, microseconds). Otherwise its buckets are read again;
    /// if they do not reflect the records (a vault from before the index, a
    /// restore that left a record out), it is made from the records and
    /// written, in one write transaction. A format-1 vault (no state record
    /// yet) is not written by reading it: its index is made in memory.
    func index() throws -> InboxIndex {
        // The schema is brought up to date when the vault opens; once an
        // index is kept, it is (a page of the app costs no migrator check).
        if vault.inboxIndexCache == nil { try vault.migrateShares() }
        let tables = try vault.tables
        let cipher = try vault.recordCipher
        let vault = self.vault
        let found = try vault.read { db -> InboxIndex? in
            let state = try VaultState.read(db, cipher: cipher)
            let counter = state?.counter ?? 0
            if let cached = vault.inboxIndexCache, cached.counter == counter { return cached }
            if let loaded = try InboxIndex.load(db, tables, counter: counter) { return loaded }
            return state == nil ? try InboxIndex.build(db, tables, counter: counter) : nil
        }
        if let found {
            vault.inboxIndexCache = found
            return found
        }
        return try updating { _, _, index in index }
    }

    /// Makes the index again from the inbox's records and writes it.
    public func rebuildIndex() throws {
        vault.inboxIndexCache = nil
        try updating(rebuilding: true) { _, _, _ in }
    }

    /// Runs `body` in one write transaction of vault.db with the index as of
    /// that transaction. `body` changes the inbox's records and gives each
    /// client it changed to `InboxIndex.apply`, which writes the client's
    /// bucket in the same transaction and changes the index in memory. Once
    /// the transaction commits, that index is the one kept on the vault; if
    /// anything throws, nothing is written and the kept index is dropped (the
    /// next use reads the buckets again).
    func updating<T>(rebuilding: Bool = false, _ body: (Database, VaultTables, InboxIndex) throws -> T) throws -> T {
        try vault.migrateShares()
        let tables = try vault.tables
        let cipher = try vault.recordCipher
        let vault = self.vault
        do {
            let (result, index, counter) = try vault.write { db -> (T, InboxIndex, UInt64) in
                // Vault.write raises the counter by one in this transaction.
                let counter = (try VaultState.read(db, cipher: cipher)?.counter ?? 0)
                let index: InboxIndex
                if !rebuilding, let cached = vault.inboxIndexCache, cached.counter == counter {
                    index = cached
                } else if !rebuilding, let loaded = try InboxIndex.load(db, tables, counter: counter) {
                    index = loaded
                } else {
                    index = try InboxIndex.build(db, tables, counter: counter)
                    try index.saveAll(db, tables)
                }
                return (try body(db, tables, index), index, counter + 1)
            }
            index.counter = counter
            vault.inboxIndexCache = index
            return result
        } catch {
            vault.inboxIndexCache = nil
            throw error
        }
    }
}
