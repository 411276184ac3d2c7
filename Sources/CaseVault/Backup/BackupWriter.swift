import SystemKit
import AgeKit
import Foundation
import GRDB
import SodiumKit

/// Writes the whole vault as one age file (docs/backups.md), to a new file
/// or to a `SealedStream` that a reader takes as it is written (the app's
/// download).
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
///
/// Damage: every record is authenticated as the snapshot is read, every
/// inbox file checked against its record's hash and every document's
/// metadata, key and chunks authenticated as they are copied. A damaged item
/// is left out (of the dumps and the manifest, which lists it under
/// `omitted`) and returned in `Summary.omitted`; everything else is backed
/// up. The caller must not call such a backup complete (the CLI exits 11).
public struct BackupWriter {
    let vault: Vault

    public init(vault: Vault) { self.vault = vault }

    public struct Summary: Sendable {
        public let documents: Int
        public let inboxShares: Int
        public let bytes: Int64
        /// Damaged items left out (named; also listed in the manifest
        /// without labels). Empty when the backup holds the whole vault.
        public let omitted: [BackupOmission]
        public var complete: Bool { omitted.isEmpty }
    }

    /// An inbox share to copy: its record's row id, the record, its open file.
    private struct InboxFile {
        let rowID: String
        let share: InboxShare
        let file: PosixFile
    }

    /// A document to copy: its row, decrypted metadata, its open file. (The
    /// key is unwrapped only when it is copied: one key in secure memory at
    /// a time, whatever the number of documents.)
    private struct DocumentFile {
        let row: DocumentRow
        let document: Document
        let file: PosixFile?
    }

    /// Where a backup goes.
    enum Target {
        /// A new file, written under a temporary name, made durable and
        /// renamed when complete.
        case file(String)
        /// A reader that takes it as it is written (a download), ended as
        /// complete after the last byte, or as failed on any error.
        case stream(SealedStream)
    }

    /// The public `write` (SystemErrorBoundary.swift) maps system errors;
    /// this maps the tar layer's, once.
    func writeUnmapped(to target: Target, key: BackupKey, workFactor: Int, now: Date) throws -> Summary {
        // A stream's reader learns how it ended, whatever fails and when.
        var completed = false
        defer {
            if case .stream(let stream) = target {
                if completed { stream.finish() } else { stream.abort() }
            }
        }
        let summary = try TarError.mappedToBackup { try writeArchive(to: target, key: key, workFactor: workFactor, now: now) }
        completed = true
        return summary
    }

    private func writeArchive(to target: Target, key: BackupKey, workFactor: Int, now: Date) throws -> Summary {
        try vault.migrateShares()
        let passphrase: SecureBytes
        switch key {
        case .passphrase(let p): passphrase = p.bytes
        case .recoveryKey(let r): passphrase = try r.formatted()
        }
        let recipient = try ScryptRecipient(passphrase: passphrase, workFactor: workFactor)
        var omitted: [BackupOmission] = []

        // vault.db snapshot: every record authenticated as it is read (a
        // damaged one is named and left out of the dump), and the inbox
        // files the records name, opened inside the snapshot.
        let verifier = try RecordVerifier(vault)
        let (vaultDumpRead, inboxFiles) = try vault.db.vaultWriteless { db -> (TableDump, [InboxFile]) in
            var dump = try TableDump.read(db)
            var files: [InboxFile] = []
            for table in RecordTable.allCases where try db.tableExists(table.rawValue) {
                var damaged: Set<String> = []
                for row in try table.all(db) {
                    do {
                        try verifier.verify(table, row)
                    } catch CaseVaultError.integrity(_, let detail) {
                        damaged.insert(row.id)
                        omitted.append(BackupOmission(kind: .record, id: "\(table.rawValue)/\(row.id)", reason: detail))
                        continue
                    }
                    guard table == .inboxShare else { continue }
                    let share = try verifier.inboxShare(row)
                    let opened: PosixFile?
                    do {
                        opened = try vault.openInboxFile(share.file)
                    } catch let e as CaseVaultError where e.isUnsafeVault {
                        throw e  // a link, FIFO or device in inbox/ is refused, never read
                    } catch {
                        opened = nil
                    }
                    guard let file = opened else {
                        damaged.insert(row.id)
                        omitted.append(BackupOmission(kind: .inboxShare, id: share.manifest.shareID, reason: "its file is missing or unreadable"))
                        continue
                    }
                    files.append(InboxFile(rowID: row.id, share: share, file: file))
                }
                dump.removeRows(table.rawValue, ids: damaged)
            }
            return (dump, files)
        }
        // documents.db snapshot, and the document files, opened inside it,
        // with no add or remove midway (the store's lock, held exclusively):
        // a remove renames the file before it deletes the row, so without the
        // lock a row could be read whose file is under neither stored name.
        // Each row's metadata and key are authenticated here.
        let store = try vault.documents()
        let (docDumpRead, docFiles, damagedRows) = try store.lock.exclusive {
            try store.db.vaultWriteless { db -> (TableDump, [DocumentFile], [BackupOmission]) in
                let dump = try TableDump.read(db)
                var files: [DocumentFile] = []
                var damaged: [BackupOmission] = []
                for row in try DocumentRow.fetchAll(db) {
                    let document: Document
                    do {
                        document = try store.open(row)
                    } catch CaseVaultError.integrity(_, let detail) {
                        damaged.append(BackupOmission(kind: .document, id: Bytes.hex([UInt8](row.id)), reason: detail))
                        continue
                    }
                    // A file that cannot be opened is missing: named after
                    // copying, unless its row is gone by then (removed).
                    // A link, FIFO or device under a document's name is
                    // refused (unsafeVault), never read.
                    let file: PosixFile?
                    do {
                        file = try store.openCiphertext(document.id)
                    } catch let e as CaseVaultError where e.isUnsafeVault {
                        throw e
                    } catch {
                        file = nil
                    }
                    files.append(DocumentFile(row: row, document: document, file: file))
                }
                return (dump, files, damaged)
            }
        }

        let file: AtomicOutput?
        let out: AgeOutput
        switch target {
        case .file(let path):
            let f = try AtomicOutput(path: path)
            file = f
            out = f
        case .stream(let stream):
            file = nil
            out = stream.output
        }
        let age = try AgeWriter(recipients: [recipient], output: out)
        let created = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let tar = TarWriter(mtime: created) { try age.write($0) }
        var entries: [BackupManifest.Entry] = []
        var total: Int64 = 0

        func addSmall(_ p: String, _ bytes: [UInt8]) throws {
            try tar.addFile(path: p, contents: bytes)
            entries.append(.init(path: p, size: Int64(bytes.count), blake2b: Bytes.hex(BLAKE2b.hash(length: 32, bytes))))
            total += Int64(bytes.count)
        }
        func addFile(_ p: String, _ file: PosixFile, check: DocumentChunkVerifier? = nil) throws -> BackupManifest.Entry {
            let size = file.size
            try tar.beginFile(path: p, size: size)
            let input = try HashingInput(PosixInput(file), observe: check.map { c in { c.update($0) } })
            try age.write(from: input)
            guard input.count == size else { throw CaseVaultError.io(operation: "copy", path: file.path, reason: "the file changed size while it was copied") }
            try tar.wroteExternally(input.count)
            try tar.endFile()
            total += size
            return .init(path: p, size: size, blake2b: Bytes.hex(try input.finish()))
        }

        // Files first, each checked as it is copied, so that the dumps
        // written after them leave out what turned out damaged. (A restore
        // reads the entries in any order; damaged copies stay in the
        // archive unlisted, and every restore drops unlisted documents.)
        var vaultDump = vaultDumpRead
        var droppedInbox: Set<String> = []
        var inboxCopied = 0
        for f in inboxFiles {
            let entry = try addFile(BackupManifest.inboxPrefix + f.share.file, f.file)
            if entry.blake2b == f.share.fileHash {
                entries.append(entry)
                inboxCopied += 1
            } else {
                droppedInbox.insert(f.rowID)
                omitted.append(BackupOmission(kind: .inboxShare, id: f.share.manifest.shareID, reason: "its file does not match its record (changed or damaged)"))
            }
        }
        vaultDump.removeRows(RecordTable.inboxShare.rawValue, ids: droppedInbox)

        var copied: [String: BackupManifest.Entry] = [:]
        var damagedDocs: [String: BackupOmission] = [:]
        for d in docFiles {
            let id = d.document.idHex
            let label = d.document.metadata.label
            guard let file = d.file else {
                damagedDocs[id] = BackupOmission(kind: .document, id: id, label: label, reason: "its ciphertext file is missing")
                continue
            }
            let key: DocumentKey
            do { key = try store.documentKey(row: d.row) } catch CaseVaultError.integrity(_, let detail) {
                damagedDocs[id] = BackupOmission(kind: .document, id: id, label: label, reason: detail)
                continue
            }
            let check = DocumentChunkVerifier(vaultID: vault.vaultID, document: d.document, key: key)
            let entry = try addFile(BackupManifest.documentsPrefix + "\(id).\(DocumentFormat.fileExtension)", file, check: check)
            if let problem = check.finish() {
                damagedDocs[id] = BackupOmission(kind: .document, id: id, label: label, reason: problem)
            } else {
                copied[id] = entry
            }
        }

        // Documents removed meanwhile are left out silently (their copy may
        // be zeros: the store shreds); damaged ones still present are named.
        let still = Set(try store.db.vaultRead(path: store.dbPath) { try Data.fetchAll($0, sql: "SELECT id FROM documents") }.map { Bytes.hex([UInt8]($0)) })
        let kept = Set(copied.keys).intersection(still)
        var docDump = docDumpRead
        for row in damagedRows where still.contains(row.id) { omitted.append(row) }
        for (id, o) in damagedDocs.sorted(by: { $0.key < $1.key }) where still.contains(id) { omitted.append(o) }
        let allIDs = Set(docFiles.map(\.document.idHex)).union(damagedRows.map(\.id))
        docDump.removeRows("documents", ids: allIDs.subtracting(kept))
        for (id, e) in copied.sorted(by: { $0.key < $1.key }) where kept.contains(id) { entries.append(e) }

        try addSmall(BackupManifest.vaultDump, try [UInt8](BackupManifest.encoder.encode(vaultDump)))
        try addSmall(BackupManifest.documentsDump, try [UInt8](BackupManifest.encoder.encode(docDump)))
        let manifest = BackupManifest(format: BackupManifest.currentFormat, vaultID: vault.vaultIDHex, created: created, entries: entries,
                                      omitted: omitted.isEmpty ? nil : omitted.map(\.withoutLabel))
        try tar.addFile(path: BackupManifest.manifestPath, contents: try [UInt8](BackupManifest.encoder.encode(manifest)))
        try tar.finish()
        try age.finish()
        try file?.commit(durable: true)
        return Summary(documents: kept.count, inboxShares: inboxCopied, bytes: total, omitted: omitted)
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
