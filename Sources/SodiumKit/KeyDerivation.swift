import CSodium

/// Purpose subkeys from a master key (`crypto_kdf`, BLAKE2b based).
public enum SubkeyDerivation {
    public static let keyBytes = Int(crypto_kdf_keybytes())
    public static let contextBytes = Int(crypto_kdf_contextbytes())

    /// Derives subkey number `id` for `context` (exactly 8 ASCII bytes).
    /// Different contexts give independent keys: knowing one reveals nothing
    /// about another or about the master key.
    public static func derive(length: Int = 32, id: UInt64, context: String, from master: SecureBytes) throws -> SecureBytes {
        Sodium.ensureInitialized()
        let ctx = Array(context.utf8)
        guard ctx.count == contextBytes else { throw SodiumError.invalidLength(what: "kdf context", expected: contextBytes, actual: ctx.count) }
        guard master.count == keyBytes else { throw SodiumError.invalidLength(what: "master key", expected: keyBytes, actual: master.count) }
        let out = try SecureBytes(count: length)
        let rc = out.withUnsafeMutableBytes { o in
            master.withUnsafeBytes { m in
                ctx.withUnsafeBufferPointer { c in
                    c.withMemoryRebound(to: CChar.self) { cc in
                        crypto_kdf_derive_from_key(o.bindMemory(to: UInt8.self).baseAddress!, length, id, cc.baseAddress!,
                                                   m.bindMemory(to: UInt8.self).baseAddress!)
                    }
                }
            }
        }
        guard rc == 0 else { throw SodiumError.keyDerivationFailed }
        return out
    }
}

/// BLAKE2b (`crypto_generichash`), keyed or not.
public enum BLAKE2b {
    /// Keyed hash of `message` with a secret key, output in secure memory.
    public static func keyedHash(length: Int = 32, key: SecureBytes, message: [UInt8]) throws -> SecureBytes {
        Sodium.ensureInitialized()
        let out = try SecureBytes(count: length)
        let rc = out.withUnsafeMutableBytes { o in
            key.withUnsafeBytes { k in
                crypto_generichash(o.bindMemory(to: UInt8.self).baseAddress!, length, message, UInt64(message.count),
                                   k.bindMemory(to: UInt8.self).baseAddress!, k.count)
            }
        }
        guard rc == 0 else { throw SodiumError.failed("generichash") }
        return out
    }

    /// Keyed hash whose output is not secret (a check value, a MAC).
    public static func mac(length: Int = 16, key: SecureBytes, message: [UInt8]) throws -> [UInt8] {
        Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: length)
        let rc = key.withUnsafeBytes { k in
            crypto_generichash(&out, length, message, UInt64(message.count), k.bindMemory(to: UInt8.self).baseAddress!, k.count)
        }
        guard rc == 0 else { throw SodiumError.failed("generichash") }
        return out
    }

    /// Unkeyed hash of public data.
    public static func hash(length: Int = 32, _ message: [UInt8]) -> [UInt8] {
        Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: length)
        _ = crypto_generichash(&out, length, message, UInt64(message.count), nil, 0)
        return out
    }
}

/// Constant-time helpers and padding over public buffers.
public enum Bytes {
    /// Constant-time comparison of two equal-length buffers.
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        Sodium.ensureInitialized()
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return sodium_memcmp(a, b, a.count) == 0
    }

    /// ISO/IEC 7816-4 padding to a multiple of `blockSize` (`sodium_pad`), so a
    /// ciphertext's length reveals only a size class, not the exact length.
    public static func pad(_ data: [UInt8], blockSize: Int) -> [UInt8] {
        Sodium.ensureInitialized()
        var buf = data
        buf.append(contentsOf: [UInt8](repeating: 0, count: blockSize))
        var padded = 0
        let rc = buf.withUnsafeMutableBufferPointer { b in
            sodium_pad(&padded, b.baseAddress!, data.count, blockSize, b.count)
        }
        precondition(rc == 0, "sodium_pad cannot fail with a block of spare room")
        return Array(buf[0..<padded])
    }

    /// Removes `pad` padding; nil if the padding is malformed.
    public static func unpad(_ data: [UInt8], blockSize: Int) -> [UInt8]? {
        Sodium.ensureInitialized()
        guard !data.isEmpty else { return nil }
        var len = 0
        let rc = data.withUnsafeBufferPointer { b in sodium_unpad(&len, b.baseAddress!, b.count, blockSize) }
        guard rc == 0 else { return nil }
        return Array(data[0..<len])
    }

    public static func hex(_ data: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(data.count * 2)
        for b in data { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
