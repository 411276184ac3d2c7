import CaseVault
import Foundation

/// Whether a kept share may be opened in the app: who signed it, against
/// the keys pinned now.
///
/// `share import` keeps only shares signed by the key pinned for their
/// sender's name (or the first one, which it pins), and flags a sender whose
/// name looks like a pinned client's; this is checked again at each
/// opening, against the pins of now, so a share is shown only while its
/// signer is its client's pinned key, or an earlier key of that client
/// that a re-pin replaced. Anything else is refused, and nothing of its
/// contents is shown.
enum ShareStanding: Sendable, Equatable {
    /// Signed by the key pinned for its client.
    case pinned(client: String, since: Date)
    /// Signed by a key the client used before a re-pin (kept in the pin's history).
    case earlierKey(client: String, current: String)
    /// Held back: its sender's name looks like pinned client `client`, but
    /// another key signed it (`share pin` after a phone call).
    case lookalike(client: String, pinnedFingerprint: String)
    /// No key is pinned for its sender's name, or another key is.
    case notPinned(pinnedFingerprint: String?)

    /// The standing of `share` (on the vault's queue).
    init(_ share: InboxShare, vault: Vault) throws {
        let lookalikePin = try share.looksLike.flatMap { try vault.inbox.pin(for: $0) }
        self.init(share, pin: try vault.inbox.pin(for: share.manifest.sender.name), lookalikeFingerprint: lookalikePin?.fingerprint ?? "")
    }

    /// The standing of a share signed by `key` under the name `sender`
    /// (held back when `looksLike`), given the pin of its sender's name and
    /// the fingerprint pinned for the client a held-back share looks like.
    init(key: String, sender: String, looksLike: String?, pin: PinnedSender?, lookalikeFingerprint: String = "") {
        if let client = looksLike {
            self = .lookalike(client: client, pinnedFingerprint: lookalikeFingerprint)
        } else if let pin, pin.client.lowercased() == sender.lowercased() {
            if pin.key == key {
                self = .pinned(client: pin.client, since: pin.pinnedAt)
            } else if pin.previousKeys.contains(key) {
                self = .earlierKey(client: pin.client, current: pin.fingerprint)
            } else {
                self = .notPinned(pinnedFingerprint: pin.fingerprint)
            }
        } else {
            self = .notPinned(pinnedFingerprint: nil)
        }
    }

    init(_ share: InboxShare, pin: PinnedSender?, lookalikeFingerprint: String = "") {
        self.init(key: share.manifest.sender.key, sender: share.manifest.sender.name, looksLike: share.looksLike,
                  pin: pin, lookalikeFingerprint: lookalikeFingerprint)
    }

    init(_ share: InboxShareSummary, pin: PinnedSender?) {
        self.init(key: share.signerKey, sender: share.sender, looksLike: share.looksLike, pin: pin)
    }

    /// Whether its contents may be shown.
    var isTrusted: Bool {
        switch self {
        case .pinned, .earlierKey: return true
        case .lookalike, .notPinned: return false
        }
    }
}
