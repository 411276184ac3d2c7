import AgeKit
import Foundation
import GRDB
import SodiumKit

/// Writes the whole vault as one age file (docs/shares.md, "Backups").
///
/// Payload: a tar archive of `vault.json` (every row of vault.db: key slots,
/// codes with their history, identifiers, representatives, share keys,
/// pins, inbox records), `documents.json` (every row of documents.db),
/// `documents/<id>.cvdoc` (the documents' ciphertexts), `inbox/<id>.age`
/// (imported shares) and last `backup.json` (BLAKE2b-256 of each entry).
/// Records stay encrypted under the vault's keys inside; age adds a second
/// layer under the backup passphrase or recovery key.
///
/// Consistency while the vault is in use: vault.db is dumped inside one
/// read transaction (a WAL snapshot) and the inbox files it names are opened
/// before that transaction ends; the same for documents.db and document
/// files, with the documents' lock held exclusively so that no add or remove
/// is midway (DocumentLock). A document removed while the backup copies is
/// overwritten with zeros by the store (it shreds), so the copy of it might
/// be garbage: after copying, the documents still present are read again and
/// any removed one is left out of `documents.json` and the manifest. A
/// document added during the backup is not in the snapshot and not copied.
public struct BackupWriter {
    let vault: Vault

    public init(vault: Vault) { self.vault = vault }

    public struct Summary: Sendable {
        public let documents: Int
        public let inboxShares: Int
        public let bytes: Int64
    }

    public func write(to path: String, key: BackupKey, workFactor: Int = ScryptRecipient.defaultWorkFactor, now: Date = Date()) throws -> Summary {
        try vault.migrateShares()
        let passphrase: SecureBytes
        switch key {
        case .passphrase(let p): passphrase = p.bytes
        case .recoveryKey(let r): passphrase = try r.formatted()
        }
        let recipient = try ScryptRecipient(passphrase: passphrase, workFactor: workFactor)

        // vault.db snapshot, and the inbox files it refers to, opened inside it.
        let cipher = try vault.sharesCipher
        let (vaultDump, inboxFiles) = try vault.db.vaultWriteless { db -> (TableDump, [(String, PosixFile)]) in
            let dump = try TableDump.read(db)
            var files: [(String, PosixFile)] = []
            for row in try RecordTable.inboxShare.all(db) {
                let share = try cipher.open(InboxShare.self, row: row, table: RecordTable.inboxShare.rawValue)
                files.append((share.file, try vault.openInboxFile(share.file)))
            }
            return (dump, files)
        }
        // documents.db snapshot, and the document files, opened inside it,
        // with no add or remove midway (the store's lock, held exclusively):
        // a remove renames the file before it deletes the row, so without the
        // lock a row could be read whose file is under neither stored name.
        let store = try vault.documents()
        let (docDump, docFiles) = try store.lock.exclusive {
            try store.db.vaultWriteless { db -> (TableDump, [(String, PosixFile)]) in
                let dump = try TableDump.read(db)
                let ids = try Data.fetchAll(db, sql: "SELECT id FROM documents")
                // A file that cannot be opened is missing: the check after
                // copying reports it, unless its row is gone by then.
                // A link, FIFO or device under a document's name is refused
                // (unsafeVault), never read.
                return (dump, try ids.compactMap { id -> (String, PosixFile)? in
                    do {
                        return (Bytes.hex([UInt8](id)), try store.openCiphertext([UInt8](id)))
                    } catch let e as CaseVaultError where e.isUnsafeVault {
                        throw e
                    } catch {
                        return nil
                    }
                })
            }
        }

        let out = try AtomicOutput(path: path)
        let age = try AgeWriter(recipients: [recipient], output: out.output)
        let created = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let tar = TarWriter(mtime: created) { try age.write($0) }
        var entries: [BackupManifest.Entry] = []
        var total: Int64 = 0

        func addSmall(_ p: String, _ bytes: [UInt8]) throws {
            try tar.addFile(path: p, contents: bytes)
            entries.append(.init(path: p, size: Int64(bytes.count), blake2b: Bytes.hex(BLAKE2b.hash(length: 32, bytes))))
            total += Int64(bytes.count)
        }
        func addFile(_ p: String, _ file: PosixFile) throws -> BackupManifest.Entry {
            let size = file.size
            try tar.beginFile(path: p, size: size)
            let input = try HashingInput(PosixInput(file))
            try age.write(from: input)
            guard input.count == size else { throw CaseVaultError.io(operation: "copy", path: file.path, reason: "the file changed size while it was copied") }
            try tar.wroteExternally(input.count)
            try tar.endFile()
            total += size
            return .init(path: p, size: size, blake2b: Bytes.hex(try input.finish()))
        }

        try addSmall(BackupManifest.vaultDump, try [UInt8](BackupManifest.encoder.encode(vaultDump)))
        for (name, file) in inboxFiles { entries.append(try addFile(BackupManifest.inboxPrefix + name, file)) }
        var copied: [String: BackupManifest.Entry] = [:]
        for (id, file) in docFiles { copied[id] = try addFile(BackupManifest.documentsPrefix + "\(id).\(DocumentFormat.fileExtension)", file) }

        // Documents removed meanwhile are left out (their copy may be zeros).
        let still = Set(try store.db.vaultRead(path: store.dbPath) { try Data.fetchAll($0, sql: "SELECT id FROM documents") }.map { Bytes.hex([UInt8]($0)) })
        var docs = docDump
        if var t = docs.tables["documents"], let idColumn = t.columns.firstIndex(of: "id") {
            t.rows = t.rows.filter { row in row[idColumn].b.map { still.contains(Bytes.hex([UInt8]($0))) } ?? false }
            docs.tables["documents"] = t
        }
        let snapshotIDs = docDump.tables["documents"].map { t in
            t.columns.firstIndex(of: "id").map { c in t.rows.compactMap { $0[c].b.map { Bytes.hex([UInt8]($0)) } } } ?? []
        } ?? []
        for id in snapshotIDs where still.contains(id) && copied[id] == nil {
            throw CaseVaultError.integrity(record: "document \(id.prefix(8))", detail: "its ciphertext file is missing")
        }
        for (id, e) in copied.sorted(by: { $0.key < $1.key }) where still.contains(id) { entries.append(e) }
        try addSmall(BackupManifest.documentsDump, try [UInt8](BackupManifest.encoder.encode(docs)))

        let manifest = BackupManifest(format: BackupManifest.currentFormat, vaultID: vault.vaultIDHex, created: created, entries: entries)
        try tar.addFile(path: BackupManifest.manifestPath, contents: try [UInt8](BackupManifest.encoder.encode(manifest)))
        try tar.finish()
        try age.finish()
        try out.commit(durable: true)
        return Summary(documents: copied.keys.filter(still.contains).count, inboxShares: inboxFiles.count, bytes: total)
    }
}

extension DatabaseQueue {
    /// Runs `body` in one deferred transaction (a consistent WAL snapshot
    /// for all its reads), writing nothing.
    func vaultWriteless<T>(_ body: (Database) throws -> T) throws -> T {
        var result: T?
        try inDatabase { db in
            try db.inTransaction(.deferred) {
                result = try body(db)
                return .commit
            }
        }
        guard let result else { throw CaseVaultError.io(operation: "read", path: path, reason: "no snapshot") }
        return result
    }
}
