/// What a stored document is. The type decides nothing about storage; it lets
/// `doc list` and `status` say which papers are kept and which need renewal.
public enum DocumentType: String, Codable, CaseIterable, Sendable {
    case greenCard = "green-card"
    case ead
    case passport
    case i94 = "i-94"
    case i797 = "i-797"
    case other

    /// Papers that expire and must be renewed months ahead (`status` warns).
    public var needsRenewal: Bool {
        switch self {
        case .greenCard, .ead, .passport: return true
        case .i94, .i797, .other: return false
        }
    }

    /// The accepted spellings, for error hints and help text.
    public static var spellings: String { allCases.map(\.rawValue).joined(separator: "|") }
}
