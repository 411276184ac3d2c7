import Foundation
import GRDB
import SodiumKit

/// The encrypted store of document scans, apart from codes and identifiers.
///
/// Layout under the vault directory (docs/documents.md):
/// - `documents.db`: one row per document: its id, its per-document key
///   wrapped by the documents subkey, and its sealed metadata.
/// - `documents/<id hex>.cvdoc`: the document's ciphertext (DocumentFormat).
///
/// The store is given the documents subkey and nothing of the codes side; it
/// never opens vault.db. An add writes the ciphertext to a temporary name,
/// fsyncs it and the directory, commits the row, then renames the file: a
/// document is visible exactly when its row exists, and its file is complete
/// by then. The next open of a store with no add or remove in progress
/// finishes what a killed one left (DocumentStore+Files).
public final class DocumentStore {
    /// Plaintext bytes per chunk of new documents (DocumentFormat).
    public static let defaultChunkSize = DocumentFormat.defaultChunkSize

    public let directory: URL
    let vaultID: [UInt8]
    /// The documents subkey.
    let key: PurposeKey
    /// The vault's key generation this store's key belongs to (nil: format 1).
    let generation: [UInt8]?
    let chunkSize: Int
    let db: DatabaseQueue
    let dbPath: String
    /// The vault directory and `documents/`, checked and held open: every
    /// file of the store is opened relative to them, never through a link
    /// (VaultDirectory).
    let vaultDirectory: VaultDirectory
    let blobs: VaultDirectory
    var blobDirectory: String { blobs.path }
    let lock: DocumentLock

    static let databaseName = "documents.db"
    static let blobDirectoryName = "documents"

    /// Opens (creating if needed) the document store of the vault at `directory`.
    /// `key` is the vault's documents subkey. `chunkSize` is for tests.
    public convenience init(directory: URL, vaultID: [UInt8], key: PurposeKey, generation: [UInt8]? = nil,
                            chunkSize: Int = DocumentStore.defaultChunkSize) throws {
        guard let dir = try VaultDirectory.open(directory.path) else { throw CaseVaultError.noVault(path: directory.path) }
        try self.init(vaultDirectory: dir, vaultID: vaultID, key: key, generation: generation, chunkSize: chunkSize)
    }

    init(vaultDirectory: VaultDirectory, vaultID: [UInt8], key: PurposeKey, generation: [UInt8]? = nil,
         chunkSize: Int = DocumentStore.defaultChunkSize) throws {
        guard vaultID.count == 16 else { throw CaseVaultError.invalidInput(field: "vault id", reason: "must be 16 bytes", expected: "16 bytes") }
        guard key.purpose == .documents, key.secureBytes.count == XChaCha20Poly1305.keyBytes else {
            throw CaseVaultError.invalidInput(field: "documents key", reason: "wrong length", expected: "\(XChaCha20Poly1305.keyBytes) bytes")
        }
        precondition(DocumentFormat.chunkSizeRange.contains(chunkSize))
        self.directory = URL(fileURLWithPath: vaultDirectory.path)
        self.vaultDirectory = vaultDirectory
        self.vaultID = vaultID
        self.key = key
        self.generation = generation
        self.chunkSize = chunkSize
        dbPath = vaultDirectory.subpath(Self.databaseName)
        guard let blobs = try vaultDirectory.subdirectory(Self.blobDirectoryName, create: true) else {
            throw CaseVaultError.io(operation: "create", path: vaultDirectory.subpath(Self.blobDirectoryName), reason: "cannot create the directory")
        }
        self.blobs = blobs
        lock = try DocumentLock(in: blobs)
        if vaultDirectory.entry(Self.databaseName) == nil { try Self.refuseLostIndex(blobs: blobs) }
        db = try SQLiteFile.open(Self.databaseName, in: vaultDirectory)
        do {
            if try !db.read({ try $0.tableExists(DocumentRow.databaseTableName) }) { try Self.refuseLostIndex(blobs: blobs) }
            try DocumentRow.migrator.migrate(db)
        } catch let e as DatabaseError {
            throw SQLiteFile.mapped(e, path: dbPath, operation: "open")
        }
        try SQLiteFile.tightenModes(Self.databaseName, in: vaultDirectory)
        try reconcileGeneration()
        try finishInterruptedChanges()
    }

    // MARK: - Reading the index

    /// Every document, oldest first. Fails on the first row that does not authenticate.
    public func list() throws -> [Document] {
        let rows = try db.vaultRead(path: dbPath) { try DocumentRow.fetchAll($0) }
        return try rows.map(open).sorted { $0.metadata.addedAt < $1.metadata.addedAt }
    }

    /// The document whose label is `name`, else whose id starts with `name`
    /// (at least 4 hex digits). Ambiguous prefixes are refused.
    public func resolve(_ name: String) throws -> Document {
        let all = try list()
        if let byLabel = all.first(where: { $0.metadata.label == name }) { return byLabel }
        let prefix = name.lowercased()
        if prefix.count >= 4, prefix.allSatisfy({ $0.isHexDigit }) {
            let hits = all.filter { $0.idHex.hasPrefix(prefix) }
            if hits.count == 1 { return hits[0] }
            if hits.count > 1 {
                throw CaseVaultError.invalidInput(field: "document id '\(name)'", reason: "matches \(hits.count) documents",
                                                  expected: "more digits of the id, or the label")
            }
        }
        throw CaseVaultError.notFound(what: "document", name: name)
    }

    /// Documents that expire within `days` days of `today` (or already expired), soonest first.
    public func expiring(within days: Int, today: CalendarDay = .today()) throws -> [Document] {
        try list().filter { d in d.daysUntilExpiry(from: today).map { $0 <= days } ?? false }
            .sorted { ($0.metadata.expires ?? today) < ($1.metadata.expires ?? today) }
    }

    // MARK: - Row sealing

    /// Decrypts a row's metadata; an integrity error names the row.
    func open(_ row: DocumentRow) throws -> Document {
        let id = [UInt8](row.id)
        let record = "documents.db row \(String(Bytes.hex(id).prefix(8)))"
        let plain: [UInt8]
        do {
            plain = try XChaCha20Poly1305.open(.init(nonce: [UInt8](row.metaNonce), ciphertext: [UInt8](row.metaSealed)),
                                               associatedData: DocumentFormat.metadataAD(vaultID: vaultID, documentID: id), key: key.secureBytes)
        } catch {
            throw CaseVaultError.integrity(record: record, detail: "the metadata failed authentication (changed, moved, or from another vault)")
        }
        guard let json = Bytes.unpad(plain, blockSize: DocumentMetadata.padBlock),
              let meta = try? DocumentStore.decoder.decode(DocumentMetadata.self, from: Data(json)) else {
            throw CaseVaultError.integrity(record: record, detail: "the metadata does not decode")
        }
        return Document(id: id, metadata: meta)
    }

    /// Unwraps a document's own stream key.
    func documentKey(_ doc: Document) throws -> DocumentKey {
        let record = "documents.db row \(doc.shortID)"
        guard let row = try db.vaultRead(path: dbPath, { try DocumentRow.fetchOne($0, key: Data(doc.id)) }) else {
            throw CaseVaultError.notFound(what: "document", name: doc.shortID)
        }
        return try documentKey(row: row, record: record)
    }

    /// Unwraps the stream key held in `row` (a backup reads rows in its own snapshot).
    func documentKey(row: DocumentRow, record: String? = nil) throws -> DocumentKey {
        let id = [UInt8](row.id)
        do {
            return DocumentKey(secureBytes: try XChaCha20Poly1305.openSecure(.init(nonce: [UInt8](row.keyNonce), ciphertext: [UInt8](row.keySealed)),
                                                    associatedData: DocumentFormat.keyAD(vaultID: vaultID, documentID: id), key: key.secureBytes))
        } catch {
            throw CaseVaultError.integrity(record: record ?? "documents.db row \(String(Bytes.hex(id).prefix(8)))",
                                           detail: "the wrapped document key failed authentication")
        }
    }

    /// Builds the row for a new document: wraps its key, seals its metadata.
    func sealRow(id: [UInt8], documentKey: DocumentKey, metadata: DocumentMetadata) throws -> DocumentRow {
        let wrapped = try XChaCha20Poly1305.sealSecure(documentKey.secureBytes, associatedData: DocumentFormat.keyAD(vaultID: vaultID, documentID: id), key: key.secureBytes)
        let json = try [UInt8](DocumentStore.encoder.encode(metadata))
        let meta = try XChaCha20Poly1305.seal(Bytes.pad(json, blockSize: DocumentMetadata.padBlock),
                                              associatedData: DocumentFormat.metadataAD(vaultID: vaultID, documentID: id), key: key.secureBytes)
        return DocumentRow(id: Data(id), keyNonce: Data(wrapped.nonce), keySealed: Data(wrapped.ciphertext),
                           metaNonce: Data(meta.nonce), metaSealed: Data(meta.ciphertext))
    }

    func blobName(_ id: [UInt8]) -> String {
        "\(Bytes.hex(id)).\(DocumentFormat.fileExtension)"
    }

    func blobPath(_ id: [UInt8]) -> String { blobs.subpath(blobName(id)) }

    /// Document metadata (sealed): sorted keys only, as since the first release.
    static let encoder = VaultJSON.encoder(.sortedKeys)
    static let decoder = VaultJSON.decoder()
}
