import CSodium

/// XChaCha20-Poly1305 (IETF) authenticated encryption with associated data.
///
/// The 192-bit nonce is drawn at random for every message, which is safe for
/// any realistic number of messages under one key; callers store it beside the
/// ciphertext.
public enum XChaCha20Poly1305 {
    public static let keyBytes = Int(crypto_aead_xchacha20poly1305_ietf_keybytes())
    public static let nonceBytes = Int(crypto_aead_xchacha20poly1305_ietf_npubbytes())
    public static let tagBytes = Int(crypto_aead_xchacha20poly1305_ietf_abytes())

    /// A sealed message: the random nonce and the ciphertext with its tag.
    public struct Sealed: Sendable, Equatable {
        public var nonce: [UInt8]
        public var ciphertext: [UInt8]
        public init(nonce: [UInt8], ciphertext: [UInt8]) {
            self.nonce = nonce
            self.ciphertext = ciphertext
        }
    }

    /// Encrypts `plaintext` under `key` with a fresh random nonce.
    public static func seal(_ plaintext: [UInt8], associatedData ad: [UInt8], key: SecureBytes) throws -> Sealed {
        let nonce = Random.bytes(nonceBytes)
        let ct = try seal(plaintext, associatedData: ad, nonce: nonce, key: key)
        return Sealed(nonce: nonce, ciphertext: ct)
    }

    /// Encrypts with a caller-chosen nonce (known-answer tests only: a nonce must never repeat under one key).
    public static func seal(_ plaintext: [UInt8], associatedData ad: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        Sodium.ensureInitialized()
        try check(key: key, nonce: nonce)
        var out = [UInt8](repeating: 0, count: plaintext.count + tagBytes)
        var outLen: UInt64 = 0
        let rc = key.withUnsafeBytes { k in
            crypto_aead_xchacha20poly1305_ietf_encrypt(
                &out, &outLen, plaintext, UInt64(plaintext.count),
                ad, UInt64(ad.count), nil, nonce, k.bindMemory(to: UInt8.self).baseAddress!)
        }
        guard rc == 0 else { throw SodiumError.failed("xchacha20poly1305 encrypt") }
        return out
    }

    /// Decrypts and authenticates; throws `SodiumError.authenticationFailed`
    /// if the key is wrong or anything (ciphertext, tag, nonce, associated data) changed.
    public static func open(_ sealed: Sealed, associatedData ad: [UInt8], key: SecureBytes) throws -> [UInt8] {
        Sodium.ensureInitialized()
        try check(key: key, nonce: sealed.nonce)
        guard sealed.ciphertext.count >= tagBytes else { throw SodiumError.authenticationFailed }
        var out = [UInt8](repeating: 0, count: sealed.ciphertext.count - tagBytes)
        var outLen: UInt64 = 0
        let rc = key.withUnsafeBytes { k in
            crypto_aead_xchacha20poly1305_ietf_decrypt(
                &out, &outLen, nil, sealed.ciphertext, UInt64(sealed.ciphertext.count),
                ad, UInt64(ad.count), sealed.nonce, k.bindMemory(to: UInt8.self).baseAddress!)
        }
        guard rc == 0 else { throw SodiumError.authenticationFailed }
        return out
    }

    /// Decrypts into secure memory (for wrapped keys).
    public static func openSecure(_ sealed: Sealed, associatedData ad: [UInt8], key: SecureBytes) throws -> SecureBytes {
        Sodium.ensureInitialized()
        try check(key: key, nonce: sealed.nonce)
        guard sealed.ciphertext.count >= tagBytes else { throw SodiumError.authenticationFailed }
        let out = try SecureBytes(count: sealed.ciphertext.count - tagBytes)
        var outLen: UInt64 = 0
        let rc = out.withUnsafeMutableBytes { o in
            key.withUnsafeBytes { k in
                crypto_aead_xchacha20poly1305_ietf_decrypt(
                    o.bindMemory(to: UInt8.self).baseAddress!, &outLen, nil, sealed.ciphertext, UInt64(sealed.ciphertext.count),
                    ad, UInt64(ad.count), sealed.nonce, k.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        guard rc == 0 else { throw SodiumError.authenticationFailed }
        return out
    }

    /// Encrypts secret bytes (a key being wrapped) without copying them out of secure memory.
    public static func sealSecure(_ plaintext: SecureBytes, associatedData ad: [UInt8], key: SecureBytes) throws -> Sealed {
        Sodium.ensureInitialized()
        let nonce = Random.bytes(nonceBytes)
        try check(key: key, nonce: nonce)
        var out = [UInt8](repeating: 0, count: plaintext.count + tagBytes)
        var outLen: UInt64 = 0
        let rc = plaintext.withUnsafeBytes { m in
            key.withUnsafeBytes { k in
                crypto_aead_xchacha20poly1305_ietf_encrypt(
                    &out, &outLen, m.bindMemory(to: UInt8.self).baseAddress!, UInt64(m.count),
                    ad, UInt64(ad.count), nil, nonce, k.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        guard rc == 0 else { throw SodiumError.failed("xchacha20poly1305 encrypt") }
        return Sealed(nonce: nonce, ciphertext: out)
    }

    private static func check(key: SecureBytes, nonce: [UInt8]) throws {
        guard key.count == keyBytes else { throw SodiumError.invalidLength(what: "key", expected: keyBytes, actual: key.count) }
        guard nonce.count == nonceBytes else { throw SodiumError.invalidLength(what: "nonce", expected: nonceBytes, actual: nonce.count) }
    }
}
