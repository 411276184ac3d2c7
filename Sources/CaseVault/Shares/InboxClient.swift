import Foundation

/// One client of the attorney's inbox, as a listing shows it: from the
/// inbox index, without decrypting any share's record.
///
/// A client is everyone whose shares are filed under one name, ignoring
/// case (as keys are pinned). `Inbox.clients(matching:offset:limit:)` pages
/// them newest first; `Inbox.shares(ofClient:)` lists what one sent.
public struct InboxClient: Sendable, Equatable, Identifiable {
    /// A stable, opaque handle for this client (32 hex digits): it says
    /// nothing of the name, so it can go in a URL or a page's links
    /// without putting a client's name in the browser's history. It stays
    /// the same while the client has shares or a pin (it may change only if
    /// the index is made again from the records, `Inbox.rebuildIndex`).
    public let id: String
    /// The pinned name, else the name in the newest share (as the client
    /// writes it; show it through `LookalikeName.revealed` when `looksLike`
    /// is not empty or a share is flagged).
    public let name: String
    /// Whether a signing key is pinned for this name.
    public let pinned: Bool
    /// The pinned key (`cvsign1…`), else the key that signed the newest share.
    public let key: String
    /// `key`'s fingerprint, to compare with what the client reads out.
    public let fingerprint: String
    /// When the key was pinned (nil when not pinned).
    public let pinnedAt: Date?
    /// How many shares the client sent that are kept.
    public let shareCount: Int
    /// When the newest share was made (its manifest's date).
    public let newestShare: Date
    /// When the most recent share was imported.
    public let lastReceived: Date
    /// How many of its shares are held back as look-alikes (`Inbox.confirm`).
    public let flaggedShares: Int
    /// Other clients (with shares) whose names look the same: never show
    /// the two unmarked.
    public let looksLike: [String]
}

/// One imported share, as a listing shows it (its summary in the index).
/// `Inbox.share(id:)` gives its full record, which `ShareOpener.openImported`
/// verifies again before anything in it is shown.
public struct InboxShareSummary: Sendable, Equatable, Identifiable {
    /// One entry of the share: the codes-and-identifiers text or a document.
    public struct Entry: Sendable, Equatable {
        /// The path in the share (`casevault-share/documents/<name>`, or the codes text's).
        public let path: String
        /// The document's name; nil for the codes-and-identifiers text.
        public let document: String?
        public let size: Int64
    }

    /// The inbox's own id (what `share list` shows and `Inbox.share(id:)` takes).
    public let id: String
    /// The id the sender chose (data: never pick a share by it alone).
    public let shareID: String
    /// The handle of the client it is filed under (`InboxClient.id`).
    public let clientID: String
    /// The sender's name as this share writes it.
    public let sender: String
    /// The signing key and its fingerprint.
    public let signerKey: String
    public let signerFingerprint: String
    /// When the client made it, and when it was imported.
    public let created: Date
    public let receivedAt: Date
    /// Its entries, in the manifest's order.
    public let entries: [Entry]
    /// Held back: the pinned client its sender's name looks like (not
    /// extracted until confirmed, `Inbox.confirm`).
    public let looksLike: String?
    /// Imported with an age identity file: the vault alone cannot open it.
    public let identityFile: Bool

    /// Whether it holds the codes-and-identifiers text.
    public var hasCodes: Bool { entries.contains { $0.document == nil } }
    /// Its documents' entries.
    public var documents: [Entry] { entries.filter { $0.document != nil } }
}

/// One page of a listing: `items` from `offset`, at most `limit` of
/// `total` matching items.
public struct InboxPage<Item: Sendable & Equatable>: Sendable, Equatable {
    public let items: [Item]
    /// How many items match in all (every page together).
    public let total: Int
    public let offset: Int
    public let limit: Int

    /// Whether a page follows this one.
    public var hasMore: Bool { offset + items.count < total }
}
