import CaseVault
import Foundation
import SodiumKit

/// The attorney's inbox as the Clients pages read it: clients newest first,
/// searched by name, a page at a time; one client's shares; one share.
///
/// Clients are the shares' senders grouped by name ignoring case (as pins
/// are), with the clients pinned by `share open` that sent nothing kept.
/// Each is named in addresses by an opaque id that says nothing of the name
/// (a keyed hash, with a key made at start, of the name in lower case), so
/// the browser's history holds no client's name but what was searched for.
///
/// Every call runs on the vault's queue and returns Sendable values.
enum InboxDirectory {
    /// One client, as a list row or a client's page.
    struct Client: Sendable {
        let id: String
        /// The pinned name, else the name of the newest share.
        let name: String
        let pin: PinnedSender?
        /// Newest first.
        let shares: [InboxShare]
        /// Other clients whose names look the same (only filled for a page's clients).
        var looksLike: [String] = []

        /// The date the list is ordered by: the newest share's, else the pin's.
        var newest: Date { shares.first?.manifest.created ?? pin?.pinnedAt ?? .distantPast }
        var newestReceived: Date { shares.first?.receivedAt ?? pin?.pinnedAt ?? .distantPast }
        /// The pinned key's fingerprint, else the newest share's signer's.
        var fingerprint: String {
            if let pin { return pin.fingerprint }
            return shares.first.flatMap { try? SignerKey(parsing: $0.manifest.sender.key).fingerprint } ?? ""
        }
        /// Whether any share of it is held back as a look-alike.
        var hasFlagged: Bool { shares.contains { $0.looksLike != nil } }
    }

    /// One page of the list.
    struct Page: Sendable {
        let clients: [Client]
        /// Clients matching the search (all of them without one).
        let total: Int
        /// 1-based, within 1...pageCount.
        let number: Int
        let pageCount: Int
        /// Clients in the inbox, search or not.
        let allClients: Int
    }

    static let pageSize = 50

    /// The key of the ids: made at start, never stored; ids last as long as the app runs.
    private static let idKey = Random.bytes(32)

    static func clientID(_ name: String) -> String {
        guard let hasher = try? BLAKE2bHasher(length: 16) else { return "" }
        hasher.update(idKey)
        hasher.update(Array(name.lowercased().utf8))
        return Bytes.hex(hasher.finalize())
    }

    /// Every client, newest first.
    static func clients(_ vault: Vault) throws -> [Client] {
        let pins = Dictionary(try vault.inbox.pins().map { ($0.client.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var order: [String] = []
        var grouped: [String: [InboxShare]] = [:]
        for s in try vault.inbox.list() {
            let k = s.manifest.sender.name.lowercased()
            if grouped[k] == nil { order.append(k) }
            grouped[k, default: []].append(s)
        }
        var all = order.map { k -> Client in
            let shares = grouped[k] ?? []
            return Client(id: clientID(k), name: pins[k]?.client ?? shares[0].manifest.sender.name, pin: pins[k], shares: shares)
        }
        for (k, pin) in pins where grouped[k] == nil {
            all.append(Client(id: clientID(k), name: pin.client, pin: pin, shares: []))
        }
        return all.sorted { a, b in
            a.newest != b.newest ? a.newest > b.newest : (a.newestReceived != b.newestReceived ? a.newestReceived > b.newestReceived : a.id < b.id)
        }
    }

    /// The clients whose names contain `query` (ignoring case and accents),
    /// page `number` of them (pages of `size`), newest first.
    static func page(_ vault: Vault, query: String?, number: Int, size: Int = pageSize) throws -> Page {
        let all = try clients(vault)
        let matching = query.map { q in all.filter { Self.matches($0.name, q) } } ?? all
        let pageCount = max(1, (matching.count + size - 1) / size)
        let n = min(max(1, number), pageCount)
        var shown = Array(matching.dropFirst((n - 1) * size).prefix(size))
        markLookalikes(&shown, among: all)
        return Page(clients: shown, total: matching.count, number: n, pageCount: pageCount, allClients: all.count)
    }

    /// Whether `name` contains `query`, ignoring case, accents and width.
    static func matches(_ name: String, _ query: String) -> Bool {
        name.range(of: query, options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive]) != nil
    }

    /// The client with id `id`, with its look-alikes marked.
    static func client(_ vault: Vault, id: String) throws -> Client {
        let all = try clients(vault)
        guard var found = all.first(where: { $0.id == id }).map({ [$0] }) else { throw AppError.notFound }
        markLookalikes(&found, among: all)
        return found[0]
    }

    /// The kept share whose inbox id is `id` (32 hex digits), and its client.
    static func share(_ vault: Vault, id: String) throws -> (InboxShare, Client) {
        for client in try clients(vault) {
            if let s = client.shares.first(where: { $0.inboxID == id }) { return (s, client) }
        }
        throw AppError.notFound
    }

    /// Marks each of `shown` with the other clients whose names look the
    /// same (as `share list` marks them): two such names are never shown
    /// unmarked.
    static func markLookalikes(_ shown: inout [Client], among all: [Client]) {
        guard !shown.isEmpty else { return }
        let keys = all.map { (id: $0.id, name: $0.name, key: key($0.name)) }
        for i in shown.indices {
            let mine = key(shown[i].name)
            shown[i].looksLike = keys.filter { $0.id != shown[i].id && $0.key.looksLike(mine) }.map(\.name)
        }
    }

    /// A name ICU cannot key is compared by itself, lower-cased (as `share list` does).
    private static func key(_ name: String) -> LookalikeName.Key {
        (try? LookalikeName.key(name)) ?? LookalikeName.Key(exact: name.lowercased(), folded: name.lowercased())
    }
}
