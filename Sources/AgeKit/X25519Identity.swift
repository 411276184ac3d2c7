import SodiumKit

/// An X25519 identity: `AGE-SECRET-KEY-1...`. The secret scalar lives in secure memory.
public final class X25519Identity: AgeIdentity {
    static let hrp = "AGE-SECRET-KEY-"

    let secretKey: SecureBytes
    /// The matching recipient.
    public let recipient: X25519Recipient

    /// A new random identity.
    public static func generate() throws -> X25519Identity {
        try X25519Identity(secretKey: X25519.generateSecret())
    }

    /// An identity from a 32-byte secret scalar.
    public init(secretKey: SecureBytes) throws {
        guard secretKey.count == X25519.scalarBytes else { throw AgeError.invalidIdentity("an X25519 secret key is 32 bytes") }
        self.secretKey = secretKey
        recipient = try X25519Recipient(publicKey: X25519.publicKey(secret: secretKey))
    }

    /// Parses `AGE-SECRET-KEY-1...` held in secure memory at `offset..<offset+count`.
    /// Only the uppercase form is accepted, as age does.
    public convenience init(parsing text: SecureBytes, offset: Int = 0, count: Int? = nil) throws {
        let length = count ?? text.count - offset
        let decoded: (hrp: String, data: SecureBytes)
        do { decoded = try Bech32.decodeSecure(text, offset: offset, count: length) } catch let e as Bech32Failure {
            throw AgeError.invalidIdentity("not a valid AGE-SECRET-KEY-1... string (\(e.reason))")
        }
        guard decoded.hrp == Self.hrp else { throw AgeError.invalidIdentity("not an AGE-SECRET-KEY-1... identity") }
        guard decoded.data.count == X25519.scalarBytes else { throw AgeError.invalidIdentity("the identity does not hold a 32-byte key") }
        try self.init(secretKey: decoded.data)
    }

    /// `AGE-SECRET-KEY-1...` in secure memory.
    public func encoded() throws -> SecureBytes {
        try Bech32.encodeSecure(hrp: Self.hrp, data: secretKey)
    }

    public func unwrap(stanzas: [AgeStanza]) throws -> FileKey {
        for stanza in stanzas where stanza.type == X25519Recipient.stanzaType {
            // Spec: reject (not skip) an X25519 stanza with the wrong shape,
            // and check the body length before any decryption, so a
            // partitioning oracle cannot probe many keys with one ciphertext.
            guard stanza.arguments.count == 1 else { throw AgeError.malformedHeader("an X25519 stanza must have exactly one argument") }
            guard let share = Base64.decode(stanza.arguments[0]), share.count == X25519.pointBytes else {
                throw AgeError.malformedHeader("an X25519 stanza's share is not canonical base64 of 32 bytes")
            }
            guard stanza.body.count == AgeKeys.fileKeyBytes + ChaCha20Poly1305IETF.tagBytes else {
                throw AgeError.malformedHeader("an X25519 stanza's body is not 32 bytes")
            }
            let shared: SecureBytes
            do { shared = try X25519.sharedSecret(secret: secretKey, publicKey: share) } catch SodiumError.invalidPublicKey {
                // A low-order share makes the shared secret all zeros: abort (spec).
                throw AgeError.malformedHeader("an X25519 stanza has a low-order share")
            }
            let wrapKey = try HKDF.deriveKey(ikm: shared, salt: share + recipient.publicKey, info: X25519Recipient.info)
            if let fileKey = try AgeKeys.unwrap(body: stanza.body, with: wrapKey) { return fileKey }
        }
        throw AgeError.noMatchingIdentity
    }
}

extension X25519Identity {
    /// Parses an identity file of X25519 keys only: one `AGE-SECRET-KEY-1...`
    /// per line; blank lines and lines starting with `#` are ignored. Errors
    /// give the line number, never the line (it may be a secret key).
    /// `AgePublicKeys.parseIdentityFile` takes post-quantum keys too.
    public static func parseIdentityFile(_ contents: SecureBytes) throws -> [X25519Identity] {
        var identities: [X25519Identity] = []
        for (number, line) in IdentityFileLines.split(contents) {
            do {
                identities.append(try X25519Identity(parsing: contents, offset: line.start, count: line.count))
            } catch AgeError.invalidIdentity(let why) {
                throw AgeError.invalidIdentity("line \(number): \(why)")
            }
        }
        guard !identities.isEmpty else { throw AgeError.invalidIdentity("no AGE-SECRET-KEY-1... identity found") }
        return identities
    }
}
