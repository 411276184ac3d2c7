/// Why a share (or a backup) was refused. Each case says what was wrong and
/// what to do; none carries a secret or a document's contents.
public enum ShareError: Error, Equatable, Sendable {
    /// The payload is not a share: wrong layout, bad JSON, unknown version.
    case malformed(String)
    /// The manifest's signature does not verify under the key it names.
    case badSignature
    /// The manifest and the contents disagree (hash, size, name, missing or extra entry).
    case contentMismatch(String)
    /// A tar entry would write outside the target, or is a link or device.
    case unsafeEntry(String)
    /// The share is signed by another key than the one pinned for that client.
    case signerChanged(client: String, pinned: String, presented: String)
    /// The share is signed by another key than the one given with --from.
    case unexpectedSigner(expected: String, presented: String)
    /// The sender's name looks like a pinned client's, but another key
    /// signed: held back until the attorney confirms it (`share pin`).
    /// `sender` and `looksLike` are shown with their differences written out.
    case lookalikeSender(sender: String, looksLike: String, presented: String, pinned: String, inboxID: String?)
    /// The vault has no age identity (no `identity new`).
    case noIdentity
    /// A backup is not one (wrong layout or version) or fails verification.
    case badBackup(String)

    public var exitCode: Int32 {
        switch self {
        case .noIdentity: return 5
        case .malformed, .badSignature, .contentMismatch, .unsafeEntry, .signerChanged, .unexpectedSigner, .lookalikeSender, .badBackup: return 6
        }
    }

    public var message: String {
        switch self {
        case .malformed(let d): return "not a valid casevault share: \(d)"
        case .badSignature: return "the share's signature does not verify: it was changed after it was signed, or not made by the key it names"
        case .contentMismatch(let d): return "the share's contents do not match its signed manifest: \(d)"
        case .unsafeEntry(let d): return "refused an unsafe entry in the share: \(d)"
        case .signerChanged(let c, let p, let n):
            return "the share claims to be from '\(c)' but is signed by key \(n), not the key pinned for that client (\(p))"
        case .unexpectedSigner(let e, let n): return "the share is signed by key \(n), not by the expected key \(e)"
        case .lookalikeSender(let sender, let client, let n, let p, _):
            return "the share is from '\(sender)' (key \(n)), a name that looks like pinned client '\(client)' (key \(p)): it is held back, not pinned"
        case .noIdentity: return "this vault has no age identity to open shares with"
        case .badBackup(let d): return "not a valid casevault backup: \(d)"
        }
    }

    public var hint: String {
        switch self {
        case .malformed: return "ask the sender to export it again with `casevault export`; a plain age file opens with `casevault age decrypt`"
        case .badSignature, .contentMismatch, .unsafeEntry:
            return "do not use this file; ask the client to send a new share and compare fingerprints by phone"
        case .signerChanged(let c, _, _):
            return "call the client and compare the fingerprint; if they really have a new key, accept it with `--repin` (client '\(c)')"
        case .unexpectedSigner: return "check the key given with --from against what the client gave you"
        case .lookalikeSender(_, let client, let n, _, let id):
            let step = id.map { "`casevault share pin \(String($0.prefix(12)))`" } ?? "`casevault share import FILE`, then `casevault share pin ID`"
            return "call '\(client)' on a number you already had and compare key \(n); if the share is really from someone else, pin that key as a client of its own with \(step)"
        case .noIdentity: return "create one with `casevault identity new`, or pass the identity file with -i FILE"
        case .badBackup: return "use another copy of the backup; this one is damaged or is not a casevault backup"
        }
    }
}

extension ShareError: CustomStringConvertible {
    public var description: String { message }
}
