import SystemKit
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
    ///
    /// The file is opened first (not through a link, and only a regular
    /// file of ours: VaultDirectory) and everything after goes through that
    /// descriptor: a link or a FIFO under the document's name is refused
    /// before anything changes, and the zeros go to the file that was
    /// renamed, never to whatever a name points to later.
    func removeUnmapped(_ document: Document) throws {
        try lock.shared {
            let id = document.id, marked = removingName(id)
            var file: PosixFile?
            var source: String?
            for name in [blobName(id), temporaryName(id)] {
                if let f = try blobs.openFile(name, .readWrite) {
                    (file, source) = (f, name)
                    break
                }
            }
            if let source {
                try blobs.rename(source, marked)
                try blobs.sync()
            }
            // Not removed after all: the file gets its name back.
            func unmark() {
                guard source != nil else { return }
                try? blobs.rename(marked, blobName(id))
                try? blobs.sync()
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
            if let file { try shred(file, named: marked) }
            try blobs.sync()
        }
    }

    /// Copies the WAL into the database and truncates it, so deleted rows'
    /// old contents do not linger in the WAL file.
    func checkpoint() {
        _ = try? db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Overwrites the open `file` with zeros and fsyncs it, then unlinks
    /// `name` in documents/ if it still names that file.
    ///
    /// The descriptor was opened without following links and checked to be
    /// a regular file of ours. A file with other hard links is not
    /// overwritten, only unlinked here: the zeros would land in every other
    /// name (a snapshot made with `cp -al`, or a link someone made to a
    /// file of theirs), which is not this store's to destroy.
    func shred(_ file: PosixFile, named name: String) throws {
        let st = try file.status()
        if st.links == 1 {
            let zeros = ChunkBuffer(capacity: 1 << 20)
            var left = st.size
            while left > 0 {
                zeros.count = Int(min(left, Int64(zeros.capacity)))
                try file.write(zeros)
                left -= Int64(zeros.count)
            }
            try file.sync()
        }
        try blobs.unlink(name, ifSameAs: file)
    }
}
