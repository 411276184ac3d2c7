import Foundation

/// Listing the attorney's inbox: clients newest first, paged and searched,
/// and the shares of one client. For the CLI's `share list` and the app's
/// inbox pages.
///
/// Every call answers from the inbox index kept on the unlocked `Vault`
/// (InboxIndex): the first call after an unlock reads it (at 30,000 shares,
/// one decryption per bucket and a few tens of milliseconds), later calls
/// only check that vault.db was not written meanwhile (one small record
/// opened) and answer from memory. Measured figures: docs/measurements.md,
/// "The inbox at 10,000 clients".
extension Inbox {
    /// A page of clients that have shares, newest share first (ties by
    /// name), whose name contains `query` as `SearchText` compares them
    /// (case, accents, width and compatibility forms ignored; nil or an
    /// empty query: every client). `offset` beyond the end gives an empty
    /// page with the right `total`; `limit` is at least 1.
    ///
    /// Search is on the names only: ids, keys and file names are not
    /// searched. A name that looks like another client's is found as
    /// written, and marked (`InboxClient.looksLike`).
    public func clients(matching query: String? = nil, offset: Int = 0, limit: Int = 50) throws -> InboxPage<InboxClient> {
        let index = try index()
        let slots = index.ordered(matching: query ?? "")
        let start = min(max(offset, 0), slots.count)
        let end = min(start + max(limit, 1), slots.count)
        return InboxPage(items: slots[start..<end].map { Self.summary(index.client(slot: $0), index) },
                         total: slots.count, offset: start, limit: max(limit, 1))
    }

    /// Every client that has shares, newest first (what `share list` prints).
    public func allClients() throws -> [InboxClient] {
        let index = try index()
        return index.ordered.map { Self.summary($0, index) }
    }

    /// Every client that has shares with its shares, newest first, from one
    /// read of the index (what `share list` prints: one call, where a call
    /// per client would check vault.db's state 10,000 times).
    public func allClientsWithShares() throws -> [(client: InboxClient, shares: [InboxShareSummary])] {
        let index = try index()
        return index.ordered.map { c in (Self.summary(c, index), c.shares.map { Self.summary($0, of: c, index) }) }
    }

    /// The client with handle `id` (`InboxClient.id`), or nil.
    public func client(id: String) throws -> InboxClient? {
        let index = try index()
        return index.client(id: id).map { Self.summary($0, index) }
    }

    /// The client whose shares are filed under `name` (ignoring case), or nil.
    public func client(named name: String) throws -> InboxClient? {
        let index = try index()
        return index.client(named: name).map { Self.summary($0, index) }
    }

    /// The shares of client `id` (`InboxClient.id`), newest first; empty
    /// for an unknown handle.
    public func shares(ofClient id: String) throws -> [InboxShareSummary] {
        guard let client = try index().client(id: id) else { return [] }
        let index = try index()
        return client.shares.map { Self.summary($0, of: client, index) }
    }

    /// The summary of the share with inbox id `id`, or nil.
    public func summary(ofShare id: String) throws -> InboxShareSummary? {
        let index = try index()
        return index.share(id: id).map { Self.summary($0.share, of: $0.client, index) }
    }

    /// How many clients have shares, and how many shares are kept.
    public func counts() throws -> (clients: Int, shares: Int) {
        let index = try index()
        return (index.ordered.count, index.shareCount)
    }

    static func summary(_ c: IndexedClient, _ index: InboxIndex) -> InboxClient {
        let key = c.currentKey ?? ""
        let newest = c.shares.first
        return InboxClient(id: c.id, name: c.name, pinned: c.pin != nil, key: key,
                           fingerprint: index.fingerprint(key), pinnedAt: c.pin?.pinnedAt,
                           shareCount: c.shares.count, newestShare: newest?.created ?? .distantPast,
                           lastReceived: c.shares.map(\.receivedAt).max() ?? .distantPast,
                           flaggedShares: c.shares.filter { $0.looksLike != nil }.count,
                           looksLike: index.lookingAlike(c).map(\.name))
    }

    static func summary(_ s: IndexedClient.Share, of c: IndexedClient, _ index: InboxIndex) -> InboxShareSummary {
        InboxShareSummary(id: s.id, shareID: s.shareID, clientID: c.id, sender: s.sender, signerKey: s.key,
                          signerFingerprint: index.fingerprint(s.key),
                          created: s.created, receivedAt: s.receivedAt,
                          entries: s.entries.map { .init(path: $0.path, document: $0.document, size: $0.size) },
                          looksLike: s.looksLike, identityFile: s.identityFile)
    }
}
