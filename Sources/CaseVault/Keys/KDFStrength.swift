import SodiumKit

/// Named Argon2id strengths (the CLI's `init --kdf`).
public enum KDFStrength: String, CaseIterable, Sendable {
    /// libsodium INTERACTIVE: 64 MiB, about 0.1 s. For tests and weak machines.
    case interactive
    /// libsodium MODERATE: 256 MiB, about 0.5-1 s here. The default.
    case moderate
    /// libsodium SENSITIVE: 1 GiB, several seconds.
    case sensitive

    public var parameters: Argon2id.Parameters {
        switch self {
        case .interactive: return .interactive
        case .moderate: return .moderate
        case .sensitive: return .sensitive
        }
    }

    /// The name of stored parameters, if they match a named strength.
    public static func name(of p: Argon2id.Parameters) -> String {
        allCases.first { $0.parameters == p }?.rawValue ?? "custom"
    }
}
