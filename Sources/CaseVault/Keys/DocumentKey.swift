import SodiumKit

/// One document's own stream key (secretstream), random per document,
/// wrapped in its documents.db row under the documents subkey. A rotation
/// re-wraps it; the document file never changes.
struct DocumentKey {
    let secureBytes: SecureBytes

    /// A new key for a new document.
    static func generate() throws -> DocumentKey {
        DocumentKey(secureBytes: try SecretStream.generateKey())
    }
}
