import Foundation
import GRDB
import SodiumKit

/// One encrypted row: random id, nonce, ciphertext.
struct EncryptedRow {
    var id: String
    var nonce: [UInt8]
    var ciphertext: [UInt8]
}

/// Seals and opens Codable records bound to (vault id, table, row id).
///
/// The plaintext is JSON padded to a multiple of 256 bytes before encryption,
/// so a ciphertext's length shows a size class, not the length of a label or
/// the number of codes.
struct RecordCipher {
    let key: PurposeKey
    let vaultID: [UInt8]
    static let padBlock = 256

    static func newID() -> String { Bytes.hex(Random.bytes(16)) }

    func seal<T: Encodable>(_ value: T, table: String, id: String) throws -> EncryptedRow {
        let enc = VaultJSON.Record.encoder()
        let json = [UInt8](try enc.encode(value))
        let sealed = try XChaCha20Poly1305.seal(Bytes.pad(json, blockSize: Self.padBlock),
                                                associatedData: AssociatedData.record(vaultID: vaultID, table: table, id: id),
                                                key: key.secureBytes)
        return EncryptedRow(id: id, nonce: sealed.nonce, ciphertext: sealed.ciphertext)
    }

    /// Seals bytes that are not JSON (the inbox index's buckets), padded
    /// and bound to their place as every record is.
    func sealBytes(_ plaintext: [UInt8], table: String, id: String) throws -> EncryptedRow {
        let sealed = try XChaCha20Poly1305.seal(Bytes.pad(plaintext, blockSize: Self.padBlock),
                                                associatedData: AssociatedData.record(vaultID: vaultID, table: table, id: id),
                                                key: key.secureBytes)
        return EncryptedRow(id: id, nonce: sealed.nonce, ciphertext: sealed.ciphertext)
    }

    /// Opens what `sealBytes` sealed: the unpadded plaintext, or an integrity
    /// error naming `table/id`.
    func openBytes(row: EncryptedRow, table: String) throws -> [UInt8] {
        let name = "\(table)/\(row.id)"
        let padded: [UInt8]
        do {
            padded = try XChaCha20Poly1305.open(.init(nonce: row.nonce, ciphertext: row.ciphertext),
                                                associatedData: AssociatedData.record(vaultID: vaultID, table: table, id: row.id),
                                                key: key.secureBytes)
        } catch {
            throw CaseVaultError.integrity(record: name, detail: "the record does not authenticate (changed, damaged, or moved from another place)")
        }
        guard let plain = Bytes.unpad(padded, blockSize: Self.padBlock) else {
            throw CaseVaultError.integrity(record: name, detail: "bad padding inside an authenticated record")
        }
        return plain
    }

    /// Opens a row; any failure (tampered, corrupted, moved, swapped) is an
    /// integrity error naming the table and row id.
    func open<T: Decodable>(_ type: T.Type, row: EncryptedRow, table: String) throws -> T {
        let name = "\(table)/\(row.id)"
        let padded: [UInt8]
        do {
            padded = try XChaCha20Poly1305.open(.init(nonce: row.nonce, ciphertext: row.ciphertext),
                                                associatedData: AssociatedData.record(vaultID: vaultID, table: table, id: row.id),
                                                key: key.secureBytes)
        } catch {
            throw CaseVaultError.integrity(record: name, detail: "the record does not authenticate (changed, damaged, or moved from another place)")
        }
        return try decode(type, padded: padded, record: name)
    }

    /// Unpads and decodes an authenticated plaintext. Separate from `open` so
    /// the fuzz target can reach it (random bytes never pass authentication).
    func decode<T: Decodable>(_ type: T.Type, padded: [UInt8], record name: String) throws -> T {
        guard let json = Bytes.unpad(padded, blockSize: Self.padBlock) else {
            throw CaseVaultError.integrity(record: name, detail: "bad padding inside an authenticated record")
        }
        let dec = VaultJSON.Record.decoder()
        do {
            return try dec.decode(T.self, from: Data(json))
        } catch {
            throw CaseVaultError.integrity(record: name, detail: "the record authenticates but its contents are not understood")
        }
    }
}

/// Row access for a table of encrypted records.
extension RecordTable {
    func all(_ db: Database) throws -> [EncryptedRow] {
        try Row.fetchAll(db, sql: "SELECT id, nonce, ciphertext FROM \(rawValue) ORDER BY rowid").map(Self.row)
    }

    func fetch(_ db: Database, id: String) throws -> EncryptedRow? {
        try Row.fetchOne(db, sql: "SELECT id, nonce, ciphertext FROM \(rawValue) WHERE id = ?", arguments: [id]).map(Self.row)
    }

    func insert(_ db: Database, _ r: EncryptedRow) throws {
        try db.execute(sql: "INSERT INTO \(rawValue) (id, nonce, ciphertext) VALUES (?, ?, ?)",
                       arguments: [r.id, Data(r.nonce), Data(r.ciphertext)])
    }

    func update(_ db: Database, _ r: EncryptedRow) throws {
        try db.execute(sql: "UPDATE \(rawValue) SET nonce = ?, ciphertext = ? WHERE id = ?",
                       arguments: [Data(r.nonce), Data(r.ciphertext), r.id])
    }

    func delete(_ db: Database, id: String) throws {
        try db.execute(sql: "DELETE FROM \(rawValue) WHERE id = ?", arguments: [id])
    }

    func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(rawValue)") ?? 0
    }

    private static func row(_ r: Row) -> EncryptedRow {
        EncryptedRow(id: r["id"], nonce: [UInt8]((r["nonce"] as Data?) ?? Data()),
                     ciphertext: [UInt8]((r["ciphertext"] as Data?) ?? Data()))
    }
}
