/// Why a Secret Service call did not give an answer.
///
/// The cases tell apart the situations a user can act on differently: there
/// is no session bus at all (a console or ssh login), the bus has no Secret
/// Service (no GNOME Keyring, KWallet or KeePassXC running), the collection is
/// locked, the service did not answer in time, or it answered "no such item".
/// No case carries secret data: the details are libsecret's and D-Bus's own
/// messages, which never contain stored values.
public enum KeyringError: Error, Equatable, Sendable {
    /// No D-Bus session bus could be reached (not set, or its socket is gone).
    case noSessionBus(detail: String)
    /// The session bus has no Secret Service and none can be started.
    case noService(detail: String)
    /// The collection (or the item) is locked; nothing is read or written
    /// without the user unlocking it in their keyring manager.
    case locked(collection: String)
    /// The service has no `default` collection to store into.
    case noDefaultCollection
    /// The service did not answer within the time bound.
    case timeout(seconds: Double)
    /// No item has the requested attributes.
    case itemNotFound
    /// An item was found but its secret is not what this layer stored.
    case malformedItem(reason: String)
    /// Any other failure reported by the service or by libsecret.
    case failed(detail: String)

    /// One line for a person: what happened, without secrets.
    public var reason: String {
        switch self {
        case .noSessionBus(let d): return "no D-Bus session bus (\(d))"
        case .noService(let d): return "no Secret Service on the session bus (\(d))"
        case .locked(let c): return "the keyring collection '\(c)' is locked"
        case .noDefaultCollection: return "the Secret Service has no default collection"
        case .timeout(let s): return "the Secret Service did not answer within \(Self.seconds(s))"
        case .itemNotFound: return "no keyring item for this vault"
        case .malformedItem(let r): return "the keyring item is not a CaseVault unlock secret (\(r))"
        case .failed(let d): return "the Secret Service call failed (\(d))"
        }
    }

    /// A short machine-readable name for JSON output and tests.
    public var code: String {
        switch self {
        case .noSessionBus: return "no-session-bus"
        case .noService: return "no-secret-service"
        case .locked: return "locked"
        case .noDefaultCollection: return "no-default-collection"
        case .timeout: return "timeout"
        case .itemNotFound: return "item-not-found"
        case .malformedItem: return "malformed-item"
        case .failed: return "failed"
        }
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }
}

extension KeyringError: CustomStringConvertible {
    public var description: String { reason }
}
