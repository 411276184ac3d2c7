import Foundation
import GRDB

/// One row of `documents` in documents.db: only an id and two sealed blobs.
///
/// Nothing in the row is readable without the documents subkey: the wrapped
/// per-document key and the sealed metadata. The id is random. The row holds
/// no foreign key to, and no copy of, anything on the codes side.
struct DocumentRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "documents"

    var id: Data
    var keyNonce: Data
    var keySealed: Data
    var metaNonce: Data
    var metaSealed: Data

    enum Columns {
        static let id = Column(CodingKeys.id)
    }

    enum CodingKeys: String, CodingKey {
        case id
        case keyNonce = "key_nonce"
        case keySealed = "key_sealed"
        case metaNonce = "meta_nonce"
        case metaSealed = "meta_sealed"
    }

    /// The forward-only schema history of documents.db. A shipped migration
    /// is never edited, so each names its tables literally.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-documents") { db in
            try db.create(table: "documents") { t in
                t.column("id", .blob).primaryKey().check { length($0) == 16 }
                t.column("key_nonce", .blob).notNull()
                t.column("key_sealed", .blob).notNull()
                t.column("meta_nonce", .blob).notNull()
                t.column("meta_sealed", .blob).notNull()
            }
        }
        m.registerMigration("v2-documents: key generation and re-keying") { db in
            try db.create(table: "store_meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .blob).notNull()
            }
            // `rekey`: documents' rows re-sealed under the next documents key (DocumentStore+Rekey).
            try db.create(table: "rekey") { t in
                t.column("id", .blob).primaryKey().check { length($0) == 16 }
                t.column("key_nonce", .blob).notNull()
                t.column("key_sealed", .blob).notNull()
                t.column("meta_nonce", .blob).notNull()
                t.column("meta_sealed", .blob).notNull()
            }
        }
        return m
    }
}
