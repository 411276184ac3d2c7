import SodiumKit

/// Shamir's secret sharing over GF(256), byte by byte, as SLIP-0039 defines
/// it: the secret sits at x = 255, and a digest share at x = 254 (four bytes
/// of HMAC-SHA-256 keyed with the rest of that share) lets a recombination
/// check itself, so shares that do not belong together are refused instead
/// of combining into garbage.
enum ShamirSharing {
    static let secretIndex: UInt8 = 255
    static let digestIndex: UInt8 = 254
    static let digestBytes = 4
    static let maxShareCount = 16

    /// `count` shares of `secret`, any `threshold` of which give it back.
    static func split(threshold: Int, count: Int, secret: SecureBytes) throws -> [SecretShare] {
        precondition(threshold >= 1 && threshold <= count && count <= maxShareCount)
        if threshold == 1 {
            // A polynomial of degree 0: every share is the secret itself.
            return try (0..<count).map { SecretShare(x: UInt8($0), y: try SecureBytes(slice: secret, offset: 0, count: secret.count)) }
        }
        let randomCount = threshold - 2
        var shares = try (0..<randomCount).map { SecretShare(x: UInt8($0), y: try SecureBytes.random(count: secret.count)) }
        let randomPart = try SecureBytes.random(count: secret.count - digestBytes)
        let digest = try self.digest(randomPart: randomPart, secret: secret)
        let digestShare = try SecureBytes(count: secret.count)
        digestShare.withUnsafeMutableBytes { d in
            digest.withUnsafeBytes { d.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<digestBytes])) }
            randomPart.withUnsafeBytes { r in
                UnsafeMutableRawBufferPointer(rebasing: d[digestBytes...]).copyMemory(from: r)
            }
        }
        let base = shares + [SecretShare(x: digestIndex, y: digestShare), SecretShare(x: secretIndex, y: secret)]
        for x in randomCount..<count {
            shares.append(SecretShare(x: UInt8(x), y: try interpolate(base, at: UInt8(x))))
        }
        return shares
    }

    /// The secret from `shares` (at least `threshold`, distinct indices,
    /// equal lengths: the caller checks), with its digest verified.
    static func recover(threshold: Int, shares: [SecretShare]) throws -> SecureBytes {
        if threshold == 1 {
            // Every share is the secret; extra ones must all agree.
            let first = shares[0].y
            for other in shares.dropFirst() where !other.y.constantTimeEquals(first) {
                throw Slip39Error.digestMismatch
            }
            return try SecureBytes(slice: first, offset: 0, count: first.count)
        }
        let secret = try interpolate(shares, at: secretIndex)
        let digestShare = try interpolate(shares, at: digestIndex)
        let randomPart = try SecureBytes(slice: digestShare, offset: digestBytes, count: digestShare.count - digestBytes)
        let expected = try digest(randomPart: randomPart, secret: secret)
        let given = try SecureBytes(slice: digestShare, offset: 0, count: digestBytes)
        let expectedPrefix = try SecureBytes(slice: expected, offset: 0, count: digestBytes)
        guard given.constantTimeEquals(expectedPrefix) else {
            secret.wipe()
            throw Slip39Error.digestMismatch
        }
        return secret
    }

    /// HMAC-SHA-256(key = random part, message = secret), kept secret.
    private static func digest(randomPart: SecureBytes, secret: SecureBytes) throws -> SecureBytes {
        let h = try HMACSHA256.Stream(key: randomPart)
        h.update(secret)
        return try h.finalizeSecure()
    }

    /// The polynomial through `shares`, evaluated at `x` (Lagrange).
    ///
    /// The basis weights depend only on the x coordinates (public share
    /// indices); each secret byte meets them only in `GF256.multiply`, which
    /// runs in constant time.
    static func interpolate(_ shares: [SecretShare], at x: UInt8) throws -> SecureBytes {
        let length = shares[0].y.count
        if let exact = shares.first(where: { $0.x == x }) {
            return try SecureBytes(slice: exact.y, offset: 0, count: length)
        }
        let out = try SecureBytes(count: length)
        for (i, share) in shares.enumerated() {
            // weight_i = Π_{j≠i} (x - x_j) / (x_i - x_j); subtraction is XOR.
            var numerator: UInt8 = 1
            var denominator: UInt8 = 1
            for (j, other) in shares.enumerated() where j != i {
                numerator = GF256.multiply(numerator, x ^ other.x)
                denominator = GF256.multiply(denominator, share.x ^ other.x)
            }
            let weight = GF256.multiply(numerator, GF256.inverse(denominator))
            out.withUnsafeMutableBytes { o in
                share.y.withUnsafeBytes { y in
                    for k in 0..<length { o[k] ^= GF256.multiply(weight, y[k]) }
                }
            }
        }
        return out
    }
}
