extension Vault {
    /// The vault's document store, keyed by the documents subkey only.
    ///
    /// Opening the vault, or using codes and identifiers, never calls this:
    /// documents.db and documents/ are touched only by document commands
    /// (and `status`, for expiry warnings).
    public func documents() throws -> DocumentStore {
        try DocumentStore(directory: location.directory, vaultID: vaultID, key: try subkey(for: .documents))
    }
}
