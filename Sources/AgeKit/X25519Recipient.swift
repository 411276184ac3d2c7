import SodiumKit

/// An X25519 recipient: `age1...` (Bech32 of the 32-byte public key).
public struct X25519Recipient: AgeRecipient, Equatable, Sendable {
    static let hrp = "age"
    static let stanzaType = "X25519"
    static let info = Array("age-encryption.org/v1/X25519".utf8)

    /// The Montgomery u-coordinate of the public key.
    public let publicKey: [UInt8]

    public init(publicKey: [UInt8]) throws {
        guard publicKey.count == X25519.pointBytes else { throw AgeError.invalidRecipient("an X25519 public key is 32 bytes") }
        self.publicKey = publicKey
    }

    /// Parses `age1...`. Only the lowercase form is accepted, as age does.
    public init(parsing text: String) throws {
        let decoded: (hrp: String, data: [UInt8])
        do { decoded = try Bech32.decode(text) } catch let e as Bech32Failure {
            throw AgeError.invalidRecipient("'\(Self.printable(text))' is not a valid age recipient (\(e.reason))")
        }
        guard decoded.hrp == Self.hrp else {
            throw AgeError.invalidRecipient("'\(Self.printable(text))' is not an age1... X25519 recipient")
        }
        guard decoded.data.count == X25519.pointBytes else {
            throw AgeError.invalidRecipient("'\(Self.printable(text))' does not hold a 32-byte key")
        }
        publicKey = decoded.data
    }

    /// `age1...`
    public var encoded: String { Bech32.encode(hrp: Self.hrp, data: publicKey) }

    /// A stanza `-> X25519 <ephemeral share>` whose body is the file key
    /// under HKDF(X25519(ephemeral, recipient), share || recipient, info).
    /// The ephemeral secret is fresh for every stanza and file (spec).
    public func wrap(fileKey: FileKey) throws -> [AgeStanza] {
        let ephemeral = try X25519.generateSecret()
        let share = try X25519.publicKey(secret: ephemeral)
        let shared: SecureBytes
        do { shared = try X25519.sharedSecret(secret: ephemeral, publicKey: publicKey) } catch SodiumError.invalidPublicKey {
            throw AgeError.invalidRecipient("the X25519 recipient is a low-order point")
        }
        let wrapKey = try HKDF.deriveKey(ikm: shared, salt: share + publicKey, info: Self.info)
        let body = try AgeKeys.wrap(fileKey: fileKey, with: wrapKey)
        return [AgeStanza(type: Self.stanzaType, arguments: [Base64.encodeString(share)], body: body)]
    }

    /// Shows a rejected recipient string, trimmed and without control characters.
    static func printable(_ text: String) -> String {
        let cleaned = text.unicodeScalars.prefix(100).map { $0.value >= 0x20 && $0.value < 0x7f ? Character($0) : "?" }
        return String(cleaned)
    }
}
