import Foundation
import GRDB

/// The `inbox_index` table, typed: each row a bucket of the inbox index
/// (InboxIndexBucket), sealed under the shares subkey. Made only by
/// `VaultTables`; the `db` forms run inside the caller's transaction
/// (`Vault.read`/`Vault.write`), like `EncryptedTable`'s.
struct InboxIndexTable {
    let cipher: RecordCipher
    static let table = RecordTable.inboxIndex

    var name: String { Self.table.rawValue }

    /// Every bucket with its row id.
    func all(_ db: Database) throws -> [(id: String, contents: InboxIndexBucket.Contents)] {
        try Self.table.all(db).map { ($0.id, try open($0)) }
    }

    /// Writes bucket `id` (a fresh nonce), or removes its row when it holds no client.
    func write(_ db: Database, id: String, _ contents: InboxIndexBucket.Contents) throws {
        guard !contents.clients.isEmpty else { return try Self.table.delete(db, id: id) }
        let row = try cipher.sealBytes(InboxIndexBucket.encode(contents), table: name, id: id)
        if try Self.table.fetch(db, id: id) != nil { try Self.table.update(db, row) } else { try Self.table.insert(db, row) }
    }

    /// Removes every bucket (before the index is written anew).
    func deleteAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM \(name)")
    }

    /// Opens one row; anything that does not authenticate or is not a
    /// bucket is an integrity error naming `inbox_index/id`.
    func open(_ row: EncryptedRow) throws -> InboxIndexBucket.Contents {
        let plain = try cipher.openBytes(row: row, table: name)
        do {
            return try InboxIndexBucket.decode(plain, bucket: row.id)
        } catch {
            throw CaseVaultError.integrity(record: "\(name)/\(row.id)", detail: "the record authenticates but its contents are not understood")
        }
    }
}
