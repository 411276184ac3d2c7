import AgeKit
import Foundation
import GRDB
import SodiumKit

/// The signing key pinned for a client (representative side).
public struct PinnedSender: Codable, Sendable, Equatable {
    public var client: String
    /// `cvsign1…`
    public var key: String
    public var pinnedAt: Date
    /// Keys pinned before, oldest first (kept to explain a re-pin later).
    public var previousKeys: [String]

    public var fingerprint: String { (try? SignerKey(parsing: key))?.fingerprint ?? "?" }
}

/// One imported share: its verified manifest and where its age file is kept.
public struct InboxShare: Codable, Sendable, Equatable {
    public var manifest: ShareManifest
    public var receivedAt: Date
    /// File name under `<vault>/inbox/`.
    public var file: String
    /// BLAKE2b-256 of that file, checked before it is opened again.
    public var fileHash: String
    public var fileSize: Int64
    /// True when it was imported with an age identity file (`-i`) rather
    /// than an identity kept in the vault: then the vault alone cannot open
    /// it, and `check` does not expect it to. Nil in records made before
    /// this was recorded.
    public var identityFile: Bool?

    /// Set when the sender's name looks like a pinned client's (with another
    /// key, or another exact name): the pinned client's name. Such a share is
    /// kept but not pinned, and is not extracted, until `share pin` confirms it.
    public var looksLike: String?

    /// This inbox's own id for the share: 128 random bits made at import,
    /// the record's id and the stem of its file. `share list` shows it and
    /// `share extract` takes it; the sender's `manifest.shareID` is data the
    /// sender chose (validated, but able to copy another client's id), so it
    /// never decides which share a command acts on alone.
    public var inboxID: String { file.hasSuffix(".age") ? String(file.dropLast(4)) : file }
}

/// What the pin check concluded.
public enum PinStatus: Sendable, Equatable {
    /// No vault to keep pins in (an identity file was given and there is no vault).
    case notPinned
    /// First share from this client: its key is now pinned.
    case firstShare
    /// Signed by the pinned key.
    case matches
    /// The attorney accepted a new key (`--repin`); the old one is kept in history.
    case repinned(previous: String)
    /// The sender's name looks like pinned client `looksLike` (same key
    /// under LookalikeName) but the key is not that client's: nothing is
    /// pinned; `share pin` after a phone call pins it as a client of its own.
    case flagged(looksLike: String, pinnedFingerprint: String)
}

/// Pinned senders and imported shares, in vault.db under the shares subkey.
///
/// Why vault.db and not a separate database: an imported share is one small
/// record (its manifest: names, sizes, hashes), and its bulk, the age file,
/// stays a file under `inbox/`; one file keeps one backup snapshot and one
/// transaction for "record the pin, the share and the index together".
///
/// Listing, paging, searching, the pin decision and the duplicate check go
/// through the inbox index (InboxIndex, Inbox+Listing.swift): a summary of
/// every client and share, sealed in buckets, read once per unlock. An
/// attorney with 10,000 clients and 30,000 shares is the size it was made
/// for (docs/shares.md, "The inbox index").
///
/// The share files are kept exactly as received: still encrypted to this
/// vault's age identity, whose secret is sealed under the master key. So an
/// imported document is never plaintext on disk and costs no re-encryption;
/// reading it again re-runs the full verification (signature and hashes).
public struct Inbox {
    let vault: Vault

    /// The key pinned for `client` (names compare ignoring case).
    public func pin(for client: String) throws -> PinnedSender? {
        guard let c = try index().client(named: client), c.pin != nil else { return nil }
        let tables = try vault.tables
        return try vault.read { try tables.pinnedSenders.find($0, id: c.id) }
    }

    /// Every pinned client, each record decrypted (the index has what a
    /// listing needs: `clients`).
    public func pins() throws -> [PinnedSender] {
        try vault.migrateShares()
        return try vault.tables.pinnedSenders.list().map(\.record)
    }

    /// Every imported share's full record, newest first: every record
    /// decrypted (about 2 s at 30,000 shares). To list, page or search, use
    /// `clients(matching:offset:limit:)` and `shares(ofClient:)`.
    public func list() throws -> [InboxShare] {
        try vault.migrateShares()
        return try vault.tables.inboxShares.list().map(\.record)
            .sorted { ($0.manifest.created, $0.receivedAt) > ($1.manifest.created, $1.receivedAt) }
    }

    /// How many imported shares were sent to `recipient` (an `age1…`) and
    /// opened with the vault's identity: what replacing that identity would
    /// affect.
    public func sharesSent(to recipient: String) throws -> Int {
        try index().clients.reduce(0) { n, c in n + c.shares.filter { $0.recipient == recipient && !$0.identityFile }.count }
    }

    /// The imported share whose inbox id (what `share list` shows) or,
    /// failing that, sender's share id starts with `prefix` (at least 6 hex
    /// digits). A prefix that matches more than one share, by either id, is
    /// refused as ambiguous: a sender can choose a share id equal to the id
    /// shown for another client's share, and must not get that share picked.
    public func find(_ prefix: String) throws -> InboxShare {
        let p = prefix.lowercased()
        let hits = p.count >= 6 ? try index().shares(prefix: p) : []
        guard hits.count == 1 else {
            if hits.count > 1 {
                let clients = Set(hits.map(\.client.id)).count
                throw CaseVaultError.invalidInput(field: "share id '\(prefix)'", reason: "it matches \(hits.count) shares\(clients > 1 ? " of \(clients) clients" : "")",
                                                  expected: "more digits of the share's id",
                                                  suggestion: .longerShareID)
            }
            throw CaseVaultError.notFound(what: "share", name: prefix)
        }
        return try share(id: hits[0].share.id)
    }

    /// The full record of the share whose inbox id is exactly `id`.
    public func share(id: String) throws -> InboxShare {
        let tables = try vault.tables
        guard let record = try vault.read({ try tables.inboxShares.find($0, id: id) }) else {
            throw CaseVaultError.notFound(what: "share", name: String(id.prefix(12)))
        }
        return record
    }

    /// Decides whether `signer` may speak for the client the manifest names.
    /// `confirmed`: the attorney named this key (`--from cvsign1…`) or ran
    /// `share pin`, so a name that looks like a pinned client's is no reason
    /// to hold it back.
    func check(_ manifest: ShareManifest, _ signer: SignerKey, repin: Bool, confirmed: Bool = false) throws -> PinStatus {
        try Self.decide(try index(), manifest, signer, repin: repin, confirmed: confirmed)
    }

    /// The pin decision, from the pins in `index`:
    /// 1. a client pinned under the same name (ignoring case): its key
    ///    matches, or the share is refused unless `repin` (as before);
    /// 2. else a client pinned under a name that looks the same
    ///    (`LookalikeName`: "Maria Lopez" with a joiner, a no-break space,
    ///    U+034F, a Hangul filler, a Cyrillic letter...): if its key signed,
    ///    it is that client writing the name another way (`matches`, nothing
    ///    new pinned); otherwise `flagged`, nothing pinned, unless confirmed;
    /// 3. else the client's first share: its key is pinned.
    static func decide(_ index: InboxIndex, _ manifest: ShareManifest, _ signer: SignerKey,
                       repin: Bool, confirmed: Bool) throws -> PinStatus {
        let name = manifest.sender.name
        if let client = index.client(named: name), let pinned = client.pin {
            if pinned.key == signer.encoded { return .matches }
            let fingerprint = (try? SignerKey(parsing: pinned.key))?.fingerprint ?? "?"
            guard repin else { throw ShareError.signerChanged(client: client.name, pinned: fingerprint, presented: signer.fingerprint) }
            return .repinned(previous: fingerprint)
        }
        let similar: [IndexedClient]
        do {
            similar = index.pinnedClients(lookingLike: try LookalikeName.key(name))
        } catch {
            throw ShareError.malformed("the sender's name cannot be compared with the pinned clients' names (\(error)); nothing was pinned")
        }
        if similar.contains(where: { $0.pin?.key == signer.encoded }) { return .matches }
        if let first = similar.first, !confirmed {
            return .flagged(looksLike: first.name, pinnedFingerprint: (try? SignerKey(parsing: first.pin!.key))?.fingerprint ?? "?")
        }
        return .firstShare
    }

    /// Records the pin decided by `check` (in the caller's transaction, with
    /// the index as of that transaction), deciding again against pins
    /// another process may have written meanwhile. Returns what was decided
    /// (nothing is pinned when flagged) and the client the manifest's sender
    /// name files under, as it is after the pin (not yet written to the
    /// index: the caller adds its share, if any, and gives it to `InboxIndex.apply`).
    func record(_ db: Database, _ tables: VaultTables, _ index: InboxIndex, _ manifest: ShareManifest, _ signer: SignerKey,
                repin: Bool, confirmed: Bool = false, now: Date) throws -> (PinStatus, IndexedClient) {
        let status = try Self.decide(index, manifest, signer, repin: repin, confirmed: confirmed)
        var client = index.client(named: manifest.sender.name) ?? index.newClient(named: manifest.sender.name)
        // Whole seconds, as dates are shown and as every inbox date is kept:
        // the record (JSON, seconds since 1970) and the index then hold the
        // very same value.
        let now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        switch status {
        case .repinned:
            // The pin's row id is the client's handle (InboxIndex).
            guard var pin = try tables.pinnedSenders.find(db, id: client.id) else {
                throw CaseVaultError.integrity(record: "\(RecordTable.inboxIndex.rawValue)/\(client.bucket)",
                                               detail: "the inbox index names a pinned key that pinned_sender does not hold")
            }
            pin.previousKeys.append(pin.key)
            pin.key = signer.encoded
            pin.pinnedAt = now
            try tables.pinnedSenders.update(db, pin, id: client.id)
            client.pin = .init(key: pin.key, pinnedAt: now)
        case .firstShare:
            let pin = PinnedSender(client: manifest.sender.name, key: signer.encoded, pinnedAt: now, previousKeys: [])
            try tables.pinnedSenders.insert(db, pin, id: client.id)
            client.pin = .init(key: pin.key, pinnedAt: now)
            client.takeName(manifest.sender.name)
        case .matches, .flagged, .notPinned:
            break
        }
        return (status, client)
    }

    func recordPin(_ manifest: ShareManifest, _ signer: SignerKey, repin: Bool, confirmed: Bool = false, now: Date = Date()) throws -> PinStatus {
        try updating { db, tables, index in
            let (status, client) = try record(db, tables, index, manifest, signer, repin: repin, confirmed: confirmed, now: now)
            try index.apply(db, tables, client)
            return status
        }
    }

    /// `share pin`: pins the key of a flagged share for its sender's name, as
    /// a client of its own (after the attorney checked it by phone), and
    /// clears the flag. `share` must have been re-verified by the caller
    /// (ShareOpener.openImported). A share that is not flagged is left as it is.
    public func confirm(_ share: InboxShare, now: Date = Date()) throws -> PinStatus {
        let signer = try SignerKey(parsing: share.manifest.sender.key)
        return try updating { db, tables, index in
            let (status, recorded) = try record(db, tables, index, share.manifest, signer, repin: false, confirmed: true, now: now)
            var client = recorded
            guard var stored = try tables.inboxShares.find(db, id: share.inboxID) else { throw CaseVaultError.notFound(what: "share", name: share.inboxID) }
            if stored.looksLike != nil {
                stored.looksLike = nil
                try tables.inboxShares.update(db, stored, id: share.inboxID)
            }
            if let i = client.shares.firstIndex(where: { $0.id == share.inboxID }) { client.shares[i].looksLike = nil }
            try index.apply(db, tables, client)
            return status
        }
    }
}
