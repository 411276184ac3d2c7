import Foundation
import GRDB

/// The typed tables of one unlocked vault: each `RecordTable` with its
/// record type and the subkey of its purpose. Every store reaches vault.db's
/// records through these.
struct VaultTables {
    let codeEntries: EncryptedTable<CodeEntry>
    let identifiers: EncryptedTable<Identifier>
    let shareSecrets: SealedSecretTable
    let shareProfiles: EncryptedTable<ShareKeys.Profile>
    let representatives: EncryptedTable<Representative>
    let pinnedSenders: EncryptedTable<PinnedSender>
    let inboxShares: EncryptedTable<InboxShare>
    let inboxIndex: InboxIndexTable
    let recoverySetups: EncryptedTable<RecoverySetup>

    init(_ vault: Vault) throws {
        var ciphers: [KeyPurpose: RecordCipher] = [:]
        func table<R>(_ t: RecordTable) throws -> EncryptedTable<R> {
            if ciphers[t.purpose] == nil { ciphers[t.purpose] = RecordCipher(key: try vault.subkey(for: t.purpose), vaultID: vault.vaultID) }
            return EncryptedTable(table: t, cipher: ciphers[t.purpose]!, vault: vault)
        }
        codeEntries = try table(.codeEntry)
        identifiers = try table(.identifier)
        shareSecrets = SealedSecretTable(table: .shareSecret, key: try vault.subkey(for: RecordTable.shareSecret.purpose),
                                         vaultID: vault.vaultID, vault: vault)
        shareProfiles = try table(.shareProfile)
        representatives = try table(.representative)
        pinnedSenders = try table(.pinnedSender)
        inboxShares = try table(.inboxShare)
        inboxIndex = InboxIndexTable(cipher: RecordCipher(key: try vault.subkey(for: RecordTable.inboxIndex.purpose), vaultID: vault.vaultID))
        recoverySetups = try table(.recoverySetup)
    }

    /// Authenticates one row of `table` and decodes it as that table's
    /// record type: what `check` does with every row, a backup with every
    /// row it copies and a restore with every row it rebuilds. Throws
    /// `CaseVaultError.integrity` naming `table/id`.
    ///
    /// No `default`: a table added to `RecordTable` does not compile until
    /// it is named here with its record type.
    func verify(_ table: RecordTable, _ row: EncryptedRow) throws {
        switch table {
        case .codeEntry: _ = try codeEntries.open(row)
        case .identifier: _ = try identifiers.open(row)
        case .shareSecret: _ = try shareSecrets.open(row)
        case .shareProfile: _ = try shareProfiles.open(row)
        case .representative: _ = try representatives.open(row)
        case .pinnedSender: _ = try pinnedSenders.open(row)
        case .inboxShare: _ = try inboxShares.open(row)
        case .inboxIndex: _ = try inboxIndex.open(row)
        case .recoverySetup: _ = try recoverySetups.open(row)
        }
    }
}

extension Vault {
    /// The typed tables of vault.db (subkeys derived once, kept in secure memory).
    var tables: VaultTables {
        get throws { try VaultTables(self) }
    }
}
