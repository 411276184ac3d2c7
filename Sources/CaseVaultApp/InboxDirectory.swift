import CaseVault
import Foundation

/// The attorney's inbox as the Clients pages read it: a page of clients
/// (newest first, searched by name), one client with its shares, one share.
///
/// Everything comes from the library's inbox index (Inbox+Listing.swift),
/// kept on the unlocked vault: a page or a search decrypts no share record,
/// whatever the inbox's size; a share's full record is read only to open
/// that share. Clients are named in addresses by the index's opaque handle,
/// which says nothing of the name, so the browser's history holds no
/// client's name but what was searched for.
///
/// Every call runs on the vault's queue and returns Sendable values.
enum InboxDirectory {
    /// One page of the list.
    struct Page: Sendable {
        let clients: [InboxClient]
        /// Clients matching the search (all of them without one).
        let total: Int
        /// 1-based, within 1...pageCount.
        let number: Int
        let pageCount: Int
        /// Clients in the inbox, search or not.
        let allClients: Int
    }

    /// A client's page: the summary, its shares newest first, and its pin
    /// (with the keys a re-pin replaced), nil when none.
    struct Client: Sendable {
        let summary: InboxClient
        let shares: [InboxShareSummary]
        let pin: PinnedSender?
    }

    static let pageSize = 50

    /// Page `number` (pages of `size`) of the clients whose names contain
    /// `query` as SearchText compares them, newest first. A number past the
    /// end gives the last page.
    static func page(_ vault: Vault, query: String?, number: Int, size: Int = pageSize) throws -> Page {
        let inbox = vault.inbox
        var n = max(1, number)
        var found = try inbox.clients(matching: query, offset: (n - 1) * size, limit: size)
        let pageCount = max(1, (found.total + size - 1) / size)
        if n > pageCount {
            n = pageCount
            found = try inbox.clients(matching: query, offset: (n - 1) * size, limit: size)
        }
        let all = query == nil ? found.total : try inbox.counts().clients
        return Page(clients: found.items, total: found.total, number: n, pageCount: pageCount, allClients: all)
    }

    /// The client with handle `id`.
    static func client(_ vault: Vault, id: String) throws -> Client {
        guard let summary = try vault.inbox.client(id: id) else { throw AppError.notFound }
        return Client(summary: summary, shares: try vault.inbox.shares(ofClient: id),
                      pin: summary.pinned ? try vault.inbox.pin(for: summary.name) : nil)
    }

    /// The kept share whose inbox id is `id` (its full record), and the
    /// handle of the client it is filed under.
    static func share(_ vault: Vault, id: String) throws -> (InboxShare, clientID: String) {
        guard let summary = try vault.inbox.summary(ofShare: id) else { throw AppError.notFound }
        return (try vault.inbox.share(id: id), summary.clientID)
    }
}
