import Foundation
import SodiumKit

/// The attorney's inbox summarised in memory: every client (name, pin,
/// look-alike key) and a summary of every share, so that listing, paging,
/// searching, the pin decision and the duplicate check at import cost no
/// decryption of the inbox's records.
///
/// Kept on disk as the sealed buckets of `inbox_index` (InboxIndexBucket):
/// an unlock reads them all (one decryption per bucket, not per share), and
/// an import rewrites the one bucket of the client it changed, in the
/// transaction that records the share (Inbox+Index.swift). The index is
/// derived data: `build` makes it again from the inbox's own records.
///
/// Not thread-safe: one `Vault` is used from one thread at a time (the app
/// runs every use of the vault on one serial queue).
final class InboxIndex {
    /// How many buckets clients are spread over. An import rewrites one:
    /// about 1/256 of the index (at 30,000 shares some 20 KB), so the cost
    /// of a write stays flat while an unlock decrypts at most 256 rows.
    static let bucketCount = 256

    /// The vault.db state counter this index reflects (`VaultState`).
    var counter: UInt64
    /// `LookalikeName.dataVersion` its look-alike keys were made with.
    let icuVersion: String

    /// Every client, by slot (no order).
    private(set) var clients: [IndexedClient]
    private var slotByKey: [String: Int] = [:]
    private var slotByID: [String: Int] = [:]

    // Made on first use, then kept up to date (a listing needs none of them).
    private var lookalikeSlots: (exact: [String: [Int]], folded: [String: [Int]])?
    private var shareSlots: [String: Int]?
    private var shareIDSlots: [String: [Int]]?
    private var orderedSlots: [Int]?
    private var searchKeys: [[UInt8]?]?
    private var fingerprints: [String: String] = [:]

    init(clients: [IndexedClient], counter: UInt64, icuVersion: String) {
        self.clients = clients
        self.counter = counter
        self.icuVersion = icuVersion
        reindex()
    }

    private func reindex() {
        slotByKey = Dictionary(clients.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        slotByID = Dictionary(clients.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        lookalikeSlots = nil
        shareSlots = nil
        shareIDSlots = nil
        orderedSlots = nil
        searchKeys = nil
    }

    // MARK: - Lookups

    var shareCount: Int { clients.reduce(0) { $0 + $1.shares.count } }
    var pinCount: Int { clients.reduce(0) { $0 + ($1.pin == nil ? 0 : 1) } }

    /// The client whose shares are filed under `name` (ignoring case).
    func client(named name: String) -> IndexedClient? { slotByKey[name.lowercased()].map { clients[$0] } }

    /// The client with handle `id`.
    func client(id: String) -> IndexedClient? { slotByID[id].map { clients[$0] } }

    /// Pinned clients whose names look like `key`'s, earliest pinned first.
    func pinnedClients(lookingLike key: LookalikeName.Key) -> [IndexedClient] {
        let l = lookalikes()
        let slots = Set((l.exact[key.exact] ?? []) + (l.folded[key.folded] ?? []))
        return slots.map { clients[$0] }.filter { $0.pin != nil }
            .sorted { ($0.pin!.pinnedAt, $0.key, $0.id) < ($1.pin!.pinnedAt, $1.key, $1.id) }
    }

    /// Other clients with shares whose names look like `client`'s, by name.
    func lookingAlike(_ client: IndexedClient) -> [IndexedClient] {
        let l = lookalikes()
        let exact = l.exact[client.lookalike.exact] ?? [], folded = l.folded[client.lookalike.folded] ?? []
        // Most names look like no other: only their own slot under each key.
        if exact.count <= 1 && folded.count <= 1 && exact == folded { return [] }
        let slots = Set(exact + folded)
        return slots.map { clients[$0] }.filter { $0.id != client.id && !$0.shares.isEmpty }.sorted { ($0.key, $0.id) < ($1.key, $1.id) }
    }

    /// The share with inbox id `id`, and its client.
    func share(id: String) -> (client: IndexedClient, share: IndexedClient.Share)? {
        if shareSlots == nil {
            var m: [String: Int] = [:]
            m.reserveCapacity(shareCount)
            for (slot, c) in clients.enumerated() { for s in c.shares { m[s.id] = slot } }
            shareSlots = m
        }
        guard let slot = shareSlots![id], let s = clients[slot].shares.first(where: { $0.id == id }) else { return nil }
        return (clients[slot], s)
    }

    /// The shares whose sender chose `shareID`.
    func shares(shareID: String) -> [(client: IndexedClient, share: IndexedClient.Share)] {
        if shareIDSlots == nil {
            var m: [String: [Int]] = [:]
            m.reserveCapacity(shareCount)
            for (slot, c) in clients.enumerated() { for s in c.shares { m[s.shareID, default: []].append(slot) } }
            shareIDSlots = m
        }
        return Set(shareIDSlots![shareID] ?? []).flatMap { slot in
            clients[slot].shares.filter { $0.shareID == shareID }.map { (clients[slot], $0) }
        }
    }

    /// Every share whose inbox id or sender's share id starts with `prefix`.
    func shares(prefix: String) -> [(client: IndexedClient, share: IndexedClient.Share)] {
        clients.flatMap { c in c.shares.filter { $0.id.hasPrefix(prefix) || $0.shareID.hasPrefix(prefix) }.map { (c, $0) } }
    }

    /// Clients that have shares, newest share first (ties by name, then handle).
    var ordered: [IndexedClient] { orderedSlotList().map { clients[$0] } }

    func orderedSlotList() -> [Int] {
        if let o = orderedSlots { return o }
        let o = clients.indices.filter { !clients[$0].shares.isEmpty }.sorted { a, b in
            let x = clients[a], y = clients[b]
            let sx = x.shares[0], sy = y.shares[0]
            if sx.created != sy.created { return sx.created > sy.created }
            if sx.receivedAt != sy.receivedAt { return sx.receivedAt > sy.receivedAt }
            return (x.key, x.id) < (y.key, y.id)
        }
        orderedSlots = o
        return o
    }

    /// Clients that have shares, newest first, whose name contains `query`
    /// as `SearchText` compares (an empty query matches every client). The
    /// names' folded forms are made at the first search and kept.
    func ordered(matching query: String) -> [Int] {
        let q = Array(SearchText.fold(query).utf8)
        let all = orderedSlotList()
        guard !q.isEmpty else { return all }
        if searchKeys == nil { searchKeys = [[UInt8]?](repeating: nil, count: clients.count) }
        return all.filter { slot in
            let key = searchKeys![slot] ?? Array(SearchText.fold(clients[slot].name).utf8)
            searchKeys![slot] = key
            return SearchText.contains(key, q)
        }
    }

    /// The fingerprint of a `cvsign1…` key ("?" if it does not parse), made
    /// once per key: a listing of 10,000 clients would otherwise decode and
    /// hash 10,000 keys.
    func fingerprint(_ key: String) -> String {
        if let f = fingerprints[key] { return f }
        let f = (try? SignerKey(parsing: key))?.fingerprint ?? "?"
        fingerprints[key] = f
        return f
    }

    func client(slot: Int) -> IndexedClient { clients[slot] }

    private func lookalikes() -> (exact: [String: [Int]], folded: [String: [Int]]) {
        if let l = lookalikeSlots { return l }
        var exact: [String: [Int]] = [:], folded: [String: [Int]] = [:]
        for (slot, c) in clients.enumerated() {
            exact[c.lookalike.exact, default: []].append(slot)
            folded[c.lookalike.folded, default: []].append(slot)
        }
        lookalikeSlots = (exact, folded)
        return (exact, folded)
    }

    // MARK: - Changes

    /// A client not seen before, with no pin and no share yet, in a random bucket.
    func newClient(named name: String) -> IndexedClient {
        IndexedClient(id: RecordCipher.newID(), name: name, pin: nil, lookalike: IndexedClient.lookalikeKey(name), shares: [],
                      bucket: Self.bucketID(Int(Random.bytes(1)[0]) % Self.bucketCount))
    }

    static func bucketID(_ n: Int) -> String { "bucket-" + String(format: "%03d", n) }

    /// What bucket `bucket` holds once `changed` replaces the client with its id.
    func contents(ofBucket bucket: String, with changed: IndexedClient?) -> InboxIndexBucket.Contents {
        var members = clients.filter { $0.bucket == bucket && $0.id != changed?.id }
        if let changed, changed.bucket == bucket, Self.kept(changed) { members.append(changed) }
        return InboxIndexBucket.Contents(icuVersion: icuVersion, clients: members.sorted { $0.id < $1.id })
    }

    /// A client with neither shares nor a pin is not kept.
    static func kept(_ c: IndexedClient) -> Bool { c.pin != nil || !c.shares.isEmpty }

    /// Takes `changed` in place of the client with its id (or as a new
    /// client); drops it if it has neither shares nor a pin. Called once
    /// the transaction that wrote its bucket has committed.
    func replace(_ changed: IndexedClient) {
        guard let slot = slotByID[changed.id] else {
            guard Self.kept(changed) else { return }
            clients.append(changed)
            let slot = clients.count - 1
            slotByKey[changed.key] = slot
            slotByID[changed.id] = slot
            if lookalikeSlots != nil {
                lookalikeSlots!.exact[changed.lookalike.exact, default: []].append(slot)
                lookalikeSlots!.folded[changed.lookalike.folded, default: []].append(slot)
            }
            for s in changed.shares { noteShare(s, slot: slot) }
            searchKeys?.append(nil)
            orderedSlots = nil
            return
        }
        let old = clients[slot]
        guard Self.kept(changed) else {
            clients.remove(at: slot)
            return reindex()
        }
        clients[slot] = changed
        if old.key != changed.key {
            slotByKey[old.key] = nil
            slotByKey[changed.key] = slot
        }
        if old.lookalike != changed.lookalike { lookalikeSlots = nil }
        let before = Set(old.shares.map(\.id))
        if !before.isSubset(of: changed.shares.map(\.id)) {
            // A share left (removed): the share maps are made again when needed.
            shareSlots = nil
            shareIDSlots = nil
        } else {
            for s in changed.shares where !before.contains(s.id) { noteShare(s, slot: slot) }
        }
        if old.name != changed.name { searchKeys?[slot] = nil }
        orderedSlots = nil
    }

    private func noteShare(_ s: IndexedClient.Share, slot: Int) {
        shareSlots?[s.id] = slot
        shareIDSlots?[s.shareID, default: []].append(slot)
    }
}
