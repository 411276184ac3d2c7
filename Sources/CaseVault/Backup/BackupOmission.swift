import Foundation

/// One item a backup left out, or a restore could not bring back, because it
/// is damaged (it does not authenticate, its file is missing or changed).
///
/// Backups and restores go on without it: everything that is whole is
/// carried, and what is not is named here, never hidden behind "success"
/// (the CLI exits 11 and lists each one).
public struct BackupOmission: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A document (row in documents.db, ciphertext in documents/).
        case document
        /// A record of vault.db: a code entry, an identifier, a shares record.
        case record
        /// An imported share (its inbox record and file).
        case inboxShare = "inbox-share"
    }

    public let kind: Kind
    /// Documents: the id in hex; records: `table/row id`; inbox shares: the share id.
    public let id: String
    /// The document's label when its metadata still decrypts (never written
    /// into a backup's manifest, which is not sealed under the vault keys).
    public let label: String?
    /// What is wrong with it.
    public let reason: String

    public init(kind: Kind, id: String, label: String? = nil, reason: String) {
        self.kind = kind
        self.id = id
        self.label = label
        self.reason = reason
    }

    /// The same without the label, for the manifest.
    var withoutLabel: BackupOmission { BackupOmission(kind: kind, id: id, label: nil, reason: reason) }

    /// "document 1a2b3c4d ('passport.jpg')", "record code_entry/…", "imported share 5e6f…".
    public var name: String {
        switch kind {
        case .document: return "document \(id.prefix(8))" + (label.map { " ('\($0)')" } ?? "")
        case .record: return "record \(id)"
        case .inboxShare: return "imported share \(id.prefix(12))"
        }
    }
}
