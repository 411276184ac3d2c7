import Foundation

extension Vault {
    /// The vault's document store, keyed by the documents subkey only.
    ///
    /// Opening the vault, or using codes and identifiers, never calls this:
    /// documents.db and documents/ are touched only by document commands
    /// (and `status`, for expiry warnings).
    public func documents() throws -> DocumentStore {
        try DocumentStore(directory: location.directory, vaultID: vaultID, key: try subkey(for: .documents), generation: generation)
    }
}

extension Vault {
    /// The document store if one was ever created, without creating it
    /// (for `status`, which must not add files to a vault that has no documents).
    /// Stored document files without documents.db count as a store, so
    /// `check` reports the lost index instead of "Everything checks".
    public func existingDocuments() throws -> DocumentStore? {
        let hasFiles = !DocumentStore.storedFileNames(in: location.documentsDirectory.path).isEmpty
        return FileManager.default.fileExists(atPath: location.documentsDatabase.path) || hasFiles ? try documents() : nil
    }
}
