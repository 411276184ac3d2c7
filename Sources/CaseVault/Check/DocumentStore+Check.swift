import Foundation
import GRDB

extension DocumentStore: VaultCheckable {
    /// SQLite integrity of documents.db, entries of documents/ that are not
    /// files casevault wrote (links, FIFOs, devices), stored files that no row refers to,
    /// then every row's metadata and wrapped key, then every chunk of every
    /// document (decrypted and authenticated, the final tag, the size and the
    /// SHA-256), writing nothing.
    func checkUnmapped(into report: inout CheckReport) throws {
        let store = "documents.db"
        let rows = try db.vaultRead(path: dbPath) { db -> [DocumentRow] in
            for line in try String.fetchAll(db, sql: "PRAGMA integrity_check") where line != "ok" {
                report.problem(store, store, "SQLite integrity: \(line)")
            }
            return try DocumentRow.fetchAll(db)
        }
        // Links, FIFOs, devices under the store's names: left alone, and
        // never followed (reading a FIFO would hang the check).
        for file in try foreignFiles() {
            report.problem(store, file.name, "it is \(file.what), not a file casevault wrote; it was left alone (nothing was read "
                           + "or written through it): look at it, then move it out of the vault")
        }
        // Not the trace of a crash (adds and removes name their files so the
        // next open finishes them): documents.db lost these rows.
        for name in try unreferencedFiles() {
            report.problem(store, "documents/\(name)", "no row of documents.db refers to this ciphertext file (was documents.db "
                           + "replaced by an older copy?); it was kept, since only that row holds the key that opens it")
        }
        for row in rows {
            let name = "document \(String(Data(row.id).map { String(format: "%02x", $0) }.joined().prefix(8)))"
            do {
                let doc = try open(row)
                try verify(doc, progress: nil)
            } catch let e as CaseVaultError {
                switch e {
                // Removed during the check (verify says so even when the
                // file was shredded while it was being read): no problem.
                case .notFound: continue
                case .integrity(_, let detail): report.problem(store, name, detail)
                case .unsafeVault(let path, let reason, _): report.problem(store, name, "its ciphertext file \(path): \(reason)")
                default: throw e
                }
            }
            report.count("documents")
        }
    }
}
