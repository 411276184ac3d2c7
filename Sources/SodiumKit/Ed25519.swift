import CSodium

/// Ed25519 signatures (`crypto_sign_*`, RFC 8032), detached.
///
/// The signing key is kept as its 32-byte seed in secure memory (what the
/// vault stores) and expanded into libsodium's 64-byte secret key, also in
/// secure memory, for as long as the key is in use. Verification needs only
/// public data.
public final class Ed25519SigningKey: @unchecked Sendable {
    public static let seedBytes = Int(crypto_sign_seedbytes())
    public static let publicKeyBytes = Int(crypto_sign_publickeybytes())
    public static let signatureBytes = Int(crypto_sign_bytes())
    static let secretKeyBytes = Int(crypto_sign_secretkeybytes())

    private let secretKey: SecureBytes
    /// The public half: what a verifier needs.
    public let publicKey: [UInt8]

    /// The key pair for `seed` (`crypto_sign_seed_keypair`): the same seed always gives the same pair.
    public init(seed: SecureBytes) throws {
        Sodium.ensureInitialized()
        guard seed.count == Self.seedBytes else {
            throw SodiumError.invalidLength(what: "ed25519 seed", expected: Self.seedBytes, actual: seed.count)
        }
        let sk = try SecureBytes(count: Self.secretKeyBytes)
        var pk = [UInt8](repeating: 0, count: Self.publicKeyBytes)
        let rc = sk.withUnsafeMutableBytes { s in
            seed.withUnsafeBytes { d in
                crypto_sign_seed_keypair(&pk, s.bindMemory(to: UInt8.self).baseAddress!, d.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        guard rc == 0 else { throw SodiumError.failed("crypto_sign_seed_keypair") }
        secretKey = sk
        publicKey = pk
    }

    /// A fresh random seed in secure memory.
    public static func generateSeed() throws -> SecureBytes {
        try SecureBytes.random(count: seedBytes)
    }

    /// The detached signature of `message` (`crypto_sign_detached`).
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        var sig = [UInt8](repeating: 0, count: Self.signatureBytes)
        var sigLen: UInt64 = 0
        let rc = secretKey.withUnsafeBytes { s in
            crypto_sign_detached(&sig, &sigLen, message, UInt64(message.count), s.bindMemory(to: UInt8.self).baseAddress!)
        }
        guard rc == 0, sigLen == UInt64(Self.signatureBytes) else { throw SodiumError.failed("crypto_sign_detached") }
        return sig
    }
}

/// Verification of Ed25519 signatures against a public key.
public enum Ed25519 {
    /// Throws `SodiumError.badSignature` unless `signature` is `publicKey`'s
    /// signature of exactly `message` (`crypto_sign_verify_detached`, which
    /// also rejects non-canonical and small-order keys and signatures).
    public static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) throws {
        Sodium.ensureInitialized()
        guard publicKey.count == Ed25519SigningKey.publicKeyBytes else {
            throw SodiumError.invalidLength(what: "ed25519 public key", expected: Ed25519SigningKey.publicKeyBytes, actual: publicKey.count)
        }
        guard signature.count == Ed25519SigningKey.signatureBytes else { throw SodiumError.badSignature }
        let rc = crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey)
        guard rc == 0 else { throw SodiumError.badSignature }
    }
}
