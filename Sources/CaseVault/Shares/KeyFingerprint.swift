import AgeKit
import SodiumKit

/// A short fingerprint of a public key, to read aloud over the phone.
///
/// `BLAKE2b-256("casevault fingerprint v1" 0x00 ‖ kind 0x00 ‖ public key)`,
/// first 100 bits, as 20 Crockford base32 characters in four groups of five:
/// `7K2QF-M9XA0-RT4BV-1CDEH`. The kind ("age-mlkem768x25519", "age-x25519"
/// or "ed25519") is hashed in, so keys of two kinds never share a
/// fingerprint. A post-quantum recipient's 1216-byte key gets the same 20
/// characters as a 32-byte one: what is read aloud does not grow with the key.
///
/// 100 bits: finding another key with the same fingerprint (a second
/// preimage) costs about 2^100 hashes, out of reach; a collision between two
/// keys an attacker makes himself costs 2^50, but does not help him: the
/// person comparing checks one specific key he did not choose.
public enum KeyFingerprint {
    public enum Kind: String, Sendable {
        case ageMLKEMX25519 = "age-mlkem768x25519"
        case ageX25519 = "age-x25519"
        case ed25519 = "ed25519"
    }

    static let domain = "casevault fingerprint v1"
    static let symbols = 20

    /// The fingerprint of an age recipient of either native kind.
    public static func of(recipient: any AgePublicKeyRecipient) -> String {
        of(recipient.publicKey, kind: recipient.isPostQuantum ? .ageMLKEMX25519 : .ageX25519)
    }

    public static func of(_ publicKey: [UInt8], kind: Kind) -> String {
        let input = Array(domain.utf8) + [0] + Array(kind.rawValue.utf8) + [0] + publicKey
        let text = CrockfordBase32.encode(BLAKE2b.hash(length: 32, input), symbols: symbols)
        var groups: [Substring] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            groups.append(rest.prefix(5))
            rest = rest.dropFirst(5)
        }
        return groups.joined(separator: "-")
    }
}
