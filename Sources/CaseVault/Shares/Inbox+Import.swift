import AgeKit
import Foundation
import SodiumKit

extension Inbox {
    /// Verifies a share while copying its bytes to `inbox/`, then records it
    /// and its sender's pin in one transaction. A share that fails leaves
    /// neither file nor record; the same share imported twice is refused.
    func importShare(input: PosixFile, reader: (AgeInput) throws -> ShareReader.Verified,
                     repin: Bool, now: Date) throws -> ShareReader.Verified {
        try vault.migrateShares()
        guard let dir = try vault.inboxFolder(create: true) else {
            throw CaseVaultError.io(operation: "create", path: vault.inboxDirectory, reason: "cannot create the directory")
        }
        let id = RecordCipher.newID()
        let temporary = ".tmp-\(id).age"
        let final = "\(id).age"
        guard let copy = try dir.openFile(temporary, .createNew) else { throw PosixFile.error(EEXIST, "create", dir.subpath(temporary)) }
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
        if try list().contains(where: { $0.manifest.shareID == verified.manifest.shareID && $0.manifest.sender.key == verified.manifest.sender.key }) {
            throw CaseVaultError.alreadyExists(what: "share", name: String(verified.manifest.shareID.prefix(12)))
        }
        try dir.rename(temporary, final)
        try dir.sync()
        // Opened with an identity the vault keeps, or with an identity file (-i)?
        let kept = try vault.shareKeys.ageIdentities().contains { $0.recipient.encoded == verified.manifest.recipient.key }
        let entry = InboxShare(manifest: verified.manifest, receivedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)),
                                file: "\(id).age", fileHash: Bytes.hex(hash), fileSize: tee.count, identityFile: kept ? nil : true)
        let cipher = try vault.sharesCipher
        try vault.write { db in
            try record(db, cipher, verified.manifest, verified.signer, repin: repin, now: now)
            try Self.shares.insert(db, try cipher.seal(entry, table: Self.shares.rawValue, id: id))
        }
        done = true
        return verified
    }
}
