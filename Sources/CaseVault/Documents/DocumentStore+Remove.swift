import Foundation
import GRDB
import SodiumKit

extension DocumentStore {
    /// Removes `document`: its row (holding the wrapped key and metadata) and
    /// its ciphertext file.
    ///
    /// Order matters for a crash: the row goes first (secure_delete zeroes
    /// its pages, and a WAL checkpoint moves the change into the main file
    /// and truncates the WAL), so the key is gone and the document invisible;
    /// then the ciphertext is overwritten with zeros, fsynced and unlinked. A
    /// crash between the two leaves an unreferenced file that the next open
    /// shreds. What overwriting can and cannot guarantee on SSDs and
    /// journaling or copy-on-write filesystems: docs/documents.md.
    public func remove(_ document: Document) throws {
        try lock.shared {
            let deleted = try db.vaultWrite(path: dbPath) { try DocumentRow.deleteOne($0, key: Data(document.id)) }
            guard deleted else { throw CaseVaultError.notFound(what: "document", name: document.shortID) }
            checkpoint()
            try shred(blobPath(document.id))
            try PosixFile.syncDirectory(blobDirectory)
        }
    }

    /// Copies the WAL into the database and truncates it, so deleted rows'
    /// old contents do not linger in the WAL file.
    func checkpoint() {
        _ = try? db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Overwrites a file with zeros, fsyncs it and unlinks it.
    func shred(_ path: String) throws {
        guard PosixFile.exists(path) else { return }
        do {
            let f = try PosixFile.openForOverwrite(path)
            let zeros = ChunkBuffer(capacity: 1 << 20)
            var left = f.size
            while left > 0 {
                zeros.count = Int(min(left, Int64(zeros.capacity)))
                try f.write(zeros)
                left -= Int64(zeros.count)
            }
            try f.sync()
        }
        PosixFile.remove(path)
    }

    /// Refuses a documents.db without its table (deleted, emptied or replaced)
    /// while documents/ holds finished ciphertext files. Those are not what a
    /// killed add leaves (an add creates the table before it writes a file),
    /// and `removeLeftovers` would shred every document that a copy of the
    /// old documents.db could still open.
    static func refuseLostIndex(blobDirectory: String) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: blobDirectory)) ?? []
        let stored = names.filter { $0.hasSuffix("." + DocumentFormat.fileExtension) && !$0.hasPrefix(".tmp-") }
        guard !stored.isEmpty else { return }
        throw CaseVaultError.integrity(record: "documents.db", detail: "it has no documents table, but documents/ holds "
                                       + "\(stored.count) document file\(stored.count == 1 ? "" : "s") (the index was deleted, emptied or replaced); nothing was removed")
    }

    /// Deletes what a killed add or remove left: temporary files, and
    /// ciphertext files no row refers to. Runs only when no other process is
    /// adding or removing (exclusive lock taken without waiting).
    func removeLeftovers() throws {
        _ = try lock.exclusiveIfFree {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: blobDirectory)) ?? []
            let candidates = names.filter { $0.hasSuffix("." + DocumentFormat.fileExtension) }
            guard !candidates.isEmpty else { return }
            let ids = Set(try db.vaultRead(path: dbPath) { try Data.fetchAll($0, sql: "SELECT id FROM documents") }.map { Bytes.hex([UInt8]($0)) })
            var changed = false
            for name in candidates {
                let path = "\(blobDirectory)/\(name)"
                if name.hasPrefix(".tmp-") {
                    PosixFile.remove(path)
                    changed = true
                } else if !ids.contains(String(name.dropLast(DocumentFormat.fileExtension.count + 1))) {
                    try shred(path)
                    changed = true
                }
            }
            if changed { try PosixFile.syncDirectory(blobDirectory) }
        }
    }
}
