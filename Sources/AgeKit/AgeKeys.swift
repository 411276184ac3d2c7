import SodiumKit

/// The file key and the keys age derives from it.
enum AgeKeys {
    static let fileKeyBytes = FileKey.byteCount
    static let payloadNonceBytes = 16

    /// A fresh 128-bit file key; one per file, never reused (spec: File key).
    static func newFileKey() throws -> FileKey { try FileKey.random() }

    /// HMAC-SHA-256 over the header up to `---` under HKDF(file key, "", "header").
    static func headerMAC(fileKey: FileKey, header: [UInt8]) throws -> [UInt8] {
        let key = try HKDF.deriveKey(ikm: fileKey.secureBytes, salt: [], info: Array("header".utf8))
        return try HMACSHA256.mac(key: key, message: header)
    }

    /// The payload key HKDF(file key, nonce, "payload"). The random 16-byte
    /// nonce makes the payload key unique per file even if a file key repeated.
    static func payloadKey(fileKey: FileKey, nonce: [UInt8]) throws -> SecureBytes {
        try HKDF.deriveKey(ikm: fileKey.secureBytes, salt: nonce, info: Array("payload".utf8))
    }

    /// Stanza bodies use ChaCha20-Poly1305 with an all-zero nonce: safe
    /// because every wrap key is used exactly once (it is derived from a fresh
    /// ephemeral secret or a fresh salt).
    static let zeroNonce = [UInt8](repeating: 0, count: 12)

    static func wrap(fileKey: FileKey, with key: SecureBytes) throws -> [UInt8] {
        try ChaCha20Poly1305IETF.sealSecure(fileKey.secureBytes, nonce: zeroNonce, key: key)
    }

    /// Nil when the body does not authenticate under `key`.
    static func unwrap(body: [UInt8], with key: SecureBytes) throws -> FileKey? {
        do {
            return try FileKey(try ChaCha20Poly1305IETF.openSecure(body, nonce: zeroNonce, key: key))
        } catch SodiumError.authenticationFailed {
            return nil
        }
    }
}
