import Foundation
import GRDB
import SodiumKit

/// The vault's state record: a counter and a digest of every row of vault.db,
/// sealed under the records key in `meta` row `state` (format 2).
///
/// Every write of vault.db goes through `Vault.write`, which in the same
/// IMMEDIATE transaction raises the counter and recomputes the digest. An
/// unlock then recomputes the digest and compares:
/// - a record put back to an older version of itself (same row, an older
///   ciphertext), a removed row or a row added by hand changes the digest;
/// - a whole older vault.db carries an older counter, which is compared with
///   the counter this computer last saw for the vault (`SeenState`, kept
///   outside the vault directory);
/// - a key slot put back from before a passphrase change unwraps an older
///   master key, under which this record no longer opens.
///
/// The digest covers, per row, its table, id and nonce: every seal draws a fresh random nonce, so the nonce names
/// the version of a row, and a ciphertext cannot be paired with another
/// nonce without failing authentication. Ciphertexts themselves are not
/// hashed, which keeps a write of an attorney's inbox of 30,000 rows cheap.
struct VaultState: Codable, Equatable {
    /// Raised by one at every committed write of vault.db.
    var counter: UInt64
    /// The key generation (hex) the vault was at when this was written.
    var generation: String
    /// BLAKE2b-256 over every row (hex).
    var digest: String

    static let metaKey = "state"
    static let generationKey = "key_generation"

    /// Reads and opens the state record; nil on a vault that has none yet.
    static func read(_ db: Database, cipher: RecordCipher) throws -> VaultState? {
        guard let blob = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [metaKey]) else { return nil }
        let bytes = [UInt8](blob)
        guard bytes.count > XChaCha20Poly1305.nonceBytes else {
            throw CaseVaultError.integrity(record: "meta/state", detail: "the state record is truncated")
        }
        let row = EncryptedRow(id: metaKey, nonce: Array(bytes[..<XChaCha20Poly1305.nonceBytes]),
                               ciphertext: Array(bytes[XChaCha20Poly1305.nonceBytes...]))
        do {
            return try cipher.open(VaultState.self, row: row, table: "meta")
        } catch {
            throw CaseVaultError.integrity(
                record: "meta/state",
                detail: "the vault's state record does not open with this key: a key slot, or vault.db, was put back from an older copy, or the file is damaged")
        }
    }

    /// Seals and stores this state.
    func write(_ db: Database, cipher: RecordCipher) throws {
        let row = try cipher.seal(self, table: "meta", id: Self.metaKey)
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [Self.metaKey, Data(row.nonce + row.ciphertext)])
    }

    /// The key generation stored in `meta` (public; nil before format 2).
    static func generation(_ db: Database) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [generationKey]).map { [UInt8]($0) }
    }

    static func setGeneration(_ db: Database, _ g: [UInt8]) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [generationKey, Data(g)])
    }

    /// The digest of every encrypted row, in a fixed order.
    ///
    /// Key slots are left out: a slot put back from before a passphrase
    /// change unwraps an older master key, which cannot open this record (and
    /// a damaged passphrase slot must not stop the recovery key).
    ///
    /// BLAKE2b-256 over fields, each a 4-byte big-endian length and its bytes:
    /// "casevault state digest v1", then per row of each table (RecordTable
    /// order, rows by id) the table's name, the row's id and its nonce. Every
    /// write and every unlock computes it over all rows (an attorney's inbox
    /// of 30,000 shares is about 40,000 rows), so the rows are read through
    /// a cursor without a copy per column and hashed in 64 KiB blocks: 4 µs
    /// a row became about 0.3 µs (measured 2026-12-06, docs/measurements.md).
    static func digest(_ db: Database) throws -> String {
        let h = try BLAKE2bHasher(length: 32)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16 + 256)
        func field<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            let n = UInt32(bytes.count)
            buffer.append(contentsOf: [UInt8(n >> 24), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)])
            buffer.append(contentsOf: bytes)
        }
        field(Array("casevault state digest v1".utf8))
        for table in RecordTable.allCases where try db.tableExists(table.rawValue) {
            // Empty tables add nothing, so creating a table (a migration) does
            // not change the digest.
            let name = Array(table.rawValue.utf8)
            let rows = try Row.fetchCursor(db, sql: "SELECT id, nonce FROM \(table.rawValue) ORDER BY id")
            while let r = try rows.next() {
                field(name)
                // The id is text: its UTF-8 bytes, as SQLite holds them.
                try r.withUnsafeData(atIndex: 0) { field($0 ?? Data()) }
                try r.withUnsafeData(atIndex: 1) { field($0 ?? Data()) }
                if buffer.count >= 1 << 16 {
                    h.update(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        h.update(buffer)
        return Bytes.hex(h.finalize())
    }
}
