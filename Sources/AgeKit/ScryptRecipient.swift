import SodiumKit

/// A passphrase "recipient": wraps the file key under scrypt(passphrase).
///
/// The spec requires an scrypt stanza to be the only stanza of a header:
/// `AgeWriter` refuses to mix this recipient with others.
public final class ScryptRecipient: AgeRecipient {
    static let stanzaType = "scrypt"
    static let saltLabel = Array("age-encryption.org/v1/scrypt".utf8)
    static let saltBytes = 16
    /// age's default: 2^18 iterations, 256 MiB, about a second.
    public static let defaultWorkFactor = 18

    let passphrase: SecureBytes
    public let workFactor: Int

    public init(passphrase: SecureBytes, workFactor: Int = ScryptRecipient.defaultWorkFactor) throws {
        guard passphrase.count > 0 else { throw AgeError.invalidArgument("the passphrase is empty") }
        guard workFactor >= 1, workFactor <= ScryptIdentity.defaultMaxWorkFactor else {
            throw AgeError.invalidArgument("the scrypt work factor must be between 1 and \(ScryptIdentity.defaultMaxWorkFactor)")
        }
        self.passphrase = passphrase
        self.workFactor = workFactor
    }

    /// `-> scrypt <salt> <logN>`; the salt is fresh for every stanza and file.
    public func wrap(fileKey: FileKey) throws -> [AgeStanza] {
        let salt = Random.bytes(Self.saltBytes)
        let key = try Scrypt.deriveKey(passphrase: passphrase, salt: Self.saltLabel + salt, logN: workFactor)
        let body = try AgeKeys.wrap(fileKey: fileKey, with: key)
        return [AgeStanza(type: Self.stanzaType, arguments: [Base64.encodeString(salt), String(workFactor)], body: body)]
    }
}
