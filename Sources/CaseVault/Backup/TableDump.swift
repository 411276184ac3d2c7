import Foundation
import GRDB
import SodiumKit

/// Every row of every table of one SQLite file, as JSON: how a backup carries
/// vault.db and documents.db.
///
/// Rows are copied as stored: ciphertexts, nonces and ids byte for byte, so
/// every record keeps authenticating after a restore (its associated data is
/// the vault id, table and row id, all preserved). Nothing is decrypted to
/// make a backup. The migration names travel too: a restore refuses a dump
/// whose schema this program does not know, then rebuilds the schema with its
/// own migrator and inserts the rows.
struct TableDump: Codable {
    struct Table: Codable {
        var columns: [String]
        var rows: [[Value]]
    }

    /// One SQLite value: exactly one field is set (none for NULL).
    struct Value: Codable {
        var i: Int64?
        var t: String?
        var b: Data?
        var r: Double?
    }

    var migrations: [String]
    var tables: [String: Table]

    /// Reads every table inside the caller's transaction.
    static func read(_ db: Database) throws -> TableDump {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name
            """)
        var tables: [String: Table] = [:]
        for name in names {
            let columns = try db.columns(in: name).map(\.name)
            let quoted = columns.map { "\"\($0)\"" }.joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: "SELECT \(quoted) FROM \"\(name)\" ORDER BY rowid").map { row in
                columns.map { c -> Value in
                    switch row[c] as DatabaseValue? {
                    case nil: return Value()
                    case let v?:
                        switch v.storage {
                        case .null: return Value()
                        case .int64(let x): return Value(i: x)
                        case .double(let x): return Value(r: x)
                        case .string(let x): return Value(t: x)
                        case .blob(let x): return Value(b: x)
                        }
                    }
                }
            }
            tables[name] = Table(columns: columns, rows: rows)
        }
        let migrations = (try? String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")) ?? []
        return TableDump(migrations: migrations, tables: tables)
    }

    /// Leaves out the rows of `table` whose `id` (text, or a blob in hex) is in `ids`.
    mutating func removeRows(_ table: String, ids: Set<String>) {
        guard !ids.isEmpty, var t = tables[table], let c = t.columns.firstIndex(of: "id") else { return }
        t.rows.removeAll { row in
            guard c < row.count, let id = row[c].t ?? row[c].b.map({ Bytes.hex([UInt8]($0)) }) else { return false }
            return ids.contains(id)
        }
        tables[table] = t
    }

    /// Creates the schema with `migrator` and inserts every row; refuses
    /// unknown migrations or tables.
    func restore(into queue: DatabaseQueue, migrator: DatabaseMigrator, file: String) throws {
        let known = Set(migrator.migrations)
        for m in migrations where !known.contains(m) {
            throw ShareError.badBackup("\(file) was made by a newer casevault (schema '\(m)')")
        }
        try migrator.migrate(queue)
        try queue.write { db in
            for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
                guard try db.tableExists(name) else { throw ShareError.badBackup("\(file) has an unknown table '\(name)'") }
                let have = Set(try db.columns(in: name).map(\.name))
                guard table.columns.allSatisfy(have.contains) else { throw ShareError.badBackup("\(file) table '\(name)' has unknown columns") }
                try db.execute(sql: "DELETE FROM \"\(name)\"")
                let sql = "INSERT INTO \"\(name)\" (\(table.columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES (\(table.columns.map { _ in "?" }.joined(separator: ", ")))"
                let statement = try db.makeStatement(sql: sql)
                for row in table.rows {
                    guard row.count == table.columns.count else { throw ShareError.badBackup("\(file) table '\(name)' has a short row") }
                    let values: [DatabaseValueConvertible?] = row.map { v in v.i ?? v.t ?? v.b ?? v.r }
                    try statement.execute(arguments: StatementArguments(values))
                }
            }
        }
    }
}
