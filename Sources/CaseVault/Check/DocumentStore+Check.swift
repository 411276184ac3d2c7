import Foundation
import GRDB

extension DocumentStore: VaultCheckable {
    /// SQLite integrity of documents.db, then every row's metadata and wrapped
    /// key, then every chunk of every document (decrypted and authenticated,
    /// the final tag, the size and the SHA-256), writing nothing.
    public func check(into report: inout CheckReport) throws {
        let store = "documents.db"
        let rows = try db.vaultRead(path: dbPath) { db -> [DocumentRow] in
            for line in try String.fetchAll(db, sql: "PRAGMA integrity_check") where line != "ok" {
                report.problem(store, store, "SQLite integrity: \(line)")
            }
            return try DocumentRow.fetchAll(db)
        }
        for row in rows {
            report.count("documents")
            let name = "document \(String(Data(row.id).map { String(format: "%02x", $0) }.joined().prefix(8)))"
            do {
                let doc = try open(row)
                try verify(doc, progress: nil)
            } catch let e as CaseVaultError {
                switch e {
                case .integrity(_, let detail): report.problem(store, name, detail)
                case .notFound: report.problem(store, name, "its row disappeared during the check")
                default: throw e
                }
            }
        }
    }
}
