import CSodium

/// scrypt (RFC 7914) with `crypto_pwhash_scryptsalsa208sha256_ll`, the
/// low-level form that takes N, r and p directly (age's passphrase stanzas
/// fix r = 8, p = 1 and carry log2(N)).
public enum Scrypt {
    /// Largest log2(N) this layer will run at all. Callers that read N from
    /// untrusted input apply their own, lower bound before calling.
    public static let maxLogN = 30

    /// Memory scrypt needs for these parameters (128 * r * N bytes, plus p lanes).
    public static func memoryBytes(logN: Int, r: UInt32 = 8, p: UInt32 = 1) -> UInt64 {
        (UInt64(128) * UInt64(r) << UInt64(logN)) + UInt64(128) * UInt64(r) * UInt64(p)
    }

    /// Derives `length` bytes from `passphrase` and `salt` into secure memory.
    public static func deriveKey(passphrase: SecureBytes, salt: [UInt8], logN: Int, r: UInt32 = 8, p: UInt32 = 1,
                                 length: Int = 32) throws -> SecureBytes {
        Sodium.ensureInitialized()
        guard logN >= 1, logN <= maxLogN, r >= 1, p >= 1 else { throw SodiumError.keyDerivationFailed }
        let out = try SecureBytes(count: length)
        // One spare byte so an empty salt still has a valid address.
        let saltBuffer = salt + [0]
        let rc = out.withUnsafeMutableBytes { o in
            passphrase.withUnsafeBytes { pw in
                saltBuffer.withUnsafeBufferPointer { s in
                    crypto_pwhash_scryptsalsa208sha256_ll(
                        pw.bindMemory(to: UInt8.self).baseAddress!, pw.count,
                        s.baseAddress!, salt.count,
                        UInt64(1) << UInt64(logN), r, p,
                        o.bindMemory(to: UInt8.self).baseAddress!, length)
                }
            }
        }
        guard rc == 0 else { throw SodiumError.keyDerivationFailed }
        return out
    }
}
