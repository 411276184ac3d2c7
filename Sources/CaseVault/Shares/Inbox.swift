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
}

/// Pinned senders and imported shares, in vault.db under the shares subkey.
///
/// Why vault.db and not a separate database: an imported share is one small
/// record (its manifest: names, sizes, hashes), and its bulk, the age file,
/// stays a file under `inbox/`; a few thousand records decrypt in
/// milliseconds, and one file keeps one backup snapshot and one transaction
/// for "record the pin and the share together".
///
/// The share files are kept exactly as received: still encrypted to this
/// vault's age identity, whose secret is sealed under the master key. So an
/// imported document is never plaintext on disk and costs no re-encryption;
/// reading it again re-runs the full verification (signature and hashes).
public struct Inbox {
    let vault: Vault
    static let pins = RecordTable.pinnedSender
    static let shares = RecordTable.inboxShare

    /// The key pinned for `client` (names compare ignoring case).
    public func pin(for client: String) throws -> PinnedSender? {
        try vault.migrateShares()
        let cipher = try vault.sharesCipher
        return try vault.db.vaultRead(path: vault.dbPath) { try Self.findPin($0, cipher, client)?.1 }
    }

    /// Every pinned client.
    public func pins() throws -> [PinnedSender] {
        try vault.migrateShares()
        let cipher = try vault.sharesCipher
        return try vault.db.vaultRead(path: vault.dbPath) { db in
            try Self.pins.all(db).map { try cipher.open(PinnedSender.self, row: $0, table: Self.pins.rawValue) }
        }
    }

    /// Every imported share, newest first.
    public func list() throws -> [InboxShare] {
        try vault.migrateShares()
        let cipher = try vault.sharesCipher
        return try vault.db.vaultRead(path: vault.dbPath) { db in
            try Self.shares.all(db).map { try cipher.open(InboxShare.self, row: $0, table: Self.shares.rawValue) }
        }.sorted { ($0.manifest.created, $0.receivedAt) > ($1.manifest.created, $1.receivedAt) }
    }

    /// The imported share whose inbox id (what `share list` shows) or,
    /// failing that, sender's share id starts with `prefix` (at least 6 hex
    /// digits). A prefix that matches more than one share, by either id, is
    /// refused as ambiguous: a sender can choose a share id equal to the id
    /// shown for another client's share, and must not get that share picked.
    public func find(_ prefix: String) throws -> InboxShare {
        let p = prefix.lowercased()
        let hits = p.count >= 6 ? try list().filter { $0.inboxID.hasPrefix(p) || $0.manifest.shareID.hasPrefix(p) } : []
        guard hits.count == 1 else {
            if hits.count > 1 {
                let clients = Set(hits.map { $0.manifest.sender.name.lowercased() }).count
                throw CaseVaultError.invalidInput(field: "share id '\(prefix)'", reason: "it matches \(hits.count) shares\(clients > 1 ? " of \(clients) clients" : "")",
                                                  expected: "more digits of the id `casevault share list` shows")
            }
            throw CaseVaultError.notFound(what: "share", name: prefix)
        }
        return hits[0]
    }

    /// Decides whether `signer` may speak for the client the manifest names.
    func check(_ manifest: ShareManifest, _ signer: SignerKey, repin: Bool) throws -> PinStatus {
        guard let pinned = try pin(for: manifest.sender.name) else { return .firstShare }
        if pinned.key == signer.encoded { return .matches }
        guard repin else {
            throw ShareError.signerChanged(client: pinned.client, pinned: pinned.fingerprint, presented: signer.fingerprint)
        }
        return .repinned(previous: pinned.fingerprint)
    }

    /// Records the pin decided by `check` (in the caller's transaction),
    /// re-checking against a pin another process may have written meanwhile.
    func record(_ db: Database, _ cipher: RecordCipher, _ manifest: ShareManifest, _ signer: SignerKey, repin: Bool, now: Date) throws {
        let existing = try Self.findPin(db, cipher, manifest.sender.name)
        if let (id, pin) = existing {
            if pin.key == signer.encoded { return }
            guard repin else { throw ShareError.signerChanged(client: pin.client, pinned: pin.fingerprint, presented: signer.fingerprint) }
            var updated = pin
            updated.previousKeys.append(pin.key)
            updated.key = signer.encoded
            updated.pinnedAt = now
            try Self.pins.update(db, try cipher.seal(updated, table: Self.pins.rawValue, id: id))
        } else {
            let pin = PinnedSender(client: manifest.sender.name, key: signer.encoded, pinnedAt: now, previousKeys: [])
            try Self.pins.insert(db, try cipher.seal(pin, table: Self.pins.rawValue, id: RecordCipher.newID()))
        }
    }

    func recordPin(_ manifest: ShareManifest, _ signer: SignerKey, repin: Bool, now: Date = Date()) throws {
        let cipher = try vault.sharesCipher
        try vault.db.vaultWrite(path: vault.dbPath) { try record($0, cipher, manifest, signer, repin: repin, now: now) }
    }

    static func findPin(_ db: Database, _ cipher: RecordCipher, _ client: String) throws -> (String, PinnedSender)? {
        for row in try pins.all(db) {
            let p = try cipher.open(PinnedSender.self, row: row, table: pins.rawValue)
            if p.client.lowercased() == client.lowercased() { return (row.id, p) }
        }
        return nil
    }
}
