import AgeKit
import Foundation
import GRDB
import SodiumKit
import SystemKit

/// Rebuilds a vault from a backup into a new directory, and proves it whole
/// before reporting success.
///
/// Everything is written into a temporary directory beside the target: the
/// files, then vault.db and documents.db rebuilt from their row dumps. The
/// rebuilt vault is then unlocked and every record decrypted (codes,
/// identifiers, representatives, share keys, pins, inbox records), every
/// document decrypted and checked against its hash, every inbox file checked
/// against its record. Only then is the directory renamed to the target. A
/// failure of the whole (wrong passphrase, a damaged or truncated backup, a
/// dump or key slot that cannot be read) removes the temporary directory:
/// no half-restored vault is ever left, and an existing vault is never
/// touched.
///
/// One damaged item does not stop the rest: a record, an inbox share or a
/// document that fails its check is deleted from the rebuilt vault and
/// named in `Summary.notRestored`, together with what the backup itself
/// left out when it was made (its manifest's `omitted`), so everything
/// whole comes back and the caller can say exactly what did not (the CLI
/// exits 11).
public enum BackupRestorer {
    public enum Unlock {
        /// The backup was sealed to the recovery key; the same key unlocks the restored vault.
        case recoveryKey(RecoveryKey)
        /// The backup's passphrase, and the vault's own passphrase to verify the records.
        case passphrase(backup: SecureBytes, vault: SecureBytes)
    }

    public struct Summary: Sendable {
        public let codeEntries: Int
        public let identifiers: Int
        public let documents: Int
        public let inboxShares: Int
        /// Damaged items not restored: left out when the backup was made, or
        /// failing their check now. Empty when the whole vault came back.
        public let notRestored: [BackupOmission]
        public var complete: Bool { notRestored.isEmpty }
    }

    static let maxDump = 256 << 20

    static func restoreUnmapped(file: String, to location: VaultLocation, unlock: Unlock) throws -> Summary {
        let fm = FileManager.default
        try Vault.refuseOccupied(location)
        let parent = location.directory.deletingLastPathComponent().path
        try? PrivateDirectory.makeWithParents(parent)
        let temporary = parent + "/.casevault-restore-\(Bytes.hex(Random.bytes(6))).part"
        try CaseVaultError.mappingSystemErrors { try PrivateDirectory.make(temporary) }
        var committed = false
        defer { if !committed { try? fm.removeItem(atPath: temporary) } }

        let passphrase: SecureBytes
        switch unlock {
        case .recoveryKey(let r): passphrase = try r.formatted()
        case .passphrase(let b, _): passphrase = b
        }
        let manifest: Unpacked
        do {
            manifest = try TarError.mappedToBackup { try unpack(file: file, passphrase: passphrase, into: temporary) }
        } catch AgeError.noMatchingIdentity {
            throw ShareError.badBackup("it is encrypted to age recipients, not with a backup passphrase or recovery key")
        } catch let e as AgeError where e.kind == .payload {
            // The last chunk (or the end) does not authenticate: damaged
            // chunks before it are tolerated, but without an authentic end
            // nothing read can be trusted to be the whole backup.
            throw ShareError.badBackup("it is damaged or cut short at its end (\(e)), so nothing can be restored from it")
        }
        let summary = try rebuildAndVerify(temporary, manifest: manifest, unlock: unlock)
        do {
            try PrivateDirectory.rename(temporary, location.path)
        } catch let e as SystemError {
            // Another restore or init made a vault there meanwhile.
            if e.kind == .exists { throw CaseVaultError.vaultExists(path: location.path) }
            throw CaseVaultError(e)
        }
        committed = true
        return summary
    }

    struct Unpacked {
        let manifest: BackupManifest
        let vaultDump: TableDump
        let documentsDump: TableDump
        /// File names (`<id>.cvdoc`, `<id>.age`) whose copy in the backup
        /// file lies in a damaged chunk: left out, named by the salvage.
        let damagedCopies: Set<String>
    }

    /// Decrypts and unpacks; checks every entry against the manifest.
    ///
    /// A damaged backup file (an age chunk that fails authentication, not
    /// the last) loses only the document or inbox share whose data the chunk
    /// held: the chunks after it authenticate on their own, and the archive
    /// goes on. Damage over any archive header, the dumps or the manifest
    /// fails the whole restore (nothing after it could be placed).
    static func unpack(file: String, passphrase: SecureBytes, into dir: String) throws -> Unpacked {
        let input = try PosixFile.openForReading(file)
        let age = try AgeReader(identities: [ScryptIdentity(passphrase: passphrase)], input: PosixInput(input), tolerateDamagedChunks: true)
        let tar = TarReader(chunks: { try age.nextChunk() })
        var small: [String: [UInt8]] = [:]
        var seen: [String: BackupManifest.Entry] = [:]
        var damagedCopies: Set<String> = []
        guard let root = try VaultDirectory.open(dir),
              let documents = try root.subdirectory(DocumentStore.blobDirectoryName, create: true),
              let inbox = try root.subdirectory("inbox", create: true) else {
            throw CaseVaultError.io(operation: "create", path: dir, reason: "the directory disappeared")
        }
        while let e = try tar.next() {
            let path = e.path
            guard !e.isDirectory else { throw ShareError.badBackup("unexpected directory '\(path)'") }
            let hasher = try BLAKE2bHasher(length: 32)
            if path == BackupManifest.manifestPath || path == BackupManifest.vaultDump || path == BackupManifest.documentsDump {
                guard e.size <= Int64(maxDump) else { throw ShareError.badBackup("'\(path)' is too large") }
                var bytes: [UInt8] = []
                while let s = try tar.read(max: 1 << 20) { bytes += s }
                guard !tar.entryDamaged else {
                    throw ShareError.badBackup("it is damaged inside '\(path)' (an encrypted chunk failed authentication), so its records cannot be restored")
                }
                hasher.update(bytes)
                small[path] = bytes
            } else {
                let folder: VaultDirectory
                if e.components.count == 3, path.hasPrefix(BackupManifest.documentsPrefix), isID(e.components[2], ext: DocumentFormat.fileExtension) {
                    folder = documents
                } else if e.components.count == 3, path.hasPrefix(BackupManifest.inboxPrefix), isID(e.components[2], ext: "age") {
                    folder = inbox
                } else {
                    throw ShareError.badBackup("unexpected entry '\(path)'")
                }
                guard let out = try folder.openFile(e.components[2], .createNew) else {
                    throw CaseVaultError(SystemError.taken("create", folder.subpath(e.components[2])))
                }
                while let s = try tar.read(max: 1 << 20) {
                    let a = Array(s)
                    hasher.update(a)
                    try out.write(a)
                }
                try out.sync()
                if tar.entryDamaged {
                    folder.removeFile(e.components[2])
                    damagedCopies.insert(e.components[2])
                    continue
                }
            }
            seen[path] = .init(path: path, size: e.size, blake2b: Bytes.hex(hasher.finalize()))
        }
        try tar.drainToEnd()
        guard let mbytes = small[BackupManifest.manifestPath],
              let manifest = try? BackupManifest.decoder.decode(BackupManifest.self, from: Data(mbytes)) else {
            throw ShareError.badBackup("it has no readable backup.json")
        }
        guard manifest.format == BackupManifest.currentFormat else { throw ShareError.badBackup("format '\(manifest.format)' is not supported") }
        for entry in manifest.entries {
            if let name = entry.path.split(separator: "/").last, damagedCopies.contains(String(name)) { continue }
            guard seen[entry.path] == entry else { throw ShareError.badBackup("'\(entry.path)' is missing or differs from the manifest") }
        }
        // Copies of documents removed while the backup ran are not in the manifest: drop them.
        let listed = Set(manifest.entries.map(\.path))
        for path in seen.keys where !listed.contains(path) && path != BackupManifest.manifestPath {
            if path.hasPrefix(BackupManifest.documentsPrefix) {
                documents.removeFile(String(path.dropFirst(BackupManifest.documentsPrefix.count)))
            } else {
                throw ShareError.badBackup("'\(path)' is not in the manifest")
            }
        }
        guard let v = small[BackupManifest.vaultDump], let vd = try? BackupManifest.decoder.decode(TableDump.self, from: Data(v)),
              let d = small[BackupManifest.documentsDump], let dd = try? BackupManifest.decoder.decode(TableDump.self, from: Data(d)) else {
            throw ShareError.badBackup("the database dumps are missing or unreadable")
        }
        return Unpacked(manifest: manifest, vaultDump: vd, documentsDump: dd, damagedCopies: damagedCopies)
    }

    static func isID(_ name: String, ext: String) -> Bool {
        let parts = name.split(separator: ".")
        return parts.count == 2 && parts[1] == ext && parts[0].count == 32 && parts[0].allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// Rebuilds the databases, unlocks, and decrypts and checks everything.
    static func rebuildAndVerify(_ dir: String, manifest u: Unpacked, unlock: Unlock) throws -> Summary {
        let location = VaultLocation(directory: URL(fileURLWithPath: dir))
        guard let root = try VaultDirectory.open(dir) else {
            throw CaseVaultError.io(operation: "open", path: dir, reason: "the directory disappeared")
        }
        do {
            let q = try SQLiteFile.open(Vault.databaseName, in: root)
            try u.vaultDump.restore(into: q, migrator: VaultSchema.migrator, file: "vault.json")
            try SQLiteFile.tightenModes(Vault.databaseName, in: root)
        }
        do {
            let q = try SQLiteFile.open(DocumentStore.databaseName, in: root)
            try u.documentsDump.restore(into: q, migrator: DocumentRow.migrator, file: "documents.json")
            try SQLiteFile.tightenModes(DocumentStore.databaseName, in: root)
        }
        let locked = try LockedVault.open(location)
        // A restore puts an older state back on purpose, and may leave
        // damaged records out below: the state record is made anew over the
        // rows as restored, once they are checked (`salvage`).
        locked.verifiesState = false
        guard locked.vaultIDHex == u.manifest.vaultID else { throw ShareError.badBackup("its vault id does not match its manifest") }
        let vault: Vault
        switch unlock {
        case .recoveryKey(let r): vault = try locked.unlock(recoveryKey: r)
        case .passphrase(_, let p): vault = try locked.unlock(passphrase: p)
        }
        let left = (u.manifest.omitted ?? []).map {
            BackupOmission(kind: $0.kind, id: $0.id, reason: "left out when the backup was made: \($0.reason)")
        }
        let lost = try salvage(vault, damagedCopies: u.damagedCopies)
        try vault.write { _ in }
        // A share, pin or index bucket left out: the index is made again
        // from the records restored. (A share the backup itself left out
        // changes the count, which the index notices at its next read.)
        let inboxTables = [RecordTable.inboxShare, .pinnedSender, .inboxIndex].map { $0.rawValue + "/" }
        if lost.contains(where: { $0.kind == .inboxShare || ($0.kind == .record && inboxTables.contains(where: $0.id.hasPrefix)) }) {
            try vault.inbox.rebuildIndex()
        }
        let store = try vault.documents()
        return Summary(codeEntries: try vault.codes.list().count, identifiers: try vault.identifiers.list().count,
                       documents: try store.list().count, inboxShares: try vault.inbox.counts().shares, notRestored: left + lost)
    }

    /// Decrypts and checks every record, inbox share and document of the
    /// rebuilt `vault`; deletes each one that fails and returns them.
    /// `damagedCopies` names the files whose copy in the backup was damaged
    /// (so missing now), to say so rather than "missing".
    static func salvage(_ vault: Vault, damagedCopies: Set<String> = []) throws -> [BackupOmission] {
        let damagedCopy = "its copy in the backup file is damaged (an encrypted chunk failed authentication)"
        var lost: [BackupOmission] = []
        try vault.migrateShares()
        let verifier = try RecordVerifier(vault)
        var drop: [(RecordTable, String)] = []
        var inboxFilesToDrop: [String] = []
        try vault.read { db in
            for table in RecordTable.allCases {
                for row in try table.all(db) {
                    do {
                        try verifier.verify(table, row)
                    } catch CaseVaultError.integrity(_, let detail) {
                        drop.append((table, row.id))
                        lost.append(BackupOmission(kind: .record, id: "\(table.rawValue)/\(row.id)", reason: detail))
                        continue
                    }
                    guard table == .inboxShare else { continue }
                    let share = try verifier.inboxShare(row)
                    let path = vault.inboxDirectory + "/" + share.file
                    let hash = try? HashingInput(PosixInput(try vault.openInboxFile(share.file))).finish()
                    if hash.map(Bytes.hex) != share.fileHash {
                        drop.append((table, row.id))
                        inboxFilesToDrop.append(path)
                        lost.append(BackupOmission(kind: .inboxShare, id: share.manifest.shareID,
                                                   reason: damagedCopies.contains(share.file) ? damagedCopy
                                                       : hash == nil ? "its file is missing" : "its file does not match its record"))
                    }
                }
            }
        }
        if !drop.isEmpty {
            try vault.write { db in for (table, id) in drop { try table.delete(db, id: id) } }
        }
        for path in inboxFilesToDrop { PosixFile.remove(path) }

        let store = try vault.documents()
        let rows = try store.db.vaultRead(path: store.dbPath) { try DocumentRow.fetchAll($0) }
        for row in rows {
            let id = [UInt8](row.id)
            var label: String? = nil
            do {
                let document = try store.open(row)
                label = document.metadata.label
                try store.verify(document)
            } catch CaseVaultError.integrity(_, let detail) {
                try store.dropRestored(id)
                let copy = damagedCopies.contains("\(Bytes.hex(id)).\(DocumentFormat.fileExtension)")
                lost.append(BackupOmission(kind: .document, id: Bytes.hex(id), label: label, reason: copy ? damagedCopy : detail))
            }
        }
        return lost
    }
}
