import CSodium

/// PBKDF2-HMAC-SHA-256 (RFC 8018, section 5.2), composed from libsodium's
/// HMAC-SHA-256 because libsodium has no PBKDF2 (as `HKDF` is).
///
/// SLIP-0039's share encryption runs it tens of thousands of times per
/// recovery, so the HMAC state keyed with the password is made once and
/// copied for every iteration (the standard optimisation: the key's inner
/// and outer pads are hashed once). Password, salt, every intermediate U_i
/// and the output stay in secure memory.
public enum PBKDF2 {
    /// Derives `length` bytes from `password` and `salt` with `iterations` rounds.
    public static func hmacSHA256(password: SecureBytes, salt: SecureBytes, iterations: Int, length: Int) throws -> SecureBytes {
        precondition(iterations >= 1 && length >= 0)
        Sodium.ensureInitialized()
        let blockBytes = Int(crypto_auth_hmacsha256_bytes())
        // sodium_malloc aligns the end of the region to the page: round the
        // state size up so the struct stays 16-byte aligned (as HMACSHA256).
        let stateSize = (crypto_auth_hmacsha256_statebytes() + 15) & ~15
        let keyed = try SecureBytes(count: stateSize)
        let work = try SecureBytes(count: stateSize)
        let u = try SecureBytes(count: blockBytes)
        let t = try SecureBytes(count: blockBytes)
        let out = try SecureBytes(count: length)

        keyed.withUnsafeMutableBytes { k in
            password.withUnsafeBytes { p in
                var none: UInt8 = 0
                let state = k.baseAddress!.assumingMemoryBound(to: crypto_auth_hmacsha256_state.self)
                if let base = p.baseAddress, p.count > 0 {
                    _ = crypto_auth_hmacsha256_init(state, base.assumingMemoryBound(to: UInt8.self), p.count)
                } else {
                    _ = crypto_auth_hmacsha256_init(state, &none, 0)
                }
            }
        }

        var written = 0
        var block: UInt32 = 1
        while written < length {
            work.withUnsafeMutableBytes { w in
                keyed.withUnsafeBytes { k in w.copyMemory(from: k) }
                let state = w.baseAddress!.assumingMemoryBound(to: crypto_auth_hmacsha256_state.self)
                salt.withUnsafeBytes { s in
                    if let base = s.baseAddress, s.count > 0 {
                        _ = crypto_auth_hmacsha256_update(state, base.assumingMemoryBound(to: UInt8.self), UInt64(s.count))
                    }
                }
                var counter: [UInt8] = [UInt8(block >> 24), UInt8((block >> 16) & 0xFF), UInt8((block >> 8) & 0xFF), UInt8(block & 0xFF)]
                _ = crypto_auth_hmacsha256_update(state, &counter, 4)
                u.withUnsafeMutableBytes { ub in
                    _ = crypto_auth_hmacsha256_final(state, ub.baseAddress!.assumingMemoryBound(to: UInt8.self))
                    t.withUnsafeMutableBytes { tb in tb.copyMemory(from: UnsafeRawBufferPointer(ub)) }
                    var i = 1
                    while i < iterations {
                        keyed.withUnsafeBytes { k in w.copyMemory(from: k) }
                        _ = crypto_auth_hmacsha256_update(state, ub.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(blockBytes))
                        _ = crypto_auth_hmacsha256_final(state, ub.baseAddress!.assumingMemoryBound(to: UInt8.self))
                        t.withUnsafeMutableBytes { tb in
                            for j in 0..<blockBytes { tb[j] ^= ub[j] }
                        }
                        i += 1
                    }
                }
            }
            let n = Swift.min(blockBytes, length - written)
            out.withUnsafeMutableBytes { o in
                t.withUnsafeBytes { tb in
                    UnsafeMutableRawBufferPointer(rebasing: o[written..<written + n]).copyMemory(from: UnsafeRawBufferPointer(rebasing: tb[0..<n]))
                }
            }
            written += n
            block += 1
        }
        work.wipe(); u.wipe(); t.wipe()
        return out
    }
}
