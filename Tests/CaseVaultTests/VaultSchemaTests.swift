import Foundation
import GRDB
import XCTest
@testable import CaseVault

/// vault.db's migrations are frozen: v1 creates what the first release's v1
/// created, v2 the shares tables, v3 the inbox index, v4 the recovery setup, whatever `RecordTable`
/// holds later.
final class VaultSchemaTests: XCTestCase {
    static let v1 = "v1: meta, key slots, encrypted records"
    static let v2 = "v2: shares (representatives, share keys, pinned senders, inbox)"
    static let v3 = "v3: inbox index"
    static let v4 = "v4: recovery setup"

    func tables(_ q: DatabaseQueue) throws -> [String] {
        try q.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name") }
    }

    func testMigrationNamesAreTheShippedOnes() {
        XCTAssertEqual(VaultSchema.migrator.migrations, [Self.v1, Self.v2, Self.v3, Self.v4])
    }

    func testV1CreatesExactlyTheFirstReleasesTables() throws {
        let q = try DatabaseQueue()
        try VaultSchema.migrator.migrate(q, upTo: Self.v1)
        XCTAssertEqual(try tables(q), ["code_entry", "identifier", "key_slot", "meta"])
    }

    /// A database as the first release's v1 made it (its SQL, written out
    /// here, not taken from today's code) gets the shares tables from v2
    /// and the inbox index's from v3.
    func testAnEarlyV1DatabaseMigrates() throws {
        let q = try DatabaseQueue()
        try q.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('\(Self.v1)');
                CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
                CREATE TABLE key_slot (kind TEXT PRIMARY KEY, kdf BLOB, check_value BLOB NOT NULL, nonce BLOB NOT NULL, wrapped BLOB NOT NULL);
                CREATE TABLE code_entry (id TEXT PRIMARY KEY, nonce BLOB NOT NULL, ciphertext BLOB NOT NULL);
                CREATE TABLE identifier (id TEXT PRIMARY KEY, nonce BLOB NOT NULL, ciphertext BLOB NOT NULL);
                INSERT INTO code_entry VALUES ('row', x'00', x'01');
                """)
        }
        try VaultSchema.migrator.migrate(q)
        XCTAssertEqual(try tables(q), ["code_entry", "identifier", "inbox_index", "inbox_share", "key_slot", "meta", "pinned_sender",
                                       "recovery_setup", "representative", "share_profile", "share_secret"])
        XCTAssertEqual(try q.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM code_entry") }, 1)
        // Every RecordTable is a table after the last migration.
        for table in RecordTable.allCases {
            XCTAssertTrue(try q.read { try $0.tableExists(table.rawValue) }, table.rawValue)
            XCTAssertEqual(try q.read { try $0.columns(in: table.rawValue).map(\.name) }, ["id", "nonce", "ciphertext"])
            // v3: the state digest reads ids and nonces from an index, not the rows.
            let detail = try q.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id, nonce FROM \(table.rawValue) ORDER BY id").map { $0["detail"] as String } }
            XCTAssertEqual(detail, ["SCAN \(table.rawValue) USING COVERING INDEX \(table.rawValue)_id_nonce"], table.rawValue)
        }
    }

    /// Vaults made between the shares release and issue 15 got the shares
    /// tables from v1: v2 leaves them as they are.
    func testAVaultWhoseV1MadeTheSharesTablesMigrates() throws {
        let q = try DatabaseQueue()
        try VaultSchema.migrator.migrate(q, upTo: Self.v1)
        try q.write { db in
            try db.execute(sql: "CREATE TABLE share_secret (id TEXT PRIMARY KEY, nonce BLOB NOT NULL, ciphertext BLOB NOT NULL)")
            try db.execute(sql: "INSERT INTO share_secret VALUES ('age-identity', x'00', x'01')")
        }
        try VaultSchema.migrator.migrate(q)
        XCTAssertEqual(try q.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM share_secret") }, 1)
    }

    func testDocumentsMigrationNamesAreTheShippedOnes() {
        XCTAssertEqual(DocumentRow.migrator.migrations, ["v1-documents", "v2-documents: key generation and re-keying"])
    }
}
