import Crypto
import Foundation
import SodiumKit

/// HPKE (RFC 9180) base mode with the X-Wing KEM (ML-KEM-768 + X25519),
/// HKDF-SHA-256 and ChaCha20-Poly1305: the key wrap of age's post-quantum
/// `mlkem768x25519` recipients, through swift-crypto (BoringSSL underneath).
///
/// Why swift-crypto here, when libsodium provides every other primitive:
/// libsodium 1.0.18 (the one Debian ships) has no ML-KEM at all, and a
/// hand-written ML-KEM would be new cryptographic code with no review.
/// swift-crypto's X-Wing is BoringSSL's, and it is the same KEM age's Go
/// implementation uses. Only this file calls it (scripts/check-layers.sh).
///
/// Secrets: the identity's 32-byte seed stays in SecureBytes and is handed
/// to swift-crypto as a borrowed pointer, never copied into `Data` by us.
/// swift-crypto's private key object (the seed expanded into the ML-KEM and
/// X25519 secrets) lives in ordinary heap memory that it does not wipe when
/// freed; it exists only for the duration of one `open`, a known limit
/// (docs/design.md). The shared secret and HPKE keys are swift-crypto
/// `SymmetricKey`s, which it zeroes on release. The opened file key comes
/// back as `Data`: it is copied into SecureBytes and the `Data` wiped.
public enum XWingHPKE {
    /// An X-Wing public key: ML-KEM-768 encapsulation key (1184) + X25519 (32).
    public static let publicKeyBytes = 1216
    /// An X-Wing encapsulated key (HPKE `enc`): ML-KEM-768 ciphertext (1088) + X25519 share (32).
    public static let encapsulatedKeyBytes = 1120
    /// An X-Wing private key in its seed form.
    public static let seedBytes = 32
    /// The ChaCha20-Poly1305 tag HPKE appends to each sealed message.
    public static let tagBytes = 16

    /// Why an HPKE operation failed (never carries key material).
    public enum Failure: Error, Equatable, Sendable {
        /// The public key is not 1216 bytes or not a valid X-Wing key.
        case invalidPublicKey
        /// The seed is not 32 bytes.
        case invalidSeed
        /// The encapsulated key is not 1120 bytes or was refused by the KEM.
        case invalidEncapsulatedKey
        /// The ciphertext did not authenticate: another key, or tampered.
        case authenticationFailed
    }

    /// The ciphersuite age names: built by hand, because swift-crypto's only
    /// predefined X-Wing suite uses AES-256-GCM.
    static let suite = HPKE.Ciphersuite(kem: .XWingMLKEM768X25519, kdf: .HKDF_SHA256, aead: .chaChaPoly)

    /// The 1216-byte public key of the private key whose seed is `seed`.
    public static func publicKey(seed: SecureBytes) throws -> [UInt8] {
        let key = try privateKey(seed: seed)
        return Array(key.publicKey.rawRepresentation)
    }

    /// A new random seed (32 bytes from libsodium's CSPRNG, in secure memory).
    public static func generateSeed() throws -> SecureBytes {
        try SecureBytes.random(count: seedBytes)
    }

    /// Checks that `publicKey` is an X-Wing public key: the right length, and
    /// an ML-KEM-768 encapsulation key BoringSSL can encapsulate to (its
    /// modulus check runs only when encapsulating, so this encapsulates once
    /// and throws the result away).
    public static func validate(publicKey: [UInt8]) throws {
        let key = try parsePublicKey(publicKey)
        do { _ = try key.encapsulate() } catch { throw Failure.invalidPublicKey }
    }

    /// SealBase(pkR, info, aad = "", plaintext): returns the encapsulated
    /// key `enc` and the ciphertext (plaintext + 16-byte tag). Each call
    /// encapsulates afresh: a new ephemeral X25519 key and ML-KEM randomness.
    public static func seal(_ plaintext: SecureBytes, to publicKey: [UInt8], info: [UInt8]) throws
        -> (encapsulatedKey: [UInt8], ciphertext: [UInt8]) {
        let recipient = try parsePublicKey(publicKey)
        var sender: HPKE.Sender
        do {
            sender = try HPKE.Sender(recipientKey: recipient, ciphersuite: suite, info: Data(info))
        } catch {
            // BoringSSL refuses an encapsulation key whose coefficients are
            // out of range (the ML-KEM modulus check) only when encapsulating.
            throw Failure.invalidPublicKey
        }
        let sealed = try plaintext.withUnsafeBytes { try sender.seal($0, authenticating: Data()) }
        return (Array(sender.encapsulatedKey), Array(sealed))
    }

    /// OpenBase(enc, skR, info, aad = "", ciphertext): the plaintext in
    /// secure memory, or `.authenticationFailed`. X-Wing decapsulation never
    /// fails on a wrong key (implicit rejection): a stanza for someone else
    /// fails here, at the AEAD, like a tampered one.
    public static func open(_ ciphertext: [UInt8], encapsulatedKey: [UInt8], seed: SecureBytes, info: [UInt8]) throws -> SecureBytes {
        guard encapsulatedKey.count == encapsulatedKeyBytes else { throw Failure.invalidEncapsulatedKey }
        var recipient: HPKE.Recipient
        do {
            // The private key object exists only inside this scope.
            let key = try privateKey(seed: seed)
            recipient = try HPKE.Recipient(privateKey: key, ciphersuite: suite, info: Data(info),
                                           encapsulatedKey: Data(encapsulatedKey))
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.invalidEncapsulatedKey
        }
        var opened: Data
        do { opened = try recipient.open(ciphertext, authenticating: Data()) } catch { throw Failure.authenticationFailed }
        defer { opened.withUnsafeMutableBytes { Bytes.wipe(raw: $0) } }
        let out = try SecureBytes(count: opened.count)
        out.withUnsafeMutableBytes { dst in opened.withUnsafeBytes { src in if src.count > 0 { dst.copyMemory(from: src) } } }
        return out
    }

    /// swift-crypto's private key from the seed, read straight from secure memory.
    private static func privateKey(seed: SecureBytes) throws -> XWingMLKEM768X25519.PrivateKey {
        guard seed.count == seedBytes else { throw Failure.invalidSeed }
        do {
            return try seed.withUnsafeBytes { try XWingMLKEM768X25519.PrivateKey(seedRepresentation: $0, publicKey: nil) }
        } catch {
            throw Failure.invalidSeed
        }
    }

    private static func parsePublicKey(_ bytes: [UInt8]) throws -> XWingMLKEM768X25519.PublicKey {
        guard bytes.count == publicKeyBytes else { throw Failure.invalidPublicKey }
        do { return try XWingMLKEM768X25519.PublicKey(rawRepresentation: bytes) } catch { throw Failure.invalidPublicKey }
    }
}
