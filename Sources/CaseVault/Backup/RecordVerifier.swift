import Foundation
import SodiumKit

/// Authenticates one row of a vault.db record table under the key its table
/// is sealed with, and decodes it as its table's type: what a backup does
/// with every record it copies, and a restore with every record it
/// rebuilds, so that one damaged record is named and left out instead of
/// failing (or silently carrying) everything.
struct RecordVerifier {
    let records: RecordCipher
    let shares: RecordCipher
    let sharesKey: SecureBytes
    let vaultID: [UInt8]

    init(_ vault: Vault) throws {
        records = try vault.recordCipher
        shares = try vault.sharesCipher
        sharesKey = try vault.subkey(for: .shares)
        vaultID = vault.vaultID
    }

    /// Throws `CaseVaultError.integrity` naming `table/id` when the row does
    /// not authenticate or decode.
    func verify(_ table: RecordTable, _ row: EncryptedRow) throws {
        let name = table.rawValue
        switch table {
        case .codeEntry: _ = try records.open(CodeEntry.self, row: row, table: name)
        case .identifier: _ = try records.open(Identifier.self, row: row, table: name)
        case .shareProfile: _ = try shares.open(ShareKeys.Profile.self, row: row, table: name)
        case .representative: _ = try shares.open(Representative.self, row: row, table: name)
        case .pinnedSender: _ = try shares.open(PinnedSender.self, row: row, table: name)
        case .inboxShare: _ = try inboxShare(row)
        case .shareSecret:
            do {
                let s = try XChaCha20Poly1305.openSecure(.init(nonce: row.nonce, ciphertext: row.ciphertext),
                                                         associatedData: AssociatedData.record(vaultID: vaultID, table: name, id: row.id), key: sharesKey)
                guard s.count == 32 else { throw SodiumError.authenticationFailed }
            } catch {
                throw CaseVaultError.integrity(record: "\(name)/\(row.id)", detail: "the sealed key does not authenticate (changed, damaged, or moved)")
            }
        }
    }

    func inboxShare(_ row: EncryptedRow) throws -> InboxShare {
        try shares.open(InboxShare.self, row: row, table: RecordTable.inboxShare.rawValue)
    }
}
