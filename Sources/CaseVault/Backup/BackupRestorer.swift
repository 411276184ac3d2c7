import AgeKit
import Foundation
import GRDB
import SodiumKit
#if canImport(Glibc)
import Glibc
#endif

/// Rebuilds a vault from a backup into a new directory, and proves it whole
/// before reporting success.
///
/// Everything is written into a temporary directory beside the target: the
/// files, then vault.db and documents.db rebuilt from their row dumps. The
/// rebuilt vault is then unlocked and every record decrypted (codes,
/// identifiers, representatives, share keys, pins, inbox records), every
/// document decrypted and checked against its hash, every inbox file checked
/// against its record. Only then is the directory renamed to the target. Any
/// failure (wrong passphrase, a damaged or truncated backup, a record that
/// does not authenticate) removes the temporary directory: no half-restored
/// vault is ever left, and an existing vault is never touched.
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
    }

    static let maxDump = 256 << 20

    public static func restore(file: String, to location: VaultLocation, unlock: Unlock) throws -> Summary {
        let fm = FileManager.default
        try Vault.refuseOccupied(location)
        let parent = location.directory.deletingLastPathComponent().path
        try? fm.createDirectory(atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = parent + "/.casevault-restore-\(Bytes.hex(Random.bytes(6))).part"
        guard mkdir(temporary, 0o700) == 0 else {
            throw CaseVaultError.io(operation: "create", path: temporary, reason: String(cString: strerror(errno)))
        }
        var committed = false
        defer { if !committed { try? fm.removeItem(atPath: temporary) } }

        let passphrase: SecureBytes
        switch unlock {
        case .recoveryKey(let r): passphrase = try r.formatted()
        case .passphrase(let b, _): passphrase = b
        }
        let manifest: Unpacked
        do {
            manifest = try unpack(file: file, passphrase: passphrase, into: temporary)
        } catch ShareError.malformed(let d), ShareError.unsafeEntry(let d) {
            // The tar reader speaks of shares; this file was given as a backup.
            throw ShareError.badBackup(d)
        } catch AgeError.noMatchingIdentity {
            throw ShareError.badBackup("it is encrypted to age recipients, not with a backup passphrase or recovery key")
        }
        let summary = try rebuildAndVerify(temporary, manifest: manifest, unlock: unlock)
        guard rename(temporary, location.path) == 0 else {
            throw CaseVaultError.io(operation: "rename", path: location.path, reason: String(cString: strerror(errno)))
        }
        committed = true
        return summary
    }

    struct Unpacked {
        let manifest: BackupManifest
        let vaultDump: TableDump
        let documentsDump: TableDump
    }

    /// Decrypts and unpacks; checks every entry against the manifest.
    static func unpack(file: String, passphrase: SecureBytes, into dir: String) throws -> Unpacked {
        let input = try PosixFile.openForReading(file)
        let age = try AgeReader(identities: [ScryptIdentity(passphrase: passphrase)], input: PosixInput(input))
        let tar = TarReader { try age.next() }
        var small: [String: [UInt8]] = [:]
        var seen: [String: BackupManifest.Entry] = [:]
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
                    throw PosixFile.error(EEXIST, "create", folder.subpath(e.components[2]))
                }
                while let s = try tar.read(max: 1 << 20) {
                    let a = Array(s)
                    hasher.update(a)
                    try out.write(a)
                }
                try out.sync()
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
        return Unpacked(manifest: manifest, vaultDump: vd, documentsDump: dd)
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
        guard locked.vaultIDHex == u.manifest.vaultID else { throw ShareError.badBackup("its vault id does not match its manifest") }
        let vault: Vault
        switch unlock {
        case .recoveryKey(let r): vault = try locked.unlock(recoveryKey: r)
        case .passphrase(_, let p): vault = try locked.unlock(passphrase: p)
        }
        return try verify(vault)
    }

    /// Decrypts every record and document of `vault`; throws on the first failure.
    public static func verify(_ vault: Vault) throws -> Summary {
        let codes = try vault.codes.list().count
        let ids = try vault.identifiers.list().count
        _ = try vault.shareKeys.ageIdentity()
        _ = try vault.shareKeys.signingKey()
        _ = try vault.shareKeys.senderName()
        _ = try vault.representatives.list()
        _ = try vault.inbox.pins()
        let inbox = try vault.inbox.list()
        for share in inbox {
            let file = try vault.openInboxFile(share.file)
            let h = try HashingInput(PosixInput(file))
            guard Bytes.hex(try h.finish()) == share.fileHash else {
                throw CaseVaultError.integrity(record: "inbox/\(share.file)", detail: "the share file does not match its record")
            }
        }
        let store = try vault.documents()
        let docs = try store.list()
        for d in docs { try store.verify(d) }
        return Summary(codeEntries: codes, identifiers: ids, documents: docs.count, inboxShares: inbox.count)
    }
}
