import Foundation
import SodiumKit

/// An applicant's Ed25519 public key as text: `cvsign1` followed by Crockford
/// base32 (lowercase) of the 32-byte key and a 3-byte BLAKE2b checksum, so a
/// mistyped or truncated key is refused instead of pinning a wrong key.
public struct SignerKey: Equatable, Hashable, Sendable, Codable {
    public let publicKey: [UInt8]
    static let prefix = "cvsign1"
    static let checksumBytes = 3

    public init(publicKey: [UInt8]) throws {
        guard publicKey.count == Ed25519SigningKey.publicKeyBytes else {
            throw CaseVaultError.invalidInput(field: "signing key", reason: "an Ed25519 public key is 32 bytes",
                                              expected: "a key that starts with cvsign1")
        }
        self.publicKey = publicKey
    }

    /// Parses `cvsign1…`; case does not matter.
    public init(parsing text: String) throws {
        // Keys as `encoded` writes them (lower-case letters and digits) skip
        // Foundation's trimming and lower-casing: a listing of 10,000
        // clients parses 10,000 keys.
        let canonical = text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7a).contains($0) }
        let t = canonical ? text : text.trimmingCharacters(in: .whitespaces).lowercased()
        let bad = CaseVaultError.invalidInput(field: "signing key", reason: "it is not a casevault signing key (mistyped or cut short?)",
                                              expected: "the cvsign1… text the applicant's identity shows",
                                              suggestion: .applicantSigningKey)
        guard t.hasPrefix(Self.prefix),
              let raw = CrockfordBase32.decode(String(t.dropFirst(Self.prefix.count)), byteCount: Ed25519SigningKey.publicKeyBytes + Self.checksumBytes) else {
            throw bad
        }
        let key = Array(raw.prefix(Ed25519SigningKey.publicKeyBytes))
        guard Bytes.constantTimeEquals(Self.checksum(key), Array(raw.suffix(Self.checksumBytes))) else { throw bad }
        try self.init(publicKey: key)
    }

    public var encoded: String {
        Self.prefix + CrockfordBase32.encode(publicKey + Self.checksum(publicKey)).lowercased()
    }

    public var fingerprint: String { KeyFingerprint.of(publicKey, kind: .ed25519) }

    static func checksum(_ key: [UInt8]) -> [UInt8] {
        BLAKE2b.hash(length: 32, Array("casevault signer key checksum".utf8) + key).prefix(checksumBytes).map { $0 }
    }

    public init(from decoder: Decoder) throws {
        try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(encoded)
    }
}
