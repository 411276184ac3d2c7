import SystemKit
import AgeKit
import Foundation
import GRDB
import SodiumKit

extension Inbox {
    /// Verifies a share while copying its bytes to `inbox/`, then records it
    /// and its sender's pin in one transaction. A share that fails leaves
    /// neither file nor record; the same share imported twice is refused. A
    /// share whose sender looks like a pinned client is kept flagged, unpinned.
    func importShare(input: PosixFile, reader: (AgeInput) throws -> ShareReader.Verified,
                     repin: Bool, confirmed: Bool = false, now: Date) throws -> (verified: ShareReader.Verified, inboxID: String, pin: PinStatus) {
        try vault.migrateShares()
        guard let dir = try vault.inboxFolder(create: true) else {
            throw CaseVaultError.io(operation: "create", path: vault.inboxDirectory, reason: "cannot create the directory")
        }
        let id = RecordCipher.newID()
        let temporary = ".tmp-\(id).age"
        let final = "\(id).age"
        guard let copy = try dir.openFile(temporary, .createNew) else { throw CaseVaultError(SystemError.taken("create", dir.subpath(temporary))) }
        var done = false
        defer {
            if !done {
                try? dir.unlink(temporary, ifSameAs: copy)
                try? dir.unlink(final, ifSameAs: copy)
            }
        }
        let tee = try HashingInput(PosixInput(input), copyTo: copy)
        let verified = try reader(tee)
        let hash = try tee.finish()
        try copy.sync()
        // Before the file is kept: refused here, it leaves nothing behind.
        try Self.refuseDuplicate(try index(), verified.manifest)
        try dir.rename(temporary, final)
        try dir.sync()
        // Opened with an identity the vault keeps, or with an identity file (-i)?
        let kept = try vault.shareKeys.ageIdentities().contains { $0.recipient.encoded == verified.manifest.recipient.key }
        var entry = InboxShare(manifest: verified.manifest, receivedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)),
                               file: "\(id).age", fileHash: Bytes.hex(hash), fileSize: tee.count, identityFile: kept ? nil : true)
        let pin = try updating { db, tables, index in
            // Again inside the transaction: another process may have imported meanwhile.
            try Self.refuseDuplicate(index, verified.manifest)
            var (pin, client) = try record(db, tables, index, verified.manifest, verified.signer, repin: repin, confirmed: confirmed, now: now)
            // A look-alike is kept, flagged, and pinned only by `share pin`.
            if case .flagged(let client, _) = pin { entry.looksLike = client }
            try tables.inboxShares.insert(db, entry, id: id)
            client.add(IndexedClient.Share(entry))
            return (pin, client)
        }
        done = true
        return (verified, id, pin)
    }

    /// The same share (share id and signer) is not imported twice (`alreadyExists`).
    /// A share id already used by another signer's share is refused as
    /// hostile (`malformed`): 128 random bits never collide by chance, so the
    /// sender copied it, to be taken for that share.
    static func refuseDuplicate(_ index: InboxIndex, _ manifest: ShareManifest) throws {
        for (_, other) in index.shares(shareID: manifest.shareID) {
            if other.key == manifest.sender.key {
                throw CaseVaultError.alreadyExists(what: "share", name: String(manifest.shareID.prefix(12)))
            }
            throw ShareError.malformed("its share id is already used by a share another key signed (from '\(other.sender)'); ids are random, so this one was copied")
        }
    }

    /// Removes an imported share: its record, its summary in the index (in
    /// the same transaction) and then its file. The client's pin stays.
    public func remove(id: String) throws {
        let file = try updating { db, tables, index -> (String, IndexedClient?) in
            guard let (client, share) = index.share(id: id), let record = try tables.inboxShares.find(db, id: share.id) else {
                throw CaseVaultError.notFound(what: "share", name: String(id.prefix(12)))
            }
            try tables.inboxShares.delete(db, id: share.id)
            var changed = client
            changed.shares.removeAll { $0.id == share.id }
            if changed.pin == nil, let newest = changed.shares.first, newest.sender != changed.name { changed.takeName(newest.sender) }
            return (record.file, changed)
        }
        // The file is the share as received (encrypted to this vault's
        // identity): removing the name is enough. A name that is not a
        // regular file is left alone (VaultDirectory.removeFile).
        try vault.inboxFolder(create: false)?.removeFile(file)
    }
}
