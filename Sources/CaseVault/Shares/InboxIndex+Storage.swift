import Foundation
import GRDB
import SodiumKit

/// Reading the inbox index from its buckets, making it again from the
/// inbox's records, and writing it.
extension InboxIndex {
    /// The index as its buckets hold it, or nil when they do not reflect
    /// the inbox's records: never built (a vault from before the index), a
    /// share or pin added or removed without it (a restore that left a
    /// damaged record out), or keys made with another ICU version (whose
    /// confusables data may differ). Throws an integrity error naming a
    /// bucket that does not open.
    ///
    /// The check is by count (`SELECT COUNT(*)` on the primary key, about a
    /// millisecond at 30,000 rows): every writer of these tables keeps the
    /// index in the same transaction (vaults this version wrote refuse older
    /// versions, which would not: their migration check), so a count that
    /// matches is a set that matches.
    static func load(_ db: Database, _ tables: VaultTables, counter: UInt64) throws -> InboxIndex? {
        let buckets = try tables.inboxIndex.all(db)
        let version = LookalikeName.dataVersion
        guard buckets.allSatisfy({ $0.contents.icuVersion == version }) else { return nil }
        let index = InboxIndex(clients: buckets.flatMap(\.contents.clients), counter: counter, icuVersion: version)
        guard try index.shareCount == RecordTable.inboxShare.count(db), try index.pinCount == RecordTable.pinnedSender.count(db) else {
            return nil
        }
        return index
    }

    /// Makes the index from the inbox's records (every `inbox_share` and
    /// `pinned_sender` row decrypted: about 2 s at 30,000 shares), as the
    /// inbox was listed before the index existed: shares filed by their
    /// sender's name ignoring case, each pin with the shares filed under
    /// its name. Throws an integrity error naming a record that does not open.
    static func build(_ db: Database, _ tables: VaultTables, counter: UInt64) throws -> InboxIndex {
        let version = LookalikeName.dataVersion
        var clients: [IndexedClient] = []
        var slots: [String: Int] = [:]
        let bucket = { Self.bucketID(Int(Random.bytes(1)[0]) % Self.bucketCount) }
        for (id, pin) in try tables.pinnedSenders.list(db) where slots[pin.client.lowercased()] == nil {
            slots[pin.client.lowercased()] = clients.count
            clients.append(IndexedClient(id: id, name: pin.client, pin: .init(key: pin.key, pinnedAt: pin.pinnedAt),
                                         lookalike: IndexedClient.lookalikeKey(pin.client), shares: [], bucket: bucket()))
        }
        var grouped: [String: [IndexedClient.Share]] = [:]
        for (_, record) in try tables.inboxShares.list(db) {
            grouped[record.manifest.sender.name.lowercased(), default: []].append(IndexedClient.Share(record))
        }
        for (key, shares) in grouped {
            let sorted = shares.sorted(by: IndexedClient.Share.newerFirst)
            if let slot = slots[key] {
                clients[slot].shares = sorted
            } else {
                slots[key] = clients.count
                clients.append(IndexedClient(id: RecordCipher.newID(), name: sorted[0].sender, pin: nil,
                                             lookalike: IndexedClient.lookalikeKey(sorted[0].sender), shares: sorted, bucket: bucket()))
            }
        }
        return InboxIndex(clients: clients, counter: counter, icuVersion: version)
    }

    /// Writes every bucket anew (after `build`).
    func saveAll(_ db: Database, _ tables: VaultTables) throws {
        try tables.inboxIndex.deleteAll(db)
        for bucket in Set(clients.map(\.bucket)) {
            try tables.inboxIndex.write(db, id: bucket, contents(ofBucket: bucket, with: nil))
        }
    }

    /// Writes the bucket of `changed` (in the caller's write transaction)
    /// and takes `changed` in place of the client with its id. If the
    /// transaction then fails, this index no longer says what vault.db does:
    /// `Inbox.updating` drops it.
    func apply(_ db: Database, _ tables: VaultTables, _ changed: IndexedClient) throws {
        try save(db, tables, changed: changed)
        replace(changed)
    }

    /// Writes the bucket of `changed` as it is once `changed` replaces the
    /// client with its id.
    func save(_ db: Database, _ tables: VaultTables, changed: IndexedClient) throws {
        try tables.inboxIndex.write(db, id: changed.bucket, contents(ofBucket: changed.bucket, with: changed))
        // A client does not move between buckets; if one ever did, its old bucket must lose it.
        if let old = client(id: changed.id), old.bucket != changed.bucket {
            try tables.inboxIndex.write(db, id: old.bucket, contents(ofBucket: old.bucket, with: changed))
        }
    }

    /// Whether this index says what `other` says (the same clients, pins and
    /// shares; handles and buckets aside): `check` compares the stored index
    /// with one made from the records.
    func sameContents(as other: InboxIndex) -> Bool {
        func normal(_ i: InboxIndex) -> [String: IndexedClient] {
            Dictionary(i.clients.map { c in
                var c = c
                (c.id, c.bucket) = ("", "")
                c.shares.sort(by: IndexedClient.Share.newerFirst)
                return (c.key, c)
            }, uniquingKeysWith: { a, _ in a })
        }
        return normal(self) == normal(other)
    }
}
