import Foundation
import GRDB

/// One table of vault.db, typed: its name, the subkey that seals it (through
/// `cipher`) and the record type its rows hold.
///
/// Made only by `VaultTables`, which pairs each `RecordTable` with its record
/// type and its purpose's subkey, so a store cannot open a table as the wrong
/// type or under the wrong key. The `db` forms run inside the caller's
/// transaction (`Vault.read`/`Vault.write`, the only way to vault.db, which
/// keeps the state record); the forms without `db` run their own.
struct EncryptedTable<Record: Codable> {
    let table: RecordTable
    let cipher: RecordCipher
    let vault: Vault

    var name: String { table.rawValue }

    /// Every record with its row id, in the order the rows were added.
    /// Throws an integrity error naming the first row that does not open.
    func list(_ db: Database) throws -> [(id: String, record: Record)] {
        try table.all(db).map { ($0.id, try open($0)) }
    }

    /// The record in row `id`, or nil when there is no such row.
    func find(_ db: Database, id: String) throws -> Record? {
        try table.fetch(db, id: id).map(open)
    }

    /// Adds `record` under a new random id (or `id`) and returns the id.
    @discardableResult
    func insert(_ db: Database, _ record: Record, id: String = RecordCipher.newID()) throws -> String {
        try table.insert(db, try seal(record, id: id))
        return id
    }

    /// Re-seals row `id` with `record` (a fresh nonce).
    func update(_ db: Database, _ record: Record, id: String) throws {
        try table.update(db, try seal(record, id: id))
    }

    /// Inserts or replaces row `id`.
    func save(_ db: Database, _ record: Record, id: String) throws {
        if try table.fetch(db, id: id) != nil { try update(db, record, id: id) } else { try insert(db, record, id: id) }
    }

    func delete(_ db: Database, id: String) throws {
        try table.delete(db, id: id)
    }

    /// Every record, in its own read.
    func list() throws -> [(id: String, record: Record)] {
        try vault.read { try list($0) }
    }

    /// Row `id`, in its own read.
    func find(id: String) throws -> Record? {
        try vault.read { try find($0, id: id) }
    }

    /// Opens one row of this table; any failure is an integrity error naming `table/id`.
    func open(_ row: EncryptedRow) throws -> Record {
        try cipher.open(Record.self, row: row, table: name)
    }

    func seal(_ record: Record, id: String) throws -> EncryptedRow {
        try cipher.seal(record, table: name, id: id)
    }
}
