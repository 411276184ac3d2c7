import Foundation

/// One client as the inbox index holds it: the name its shares are filed
/// under, its pinned key, and a summary of each share it sent (newest
/// first). Shares are filed by their sender's name ignoring case, as pins
/// are; a client may have a pin and no share (`share open` of a file pins
/// without keeping it), or shares and no pin (flagged look-alikes).
///
/// Everything here is also in the inbox's own records (`inbox_share`,
/// `pinned_sender`), from which `InboxIndex.build` makes it again.
struct IndexedClient: Equatable, Sendable {
    /// The pinned key and when it was pinned.
    struct Pin: Equatable, Sendable {
        var key: String
        var pinnedAt: Date
    }

    /// One entry of a share's manifest: the codes text, or a document.
    struct Entry: Equatable, Sendable {
        /// Nil for the codes-and-identifiers text.
        var document: String?
        var size: Int64

        var path: String { document.map { ShareManifest.documentsPrefix + $0 } ?? ShareManifest.codesPath }
    }

    /// One imported share, summarised.
    struct Share: Equatable, Sendable {
        /// The inbox's own id (the `inbox_share` row id and file stem).
        var id: String
        /// The id the sender chose.
        var shareID: String
        /// The sender's name as this share writes it.
        var sender: String
        /// The signing key (`cvsign1…`).
        var key: String
        /// The age recipient it was sent to (`age1…`).
        var recipient: String
        var created: Date
        var receivedAt: Date
        var entries: [Entry]
        /// Held back: the pinned client its sender's name looks like.
        var looksLike: String?
        /// Imported with an identity file rather than a kept identity.
        var identityFile: Bool

        init(id: String, shareID: String, sender: String, key: String, recipient: String, created: Date, receivedAt: Date,
             entries: [Entry], looksLike: String?, identityFile: Bool) {
            (self.id, self.shareID, self.sender, self.key, self.recipient) = (id, shareID, sender, key, recipient)
            (self.created, self.receivedAt, self.entries, self.looksLike, self.identityFile) = (created, receivedAt, entries, looksLike, identityFile)
        }

        /// The summary of an inbox record.
        init(_ record: InboxShare) {
            let m = record.manifest
            let entries = m.entries.map { e in
                Entry(document: e.path.hasPrefix(ShareManifest.documentsPrefix) ? String(e.path.dropFirst(ShareManifest.documentsPrefix.count)) : nil,
                      size: e.size)
            }
            self.init(id: record.inboxID, shareID: m.shareID, sender: m.sender.name, key: m.sender.key, recipient: m.recipient.key,
                      created: m.created, receivedAt: record.receivedAt, entries: entries, looksLike: record.looksLike,
                      identityFile: record.identityFile == true)
        }

        /// Newest first: by the date the client made it, then by when it
        /// arrived, then by id (so the order is the same on every machine).
        static func newerFirst(_ a: Share, _ b: Share) -> Bool {
            if a.created != b.created { return a.created > b.created }
            if a.receivedAt != b.receivedAt { return a.receivedAt > b.receivedAt }
            return a.id < b.id
        }
    }

    /// A stable handle: the `pinned_sender` row id once the client is
    /// pinned (a pin is made with this id), else a random id. It says
    /// nothing of the name, so a front end can put it in a URL.
    var id: String
    /// The pinned name, else the name of the newest share.
    var name: String
    var pin: Pin?
    /// `LookalikeName.key(name)`, kept so a listing needs no ICU call.
    var lookalike: LookalikeName.Key
    /// Newest first.
    var shares: [Share]
    /// The `inbox_index` row (bucket) it is kept in.
    var bucket: String

    /// What shares and pins are filed under: the name ignoring case.
    var key: String { name.lowercased() }

    /// The pinned key, else the key of the newest share.
    var currentKey: String? { pin?.key ?? shares.first?.key }

    /// Adds `share` in its place (newest first). An unpinned client takes
    /// the name of its newest share, and with it that name's look-alike key.
    mutating func add(_ share: Share) {
        let at = shares.firstIndex { Share.newerFirst(share, $0) } ?? shares.count
        shares.insert(share, at: at)
        if pin == nil, at == 0, share.sender != name { takeName(share.sender) }
    }

    /// Takes `newName` (the same name in another case) and its look-alike key.
    mutating func takeName(_ newName: String) {
        name = newName
        lookalike = Self.lookalikeKey(newName)
    }

    /// The look-alike key of `name`; a name ICU cannot key is compared by
    /// itself, lower-cased (as `share list` always did).
    static func lookalikeKey(_ name: String) -> LookalikeName.Key {
        (try? LookalikeName.key(name)) ?? LookalikeName.Key(exact: name.lowercased(), folded: name.lowercased())
    }
}
