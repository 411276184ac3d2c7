/// HKDF-SHA-256 (RFC 5869), built from HMAC-SHA-256 because libsodium 1.0.18
/// has no HKDF. Input and output keying material stay in secure memory.
public enum HKDF {
    public static let hashBytes = HMACSHA256.macBytes
    /// RFC 5869 limits the output to 255 blocks.
    public static let maxOutputBytes = 255 * HMACSHA256.macBytes

    /// HKDF-Extract: PRK = HMAC(salt, IKM). An empty salt acts as 32 zero
    /// bytes, as the RFC requires (HMAC pads any short key with zeros).
    public static func extract(salt: [UInt8], ikm: SecureBytes) throws -> SecureBytes {
        let h = try HMACSHA256.Stream(publicKey: salt)
        h.update(ikm)
        return try h.finalizeSecure()
    }

    /// HKDF-Expand: T(i) = HMAC(PRK, T(i-1) || info || i), output the first `length` bytes.
    public static func expand(prk: SecureBytes, info: [UInt8], length: Int) throws -> SecureBytes {
        guard length >= 0, length <= maxOutputBytes else {
            throw SodiumError.invalidLength(what: "hkdf output", expected: maxOutputBytes, actual: length)
        }
        let out = try SecureBytes(count: length)
        var previous: SecureBytes? = nil
        var written = 0
        var counter: UInt8 = 1
        while written < length {
            let h = try HMACSHA256.Stream(key: prk)
            if let previous { h.update(previous) }
            h.update(info)
            h.update([counter])
            let block = try h.finalizeSecure()
            let n = Swift.min(hashBytes, length - written)
            out.withUnsafeMutableBytes { o in
                block.withUnsafeBytes { b in
                    UnsafeMutableRawBufferPointer(rebasing: o[written..<written + n]).copyMemory(from: UnsafeRawBufferPointer(rebasing: b[0..<n]))
                }
            }
            written += n
            previous = block
            counter &+= 1
        }
        return out
    }

    /// Extract then expand: the usual one-call form.
    public static func deriveKey(ikm: SecureBytes, salt: [UInt8], info: [UInt8], length: Int = 32) throws -> SecureBytes {
        let prk = try extract(salt: salt, ikm: ikm)
        return try expand(prk: prk, info: info, length: length)
    }
}
