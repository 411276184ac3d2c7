import SodiumKit
import SwiftCryptoKit

/// A post-quantum identity: `AGE-SECRET-KEY-PQ-1...`, the 32-byte X-Wing
/// seed, which lives in secure memory.
///
/// swift-crypto's private key object (the seed expanded) is made only for
/// the length of one call (deriving the recipient once here, then one per
/// stanza in `unwrap`), never kept (see `XWingHPKE`).
public final class MLKEMX25519Identity: AgeIdentity, AgeSecretKeyIdentity {
    static let hrp = "AGE-SECRET-KEY-PQ-"

    let seed: SecureBytes
    /// The matching recipient.
    public let recipient: MLKEMX25519Recipient

    /// A new random identity.
    public static func generate() throws -> MLKEMX25519Identity {
        try MLKEMX25519Identity(seed: XWingHPKE.generateSeed())
    }

    /// An identity from its 32-byte seed.
    public init(seed: SecureBytes) throws {
        guard seed.count == XWingHPKE.seedBytes else { throw AgeError.invalidIdentity("a post-quantum secret key is 32 bytes") }
        self.seed = seed
        recipient = try MLKEMX25519Recipient(publicKey: XWingHPKE.publicKey(seed: seed))
    }

    /// Parses `AGE-SECRET-KEY-PQ-1...` held in secure memory at
    /// `offset..<offset+count`. Only the uppercase form is accepted, as age does.
    public convenience init(parsing text: SecureBytes, offset: Int = 0, count: Int? = nil) throws {
        let length = count ?? text.count - offset
        let decoded: (hrp: String, data: SecureBytes)
        do { decoded = try Bech32.decodeSecure(text, offset: offset, count: length) } catch let e as Bech32Failure {
            throw AgeError.invalidIdentity("not a valid AGE-SECRET-KEY-PQ-1... string (\(e.reason))")
        }
        guard decoded.hrp == Self.hrp else { throw AgeError.invalidIdentity("not an AGE-SECRET-KEY-PQ-1... identity") }
        guard decoded.data.count == XWingHPKE.seedBytes else { throw AgeError.invalidIdentity("the identity does not hold a 32-byte key") }
        try self.init(seed: decoded.data)
    }

    /// `AGE-SECRET-KEY-PQ-1...` in secure memory.
    public func encoded() throws -> SecureBytes {
        try Bech32.encodeSecure(hrp: Self.hrp, data: seed)
    }

    public var publicKeyRecipient: any AgePublicKeyRecipient { recipient }

    public func unwrap(stanzas: [AgeStanza]) throws -> FileKey {
        // Stanzas of other types are skipped (spec): a file to several
        // recipients has one stanza each, and a classic stanza beside ours
        // is the sender's choice, not a fault of the file.
        for stanza in stanzas where stanza.type == MLKEMX25519Recipient.stanzaType {
            // Spec: reject (not skip) a stanza of our type with the wrong
            // shape, each defect by name, and check the body length before
            // any decryption, so a partitioning oracle cannot probe many
            // keys with one ciphertext.
            guard stanza.arguments.count == 1 else { throw AgeError.postQuantumStanzaArgumentCount(stanza.arguments.count) }
            guard let enc = Base64.decode(stanza.arguments[0]) else { throw AgeError.postQuantumEncapsulatedKeyNotBase64 }
            guard enc.count == XWingHPKE.encapsulatedKeyBytes else { throw AgeError.postQuantumEncapsulatedKeyLength(enc.count) }
            guard stanza.body.count == AgeKeys.fileKeyBytes + XWingHPKE.tagBytes else {
                throw AgeError.postQuantumBodyLength(stanza.body.count)
            }
            do {
                return try FileKey(try XWingHPKE.open(stanza.body, encapsulatedKey: enc, seed: seed, info: MLKEMX25519Recipient.info))
            } catch XWingHPKE.Failure.authenticationFailed {
                // X-Wing rejects implicitly: a stanza for another key (or a
                // changed one) decapsulates to an unrelated secret and fails
                // here. Try the next stanza.
                continue
            } catch XWingHPKE.Failure.invalidEncapsulatedKey {
                // BoringSSL's X-Wing refuses a low-order X25519 share (an
                // all-zero shared secret); so do age's Go code and Python's
                // `cryptography`. Not "someone else's stanza": abort.
                throw AgeError.postQuantumEncapsulatedKeyRefused
            }
        }
        throw AgeError.noMatchingIdentity
    }
}
