import Foundation
import GRDB
import SodiumKit

extension DocumentStore {
    /// Removes `document`: its row (holding the wrapped key and metadata) and
    /// its ciphertext file.
    ///
    /// Order matters for a crash. The file is first renamed `.removing-…`
    /// (and the directory fsynced): that name records the removal, so a
    /// crash from here on is finished by the next open of the store
    /// (DocumentStore+Files). Then the row goes (secure_delete zeroes its
    /// pages, and a WAL checkpoint moves the change into the main file and
    /// truncates the WAL), so the key is gone and the document invisible;
    /// then the ciphertext is overwritten with zeros, fsynced and unlinked.
    /// What overwriting can and cannot guarantee on SSDs and journaling or
    /// copy-on-write filesystems: docs/documents.md.
    public func remove(_ document: Document) throws {
        try lock.shared {
            let id = document.id, marked = removingPath(id)
            let source = [blobPath(id), temporaryPath(id)].first(where: PosixFile.exists)
            if let source {
                try PosixFile.rename(source, marked)
                try PosixFile.syncDirectory(blobDirectory)
            }
            // Not removed after all: the file gets its name back.
            func unmark() {
                guard source != nil else { return }
                try? PosixFile.rename(marked, blobPath(id))
                try? PosixFile.syncDirectory(blobDirectory)
            }
            let deleted: Bool
            do {
                deleted = try db.vaultWrite(path: dbPath) { try DocumentRow.deleteOne($0, key: Data(id)) }
            } catch {
                unmark()
                throw error
            }
            guard deleted else {
                unmark()
                throw CaseVaultError.notFound(what: "document", name: document.shortID)
            }
            checkpoint()
            try shred(marked)
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
}
