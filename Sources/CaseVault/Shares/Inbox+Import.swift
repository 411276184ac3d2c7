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
        let dir = vault.inboxDirectory
        try DocumentStore.makePrivateDirectory(dir)
        let id = RecordCipher.newID()
        let temporary = "\(dir)/.tmp-\(id).age"
        let final = "\(dir)/\(id).age"
        var done = false
        defer {
            if !done {
                PosixFile.remove(temporary)
                PosixFile.remove(final)
            }
        }
        let copy = try PosixFile.createExclusive(temporary)
        let tee = try HashingInput(PosixInput(input), copyTo: copy)
        let verified = try reader(tee)
        let hash = try tee.finish()
        try copy.sync()
        let cipher = try vault.sharesCipher
        try vault.db.vaultRead(path: vault.dbPath) { try Self.refuseDuplicate($0, cipher, verified.manifest) }
        try PosixFile.rename(temporary, final)
        try PosixFile.syncDirectory(dir)
        var entry = InboxShare(manifest: verified.manifest, receivedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)),
                                file: "\(id).age", fileHash: Bytes.hex(hash), fileSize: tee.count)
        let pin = try vault.db.vaultWrite(path: vault.dbPath) { db in
            // Again inside the transaction: another process may have imported meanwhile.
            try Self.refuseDuplicate(db, cipher, verified.manifest)
            let pin = try record(db, cipher, verified.manifest, verified.signer, repin: repin, confirmed: confirmed, now: now)
            // A look-alike is kept, flagged, and pinned only by `share pin`.
            if case .flagged(let client, _) = pin { entry.looksLike = client }
            try Self.shares.insert(db, try cipher.seal(entry, table: Self.shares.rawValue, id: id))
            return pin
        }
        done = true
        return (verified, id, pin)
    }

    /// The same share (share id and signer) is not imported twice (exit 8).
    /// A share id already used by another signer's share is refused as
    /// hostile (exit 6): 128 random bits never collide by chance, so the
    /// sender copied it, to be taken for that share.
    static func refuseDuplicate(_ db: Database, _ cipher: RecordCipher, _ manifest: ShareManifest) throws {
        for row in try shares.all(db) {
            let other = try cipher.open(InboxShare.self, row: row, table: shares.rawValue).manifest
            guard other.shareID == manifest.shareID else { continue }
            if other.sender.key == manifest.sender.key {
                throw CaseVaultError.alreadyExists(what: "share", name: String(manifest.shareID.prefix(12)))
            }
            throw ShareError.malformed("its share id is already used by a share another key signed (from '\(other.sender.name)'); ids are random, so this one was copied")
        }
    }
}
