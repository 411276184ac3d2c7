import Foundation

/// One backup code and when it was used.
public struct BackupCode: Codable, Sendable, Equatable {
    public var code: String
    public var usedAt: Date?

    public init(code: String, usedAt: Date? = nil) {
        self.code = code
        self.usedAt = usedAt
    }

    public var isUsed: Bool { usedAt != nil }
}

/// A set of codes that was replaced, kept as history.
public struct SupersededCodes: Codable, Sendable, Equatable {
    public var codes: [BackupCode]
    public var addedAt: Date
    public var supersededAt: Date
}

/// A backup-code entry: the USCIS kind (one code, replaced whenever the
/// two-step method changes) or a list of one-time codes (Login.gov, Google...).
public struct CodeEntry: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// One backup code (USCIS online account).
        case single
        /// A list of one-time codes.
        case list
    }

    public var label: String
    public var account: String?
    public var kind: Kind
    public var codes: [BackupCode]
    public var history: [SupersededCodes]
    /// Shown first on the emergency screen.
    public var primary: Bool
    public var addedAt: Date
    public var updatedAt: Date

    public var unusedCount: Int { codes.filter { !$0.isUsed }.count }

    /// Warn when this few unused codes are left.
    public static let lowWaterMark = 2

    /// Whether the entry needs new codes soon.
    public var isLow: Bool { unusedCount <= Self.lowWaterMark }
}

/// An entry with its record id.
public struct StoredCodeEntry: Sendable, Equatable {
    public let id: String
    public var entry: CodeEntry
}

/// The result of `code use`.
public struct CodeUse: Sendable {
    public let code: String
    public let entry: CodeEntry
    /// When set, the only code of a single entry had already been used then.
    public let previouslyUsedAt: Date?
    public var remaining: Int { entry.unusedCount }
}
