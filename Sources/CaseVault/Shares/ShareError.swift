/// Why a share (or a backup) was refused. Each case has a kind, says what
/// was wrong and what to do (plain `advice`, and a `suggestion` where a
/// front end can offer the step); none carries a secret or a document's
/// contents.
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

    /// The kind of failure (the CLI's exit code follows from it).
    public var kind: ErrorKind {
        switch self {
        case .noIdentity: return .notFound
        case .malformed, .unsafeEntry, .badBackup: return .malformed
        case .badSignature, .contentMismatch: return .integrity
        case .signerChanged, .unexpectedSigner, .lookalikeSender: return .untrustedSigner
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

    /// The step a front end can offer, when there is one.
    public var suggestion: Suggestion? {
        switch self {
        case .malformed: return .askSenderToExportAgain
        case .signerChanged(let c, _, _): return .confirmNewSignerKey(client: c)
        case .unexpectedSigner: return .checkExpectedSigner
        case .lookalikeSender(_, let client, let n, _, let id): return .pinLookalikeAsOwnClient(client: client, key: n, inboxID: id)
        case .noIdentity: return .createIdentity
        case .badSignature, .contentMismatch, .unsafeEntry, .badBackup: return nil
        }
    }

    /// One line saying what to do next, in plain words (no command, flag or exit code).
    public var advice: String {
        switch self {
        case .badSignature, .contentMismatch, .unsafeEntry:
            return "do not use this file; ask the client to send a new share and compare fingerprints by phone"
        case .badBackup: return "use another copy of the backup; this one is damaged or is not a casevault backup"
        default: return suggestion?.advice ?? ""
        }
    }
}

extension ShareError: CustomStringConvertible {
    public var description: String { message }
}
