import SodiumKit

/// Purpose subkeys derived from the master key with `crypto_kdf`.
///
/// Each purpose has its own 8-byte context, so the keys are independent: the
/// documents key (and documents.db) reveals nothing of codes and identifiers,
/// and the other way round. Adding a purpose never changes an existing key.
public enum KeyPurpose: Sendable, CaseIterable {
    /// Backup codes and case identifiers (vault.db records).
    case records
    /// Document scans (documents.db and the documents/ directory).
    case documents
    /// The applicant's signing key and representative data (shares).
    case shares

    var context: String {
        switch self {
        case .records: return "cvrecord"
        case .documents: return "cvdocmnt"
        case .shares: return "cvshares"
        }
    }

    var subkeyID: UInt64 { 1 }
}
