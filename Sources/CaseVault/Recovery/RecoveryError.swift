/// Why trusted-people recovery refused something (besides SLIP-0039's own
/// `Slip39Error` for a share that does not check out). No command names.
public enum RecoveryError: Error, Equatable, Sendable {
    /// A valid SLIP-0039 share of another split than this setup's.
    case notThisSetup(share: Int)
    /// The shares combined (their digest verified) but their secret is not
    /// the one this copy was sealed for: another setup's shares.
    case sharesDoNotOpenCopy
    /// Sealed shares signed by another key than the emergency copy.
    case signerMismatch(share: String, copy: String)

    public var kind: ErrorKind {
        switch self {
        case .notThisSetup: return .invalidInput
        case .sharesDoNotOpenCopy, .signerMismatch: return .integrity
        }
    }

    public var message: String {
        switch self {
        case .notThisSetup(let n):
            return "share \(n) is a valid SLIP-0039 share, but not one of this recovery setup's (another split)"
        case .sharesDoNotOpenCopy:
            return "these shares fit together, but they do not open this emergency copy (they belong to another setup, or the copy was made by a newer setup)"
        case .signerMismatch(let share, let copy):
            return "the sealed shares were signed by \(share), but the emergency copy by \(copy)"
        }
    }
}

extension RecoveryError: CustomStringConvertible {
    public var description: String { message }
}
