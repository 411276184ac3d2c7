import SystemKit
import Foundation
import GRDB

extension DocumentStore {
    /// Deletes a document a restore could not bring back: its row, and its
    /// file (in the restore's own temporary directory: nothing to shred).
    func dropRestored(_ id: [UInt8]) throws {
        try db.vaultWrite(path: dbPath) { try $0.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [Data(id)]) }
        PosixFile.remove(blobPath(id))
    }
}
