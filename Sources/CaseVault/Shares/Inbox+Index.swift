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
        try vault.migrateShares()
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
        return try updating { _, _, index in (index, nil) }
    }

    /// Makes the index again from the inbox's records and writes it.
    public func rebuildIndex() throws {
        vault.inboxIndexCache = nil
        _ = try updating(rebuilding: true) { _, _, _ in ((), nil) }
    }

    /// Runs `body` in one write transaction of vault.db with the index as of
    /// that transaction. `body` changes the inbox's records and returns the
    /// one client it changed (as it is after the change), whose bucket is
    /// written in the same transaction; once it commits, the kept index
    /// takes the change. If anything throws, nothing is written and the
    /// kept index is as it was.
    func updating<T>(rebuilding: Bool = false, _ body: (Database, VaultTables, InboxIndex) throws -> (T, IndexedClient?)) throws -> T {
        try vault.migrateShares()
        let tables = try vault.tables
        let cipher = try vault.recordCipher
        let vault = self.vault
        let (result, index, changed, counter) = try vault.write { db -> (T, InboxIndex, IndexedClient?, UInt64) in
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
            let (r, changed) = try body(db, tables, index)
            if let changed { try index.save(db, tables, changed: changed) }
            return (r, index, changed, counter + 1)
        }
        if let changed { index.replace(changed) }
        index.counter = counter
        vault.inboxIndexCache = index
        return result
    }
}
