import SodiumKit

/// A passphrase identity: unwraps an scrypt stanza.
public final class ScryptIdentity: AgeIdentity {
    /// The largest work factor (log2 N) accepted when decrypting, checked
    /// before scrypt runs because the value comes from the file: a hostile
    /// header could otherwise ask for any amount of time and memory.
    ///
    /// 22 is age's own decryption ceiling (its encryptions use 18), so every
    /// file age writes opens here. At r = 8 scrypt needs 128 * 8 * 2^22 bytes
    /// = 4 GiB and several seconds at that bound; 18 needs 256 MiB.
    public static let defaultMaxWorkFactor = 22

    private let passphrase: () throws -> SecureBytes
    public let maxWorkFactor: Int

    /// An identity for a known passphrase.
    public init(passphrase: SecureBytes, maxWorkFactor: Int = ScryptIdentity.defaultMaxWorkFactor) {
        self.passphrase = { passphrase }
        self.maxWorkFactor = maxWorkFactor
    }

    /// An identity that asks for the passphrase only if the file has an scrypt stanza.
    public init(maxWorkFactor: Int = ScryptIdentity.defaultMaxWorkFactor, passphraseProvider: @escaping () throws -> SecureBytes) {
        self.passphrase = passphraseProvider
        self.maxWorkFactor = maxWorkFactor
    }

    public func unwrap(stanzas: [AgeStanza]) throws -> FileKey {
        guard let stanza = stanzas.first(where: { $0.type == ScryptRecipient.stanzaType }) else {
            throw AgeError.noMatchingIdentity
        }
        // An scrypt stanza must be alone: password encryption implies the
        // sender knew the password, which another stanza would not prove.
        guard stanzas.count == 1 else { throw AgeError.scryptNotAlone }
        guard stanza.arguments.count == 2 else { throw AgeError.malformedHeader("an scrypt stanza must have exactly two arguments") }
        guard let salt = Base64.decode(stanza.arguments[0]), salt.count == ScryptRecipient.saltBytes else {
            throw AgeError.malformedHeader("an scrypt stanza's salt is not canonical base64 of 16 bytes")
        }
        let logN = try Self.parseWorkFactor(stanza.arguments[1])
        // Checked before running scrypt: the cost is the attacker's choice.
        guard logN <= maxWorkFactor else { throw AgeError.workFactorTooHigh(logN: logN, maximum: maxWorkFactor) }
        guard stanza.body.count == AgeKeys.fileKeyBytes + ChaCha20Poly1305IETF.tagBytes else {
            throw AgeError.malformedHeader("an scrypt stanza's body is not 32 bytes")
        }
        let key = try Scrypt.deriveKey(passphrase: try passphrase(), salt: ScryptRecipient.saltLabel + salt, logN: logN)
        guard let fileKey = try AgeKeys.unwrap(body: stanza.body, with: key) else { throw AgeError.incorrectPassphrase }
        return fileKey
    }

    /// `^[1-9][0-9]*$`, parsed without overflow (anything long is too high).
    static func parseWorkFactor(_ text: String) throws -> Int {
        let digits = Array(text.utf8)
        guard let first = digits.first, first >= UInt8(ascii: "1"), first <= UInt8(ascii: "9"),
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw AgeError.malformedHeader("an scrypt stanza's work factor is not a decimal number without leading zeros")
        }
        if digits.count > 4 { return 9999 }
        return Int(text) ?? 9999
    }
}
