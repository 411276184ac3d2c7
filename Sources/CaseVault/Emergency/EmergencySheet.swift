import Foundation

/// What the emergency screen shows: the things an officer or a help desk
/// asks for, gathered from an unlocked vault at one moment.
///
/// The sheet is plain data, so the CLI only prints it and tests can compare
/// it exactly. Everything time-dependent is computed from the `now` given to
/// `Vault.emergencySheet(now:)`: the sheet carries dates, never "N days ago".
///
/// Which codes are revealed (docs/guide.md explains it to users):
/// - the entry marked primary: its code (single) or its next unused code (list);
/// - every single-code entry: the USCIS backup code is one;
/// - other code lists are named with their counts, not revealed: the screen may
///   be shown at a counter, and those codes are one `code use LABEL` away.
/// Gathering never marks a code used; using a code does.
public struct EmergencySheet: Sendable, Equatable {
    /// A code shown in full.
    public struct Code: Sendable, Equatable {
        public let label: String
        public let account: String?
        public let kind: CodeEntry.Kind
        public let primary: Bool
        /// The code to give (single: the code; list: the next unused one).
        /// Nil when a list has no unused code left.
        public let code: String?
        /// Position of `code` in the list, from 1 (single entries: 1).
        public let number: Int?
        public let unused: Int
        public let total: Int
        /// For a single entry: when its code was last marked used.
        public let usedAt: Date?
    }

    /// A list of one-time codes that is not revealed here.
    public struct CodeList: Sendable, Equatable {
        public let label: String
        public let account: String?
        public let unused: Int
        public let total: Int
    }

    /// A case identifier in full.
    public struct Identifier: Sendable, Equatable {
        public let kind: IdentifierKind
        public let label: String
        /// The normalised value (A012345678).
        public let value: String
        /// The readable value (A-012-345-678).
        public let formatted: String
        public let note: String?
    }

    /// A stored document, by its metadata only (the scan is not read).
    public struct StoredDocument: Sendable, Equatable {
        public enum State: String, Sendable {
            case valid
            /// Expires within `EmergencySheet.renewalWindowDays`.
            case renewSoon = "renew-soon"
            case expired
            case noExpiry = "no-expiry"
        }
        public let type: DocumentType
        public let label: String
        public let expires: CalendarDay?
        public let daysUntilExpiry: Int?
        public let state: State
    }

    /// Documents that expire within this many days are marked `renewSoon`
    /// (USCIS advises filing renewals about six months ahead).
    public static let renewalWindowDays = 180

    public let vaultPath: String
    /// The UTC day the sheet was gathered.
    public let today: CalendarDay
    /// Revealed codes: the primary entry first, then single entries as added.
    public let codes: [Code]
    /// Lists not revealed, as added.
    public let otherCodeLists: [CodeList]
    /// Identifiers, A-Number first, then account number, receipts, cards, others.
    public let identifiers: [Identifier]
    /// Documents, soonest expiry first, undated last.
    public let documents: [StoredDocument]
    /// Set when the document index could not be read: codes and identifiers
    /// are still shown (an emergency is no time to show nothing).
    public let documentsProblem: String?
    /// Entries of documents/ that casevault did not write (links, FIFOs,
    /// devices), left alone; the command warns about them on stderr.
    public let foreignFiles: [ForeignFile]

    /// Whether nothing at all is stored.
    public var isEmpty: Bool {
        codes.isEmpty && otherCodeLists.isEmpty && identifiers.isEmpty && documents.isEmpty && documentsProblem == nil
    }
}
