import Foundation
import GRDB
import SodiumKit

/// A table of raw secrets (`share_secret`): each row is a 32-byte key (or a
/// post-quantum age identity in its 77-character text, see `ShareKeys`) sealed
/// straight from secure memory (`sealSecure`: no JSON, no String, no copy
/// outside secure memory), bound by its associated data to this vault, the
/// table and its row id, so a secret moved to another row or into another
/// vault does not open. Made only by `VaultTables`.
struct SealedSecretTable {
    let table: RecordTable
    let key: PurposeKey
    let vaultID: [UInt8]
    let vault: Vault

    static let secretBytes = 32
    /// `AGE-SECRET-KEY-PQ-1` and the Bech32 of a 32-byte seed with its checksum.
    static let postQuantumIdentityTextBytes = 77

    var name: String { table.rawValue }

    /// The secret in row `id`, or nil when there is no such row.
    func find(_ db: Database, id: String) throws -> SecureBytes? {
        try table.fetch(db, id: id).map(open)
    }

    /// Row `id`, in its own read.
    func find(id: String) throws -> SecureBytes? {
        guard let row = try vault.read({ try table.fetch($0, id: id) }) else { return nil }
        return try open(row)
    }

    /// The ids of the rows whose id starts with `prefix`, in the order they were added.
    func ids(prefix: String) throws -> [String] {
        try vault.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM \(name) WHERE id LIKE ? ORDER BY rowid", arguments: [prefix + "%"])
        }
    }

    func insert(_ db: Database, _ row: EncryptedRow) throws { try table.insert(db, row) }
    func update(_ db: Database, _ row: EncryptedRow) throws { try table.update(db, row) }

    /// Seals `secret` for row `id` (sealed outside the write transaction by
    /// callers that draw a new key, so the transaction stays short).
    func seal(_ secret: SecureBytes, id: String) throws -> EncryptedRow {
        let sealed = try XChaCha20Poly1305.sealSecure(secret, associatedData: ad(id), key: key.secureBytes)
        return EncryptedRow(id: id, nonce: sealed.nonce, ciphertext: sealed.ciphertext)
    }

    /// Opens one row; a row that does not authenticate, or holds anything
    /// but a 32-byte key or a post-quantum identity's text, is an integrity
    /// error naming `table/id`.
    func open(_ row: EncryptedRow) throws -> SecureBytes {
        do {
            let s = try XChaCha20Poly1305.openSecure(.init(nonce: row.nonce, ciphertext: row.ciphertext), associatedData: ad(row.id),
                                                     key: key.secureBytes)
            guard s.count == Self.secretBytes || s.count == Self.postQuantumIdentityTextBytes else {
                throw SodiumError.authenticationFailed
            }
            return s
        } catch {
            throw CaseVaultError.integrity(record: "\(name)/\(row.id)", detail: "the sealed key does not authenticate (changed, damaged, or moved)")
        }
    }

    private func ad(_ id: String) -> [UInt8] {
        AssociatedData.record(vaultID: vaultID, table: name, id: id)
    }
}
