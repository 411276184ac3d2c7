/// Every table of encrypted records in vault.db, and the subkey that seals it.
///
/// The record type each table holds is named once, in `VaultTables`; its
/// `verify` switches over this enum with no `default`, so a new case does
/// not compile until `check`, backup and restore know how to open it. The
/// tamper tests (TableTamperTests) iterate `allCases`, so it also needs a
/// sample row there. Key rotation, the state digest and the unlock's
/// authentication of every row iterate `allCases` too.
enum RecordTable: String, CaseIterable, Sendable {
    case codeEntry = "code_entry"
    case identifier = "identifier"
    /// Shares (docs/shares.md): sealed under the shares subkey, not the records key.
    case shareSecret = "share_secret"
    case shareProfile = "share_profile"
    case representative = "representative"
    case pinnedSender = "pinned_sender"
    case inboxShare = "inbox_share"
    /// The inbox index (migration v3, docs/shares.md "The inbox index"):
    /// every client's and share's summary, in up to 256 sealed buckets.
    case inboxIndex = "inbox_index"
    /// The trusted-people recovery setup (migration v4, docs/recovery.md):
    /// the emergency copy's recipient and the setup's public facts.
    case recoverySetup = "recovery_setup"

    /// The subkey its rows are sealed under.
    var purpose: KeyPurpose {
        switch self {
        case .codeEntry, .identifier: return .records
        case .shareSecret, .shareProfile, .representative, .pinnedSender, .inboxShare, .inboxIndex, .recoverySetup: return .shares
        }
    }
}
