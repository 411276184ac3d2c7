import CaseVault
import Foundation

/// What `casevault app` was asked for: where the vault is and how to serve it.
public struct AppOptions: Sendable {
    /// The vault the app opens (created by the first-run pages when absent).
    public var location: VaultLocation
    /// The loopback port; nil picks a free one.
    public var port: Int?
    /// Idle time after which the vault locks (keys dropped from memory).
    public var idleLock: Duration
    /// Try the desktop keyring before asking for the passphrase.
    public var useKeyring: Bool
    /// Bound on each keyring call, in seconds (as the CLI's CASEVAULT_KEYRING_TIMEOUT).
    public var keyringTimeout: Double
    /// Open the launch file with the desktop's opener.
    public var openBrowser: Bool

    public static let defaultIdleLock: Duration = .seconds(300)

    public init(location: VaultLocation, port: Int? = nil, idleLock: Duration = AppOptions.defaultIdleLock,
                useKeyring: Bool = true, keyringTimeout: Double = VaultKeyring.defaultTimeout, openBrowser: Bool = true) {
        self.location = location
        self.port = port
        self.idleLock = idleLock
        self.useKeyring = useKeyring
        self.keyringTimeout = keyringTimeout
        self.openBrowser = openBrowser
    }

    /// Parses an idle time: `300`, `45s`, `5m`, `1h` (at least 1 second, at most 24 hours).
    public static func parseDuration(_ text: String) -> Duration? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        var digits = t
        var unit: Int64 = 1
        if let last = t.last, !last.isNumber {
            digits = String(t.dropLast())
            switch last {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            default: return nil
            }
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int64(digits), n >= 1 else { return nil }
        let (seconds, overflow) = n.multipliedReportingOverflow(by: unit)
        guard !overflow, seconds <= 86_400 else { return nil }
        return .seconds(seconds)
    }
}
