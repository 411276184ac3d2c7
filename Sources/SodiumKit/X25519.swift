import CSodium

/// X25519 Diffie-Hellman (RFC 7748) with `crypto_scalarmult`.
public enum X25519 {
    public static let scalarBytes = Int(crypto_scalarmult_scalarbytes())
    public static let pointBytes = Int(crypto_scalarmult_bytes())

    /// A fresh random secret scalar in secure memory.
    public static func generateSecret() throws -> SecureBytes {
        try SecureBytes.random(count: scalarBytes)
    }

    /// The public point for a secret scalar (`crypto_scalarmult_base`).
    public static func publicKey(secret: SecureBytes) throws -> [UInt8] {
        Sodium.ensureInitialized()
        guard secret.count == scalarBytes else { throw SodiumError.invalidLength(what: "x25519 secret", expected: scalarBytes, actual: secret.count) }
        var out = [UInt8](repeating: 0, count: pointBytes)
        let rc = secret.withUnsafeBytes { s in crypto_scalarmult_base(&out, s.bindMemory(to: UInt8.self).baseAddress!) }
        guard rc == 0 else { throw SodiumError.failed("scalarmult_base") }
        return out
    }

    /// The shared secret between `secret` and a peer's public point.
    ///
    /// Throws `SodiumError.invalidPublicKey` when the result is all zeros: a
    /// low-order peer point forces that value whatever our secret is, so a
    /// key derived from it would be known to anyone (RFC 7748, section 6.1).
    /// libsodium reports that case itself; the zero check is repeated here so
    /// the guarantee does not depend on the library build.
    public static func sharedSecret(secret: SecureBytes, publicKey: [UInt8]) throws -> SecureBytes {
        Sodium.ensureInitialized()
        guard secret.count == scalarBytes else { throw SodiumError.invalidLength(what: "x25519 secret", expected: scalarBytes, actual: secret.count) }
        guard publicKey.count == pointBytes else { throw SodiumError.invalidLength(what: "x25519 public key", expected: pointBytes, actual: publicKey.count) }
        let out = try SecureBytes(count: pointBytes)
        let rc = out.withUnsafeMutableBytes { o in
            secret.withUnsafeBytes { s in
                crypto_scalarmult(o.bindMemory(to: UInt8.self).baseAddress!, s.bindMemory(to: UInt8.self).baseAddress!, publicKey)
            }
        }
        let isZero = out.withUnsafeBytes { sodium_is_zero($0.bindMemory(to: UInt8.self).baseAddress!, $0.count) == 1 }
        guard rc == 0, !isZero else { throw SodiumError.invalidPublicKey }
        return out
    }
}
