import Foundation

extension Vault {
    /// The vault's document store, keyed by the documents subkey only.
    ///
    /// Opening the vault, or using codes and identifiers, never calls this:
    /// documents.db and documents/ are touched only by document commands
    /// (and `status`, for expiry warnings).
    public func documents() throws -> DocumentStore {
        try DocumentStore(vaultDirectory: directory, vaultID: vaultID, key: try subkey(for: .documents), generation: generation)
    }
}

extension Vault {
    /// The document store if one was ever created, without creating it
    /// (for `status`, which must not add files to a vault that has no documents).
    /// Stored document files without documents.db count as a store, so
    /// `check` reports the lost index instead of "Everything checks".
    public func existingDocuments() throws -> DocumentStore? {
        guard !hasDocumentsDatabase else { return try documents() }
        let blobs = try directory.subdirectory(DocumentStore.blobDirectoryName, create: false)
        let hasFiles = try blobs.map { try !DocumentStore.storedFileNames(in: $0).isEmpty } ?? false
        return hasFiles ? try documents() : nil
    }

    /// Whether documents.db exists (under that name: a link counts, and is refused on open).
    var hasDocumentsDatabase: Bool { directory.entry(DocumentStore.databaseName) != nil }
}
