import SodiumKit
import SwiftCryptoKit

/// A post-quantum recipient: `age1pq1...` (Bech32 of the 1216-byte X-Wing
/// public key, ML-KEM-768 + X25519; 1,959 characters).
///
/// The file key is sealed with HPKE base mode (RFC 9180): KEM X-Wing,
/// HKDF-SHA-256, ChaCha20-Poly1305, info `age-encryption.org/mlkem768x25519`,
/// empty associated data. Both halves of the KEM must be broken to open the
/// stanza: X25519 against today's attacks, ML-KEM-768 against a future
/// quantum computer that records files now to open them later.
public struct MLKEMX25519Recipient: AgeRecipient, AgePublicKeyRecipient, Equatable, Sendable {
    static let hrp = "age1pq"
    static let stanzaType = "mlkem768x25519"
    static let info = Array("age-encryption.org/mlkem768x25519".utf8)
    /// The label age gives this recipient type: it cannot be mixed with others.
    public static let postQuantumLabel = "postquantum"

    /// The X-Wing public key (1216 bytes).
    public let publicKey: [UInt8]

    /// From the raw public key; refuses a key of the wrong length or one
    /// that is not a valid ML-KEM-768 encapsulation key.
    public init(publicKey: [UInt8]) throws {
        guard publicKey.count == XWingHPKE.publicKeyBytes else {
            throw AgeError.invalidRecipient("a post-quantum public key is \(XWingHPKE.publicKeyBytes) bytes")
        }
        do { try XWingHPKE.validate(publicKey: publicKey) } catch {
            throw AgeError.invalidRecipient("the post-quantum public key is not a valid ML-KEM-768 + X25519 key")
        }
        self.publicKey = publicKey
    }

    /// Parses `age1pq1...`. Only the lowercase form is accepted, as age does.
    /// Bech32 here has no length limit (the spec lifts BIP 173's 90).
    public init(parsing text: String) throws {
        let decoded: (hrp: String, data: [UInt8])
        do { decoded = try Bech32.decode(text) } catch let e as Bech32Failure {
            throw AgeError.invalidRecipient("'\(X25519Recipient.printable(text))' is not a valid age recipient (\(e.reason))")
        }
        guard decoded.hrp == Self.hrp else {
            throw AgeError.invalidRecipient("'\(X25519Recipient.printable(text))' is not an age1pq1... post-quantum recipient")
        }
        guard decoded.data.count == XWingHPKE.publicKeyBytes else {
            throw AgeError.invalidRecipient("'\(X25519Recipient.printable(text))' does not hold a \(XWingHPKE.publicKeyBytes)-byte key")
        }
        try self.init(publicKey: decoded.data)
    }

    /// `age1pq1...`
    public var encoded: String { Bech32.encode(hrp: Self.hrp, data: publicKey) }

    public var isPostQuantum: Bool { true }

    public var labels: Set<String> { [Self.postQuantumLabel] }

    /// A stanza `-> mlkem768x25519 <enc>` whose body is the HPKE ciphertext
    /// of the file key (32 bytes). HPKE encapsulates afresh for every stanza.
    public func wrap(fileKey: FileKey) throws -> [AgeStanza] {
        let sealed: (encapsulatedKey: [UInt8], ciphertext: [UInt8])
        do { sealed = try XWingHPKE.seal(fileKey.secureBytes, to: publicKey, info: Self.info) } catch XWingHPKE.Failure.invalidPublicKey {
            throw AgeError.invalidRecipient("the post-quantum public key is not a valid ML-KEM-768 + X25519 key")
        }
        return [AgeStanza(type: Self.stanzaType, arguments: [Base64.encodeString(sealed.encapsulatedKey)], body: sealed.ciphertext)]
    }
}
