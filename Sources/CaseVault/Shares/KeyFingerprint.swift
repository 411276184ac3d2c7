import SodiumKit

/// A short fingerprint of a public key, to read aloud over the phone.
///
/// `BLAKE2b-256("casevault fingerprint v1" 0x00 ‖ kind 0x00 ‖ public key)`,
/// first 100 bits, as 20 Crockford base32 characters in four groups of five:
/// `7K2QF-M9XA0-RT4BV-1CDEH`. The kind ("age-x25519" or "ed25519") is hashed
/// in, so an age recipient and a signing key never share a fingerprint.
///
/// 100 bits: finding another key with the same fingerprint (a second
/// preimage) costs about 2^100 hashes, out of reach; a collision between two
/// keys an attacker makes himself costs 2^50, but does not help him: the
/// person comparing checks one specific key he did not choose.
public enum KeyFingerprint {
    public enum Kind: String, Sendable {
        case ageX25519 = "age-x25519"
        case ed25519 = "ed25519"
    }

    static let domain = "casevault fingerprint v1"
    static let symbols = 20

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
