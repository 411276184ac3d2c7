import SodiumKit

/// SLIP-0039's passphrase encryption of the master secret: a four-round
/// Feistel network whose round function is PBKDF2-HMAC-SHA-256.
///
/// Round i keys PBKDF2 with the byte i followed by the passphrase, salts it
/// with `"shamir" ‖ identifier` (nothing for extendable backups, so one set
/// of shares can be re-made under another identifier and still decrypt)
/// followed by the right half, and runs (10000 << e) / 4 iterations. The
/// passphrase is always applied (empty when none is given), and every
/// passphrase decrypts to *some* secret: a wrong one cannot be told apart
/// from a right one, which is the spec's plausible deniability.
enum Slip39Cipher {
    static let baseIterations = 10_000
    static let rounds = 4

    static func encrypt(_ secret: SecureBytes, passphrase: SecureBytes, iterationExponent: Int, identifier: Int, extendable: Bool) throws -> SecureBytes {
        try feistel(secret, passphrase: passphrase, iterationExponent: iterationExponent, identifier: identifier,
                    extendable: extendable, order: Array(0..<rounds))
    }

    static func decrypt(_ secret: SecureBytes, passphrase: SecureBytes, iterationExponent: Int, identifier: Int, extendable: Bool) throws -> SecureBytes {
        try feistel(secret, passphrase: passphrase, iterationExponent: iterationExponent, identifier: identifier,
                    extendable: extendable, order: Array((0..<rounds).reversed()))
    }

    private static func feistel(_ input: SecureBytes, passphrase: SecureBytes, iterationExponent: Int, identifier: Int,
                                extendable: Bool, order: [Int]) throws -> SecureBytes {
        let half = input.count / 2
        var left = try SecureBytes(slice: input, offset: 0, count: half)
        var right = try SecureBytes(slice: input, offset: half, count: half)
        let saltPrefix: [UInt8] = extendable ? [] : Array("shamir".utf8) + [UInt8(identifier >> 8), UInt8(identifier & 0xFF)]
        let iterations = (baseIterations << iterationExponent) / rounds
        for i in order {
            let key = try SecureBytes(count: 1 + passphrase.count)
            key.withUnsafeMutableBytes { k in
                k[0] = UInt8(i)
                passphrase.withUnsafeBytes { p in UnsafeMutableRawBufferPointer(rebasing: k[1...]).copyMemory(from: p) }
            }
            let salt = try SecureBytes(count: saltPrefix.count + half)
            salt.withUnsafeMutableBytes { s in
                saltPrefix.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: s[0..<saltPrefix.count]).copyMemory(from: $0) }
                right.withUnsafeBytes { r in UnsafeMutableRawBufferPointer(rebasing: s[saltPrefix.count...]).copyMemory(from: r) }
            }
            let f = try PBKDF2.hmacSHA256(password: key, salt: salt, iterations: iterations, length: half)
            // (L, R) becomes (R, L xor F(R)).
            left.withUnsafeMutableBytes { l in f.withUnsafeBytes { fb in for k in 0..<half { l[k] ^= fb[k] } } }
            swap(&left, &right)
        }
        // The output is R ‖ L.
        let out = try SecureBytes(count: input.count)
        out.withUnsafeMutableBytes { o in
            right.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: o[0..<half]).copyMemory(from: $0) }
            left.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: o[half...]).copyMemory(from: $0) }
        }
        return out
    }
}
