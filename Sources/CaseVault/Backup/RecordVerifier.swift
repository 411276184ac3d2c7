import Foundation

/// Authenticates one row of a vault.db record table under the key its table
/// is sealed with, and decodes it as its table's type: what a backup does
/// with every record it copies, and a restore with every record it
/// rebuilds, so that one damaged record is named and left out instead of
/// failing (or silently carrying) everything.
struct RecordVerifier {
    let tables: VaultTables

    init(_ vault: Vault) throws {
        tables = try vault.tables
    }

    /// Throws `CaseVaultError.integrity` naming `table/id` when the row does
    /// not authenticate or decode.
    func verify(_ table: RecordTable, _ row: EncryptedRow) throws {
        try tables.verify(table, row)
    }

    func inboxShare(_ row: EncryptedRow) throws -> InboxShare {
        try tables.inboxShares.open(row)
    }
}
