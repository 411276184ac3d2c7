import SystemKit
import AgeKit
import Foundation
import GRDB
import SodiumKit

extension Inbox {
    /// A share verified in full while its bytes were copied to `inbox/`
    /// (fsynced, under its final name), waiting for `keep` to record it.
    final class Staged {
        let verified: ShareReader.Verified
        let id: String
        let entry: InboxShare
        fileprivate let copy: PosixFile
        fileprivate let directory: VaultDirectory
        fileprivate var kept = false

        fileprivate init(verified: ShareReader.Verified, id: String, entry: InboxShare, copy: PosixFile, directory: VaultDirectory) {
            (self.verified, self.id, self.entry, self.copy, self.directory) = (verified, id, entry, copy, directory)
        }

        /// Removes the copy unless it was recorded (a refused share leaves no file).
        fileprivate func discard() {
            guard !kept else { return }
            try? directory.unlink("\(id).age", ifSameAs: copy)
        }

        deinit { discard() }
    }

    /// Verifies a share while copying its bytes to `inbox/`, then records it
    /// and its sender's pin in one transaction. A share that fails leaves
    /// neither file nor record; the same share imported twice is refused. A
    /// share whose sender looks like a pinned client is kept flagged, unpinned.
    func importShare(input: PosixFile, reader: (AgeInput) throws -> ShareReader.Verified,
                     repin: Bool, confirmed: Bool = false, now: Date) throws -> (verified: ShareReader.Verified, inboxID: String, pin: PinStatus) {
        let staged = try stage(input: input, reader: reader, now: now)
        let pin = try keep([staged], repin: repin, confirmed: confirmed, now: now)[0].get()
        return (staged.verified, staged.id, pin)
    }

    /// The first half of an import: verifies the share while copying it to
    /// `inbox/.tmp-<id>.age`, fsyncs the copy and gives it its final name
    /// `<id>.age`. Nothing is recorded yet; a share that fails here leaves
    /// no file, and so does one `keep` refuses.
    func stage(input: PosixFile, reader: (AgeInput) throws -> ShareReader.Verified, now: Date) throws -> Staged {
        try vault.migrateShares()
        guard let dir = try vault.inboxFolder(create: true) else {
            throw CaseVaultError.io(operation: "create", path: vault.inboxDirectory, reason: "cannot create the directory")
        }
        let id = RecordCipher.newID()
        let temporary = ".tmp-\(id).age"
        let final = "\(id).age"
        guard let copy = try dir.openFile(temporary, .createNew) else { throw CaseVaultError(SystemError.taken("create", dir.subpath(temporary))) }
        var renamed = false
        defer { if !renamed { try? dir.unlink(temporary, ifSameAs: copy) } }
        let tee = try HashingInput(PosixInput(input), copyTo: copy)
        let verified = try reader(tee)
        let hash = try tee.finish()
        try copy.sync()
        // Before the file is kept: refused here, it leaves nothing behind.
        try Self.refuseDuplicate(try index(), verified.manifest)
        // Opened with an identity the vault keeps, or with an identity file (-i)?
        let kept = try vault.shareKeys.ageIdentities().contains { $0.publicKeyRecipient.encoded == verified.manifest.recipient.key }
        let entry = InboxShare(manifest: verified.manifest, receivedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)),
                               file: final, fileHash: Bytes.hex(hash), fileSize: tee.count, identityFile: kept ? nil : true)
        try dir.rename(temporary, final)
        renamed = true
        return Staged(verified: verified, id: id, entry: entry, copy: copy, directory: dir)
    }

    /// The second half: records every staged share, its pin and its index
    /// entry in one transaction (after one fsync of `inbox/`, so every file
    /// is durable under its name before a record names it). Each is decided
    /// again inside the transaction, in order, against the pins and shares
    /// as they are then (the earlier ones included): a share refused there
    /// (the same share twice, a copied share id, a key that is no longer the
    /// pinned one) is that item's failure, its file removed, and the others
    /// are kept. Any other failure keeps none of them.
    func keep(_ staged: [Staged], repin: Bool, confirmed: Bool = false, now: Date) throws -> [Result<PinStatus, Error>] {
        guard let first = staged.first else { return [] }
        try first.directory.sync()
        let outcomes: [Result<PinStatus, Error>]
        do {
            outcomes = try updating { db, tables, index in
                try staged.map { item -> Result<PinStatus, Error> in
                    let manifest = item.verified.manifest
                    do {
                        // Again inside the transaction: another process, or an
                        // earlier share of this batch, may have come first.
                        try Self.refuseDuplicate(index, manifest)
                        var (pin, client) = try record(db, tables, index, manifest, item.verified.signer, repin: repin, confirmed: confirmed, now: now)
                        var entry = item.entry
                        // A look-alike is kept, flagged, and pinned only by `share pin`.
                        if case .flagged(let client, _) = pin { entry.looksLike = client }
                        try tables.inboxShares.insert(db, entry, id: item.id)
                        client.add(IndexedClient.Share(entry))
                        try index.apply(db, tables, client)
                        return .success(pin)
                    } catch let e as ShareError {
                        return .failure(e)
                    } catch let e as CaseVaultError where e.kind == .alreadyExists {
                        return .failure(e)
                    }
                }
            }
        } catch {
            for item in staged { item.discard() }
            throw error
        }
        for (item, outcome) in zip(staged, outcomes) {
            if case .success = outcome { item.kept = true } else { item.discard() }
        }
        return outcomes
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
        let file = try updating { db, tables, index -> String in
            guard let (client, share) = index.share(id: id), let record = try tables.inboxShares.find(db, id: share.id) else {
                throw CaseVaultError.notFound(what: "share", name: String(id.prefix(12)))
            }
            try tables.inboxShares.delete(db, id: share.id)
            var changed = client
            changed.shares.removeAll { $0.id == share.id }
            if changed.pin == nil, let newest = changed.shares.first, newest.sender != changed.name { changed.takeName(newest.sender) }
            try index.apply(db, tables, changed)
            return record.file
        }
        // The file is the share as received (encrypted to this vault's
        // identity): removing the name is enough. A name that is not a
        // regular file is left alone (VaultDirectory.removeFile).
        try vault.inboxFolder(create: false)?.removeFile(file)
    }
}
