import CSodium

/// Secret bytes kept in libsodium secure memory.
///
/// The buffer comes from `sodium_malloc` (guard pages, `mlock`ed so it is not
/// swapped) and is wiped and freed by `sodium_free` when the last reference
/// goes away. The contents are reachable only through the scoped accessors,
/// which are `package`-visible: code outside CaseVault's own modules cannot
/// read a key at all. Keys are never held in `[UInt8]` or `Data`.
public final class SecureBytes: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer
    /// Number of secret bytes.
    public let count: Int

    /// Zero-filled secure buffer of `count` bytes.
    public init(count: Int) throws {
        Sodium.ensureInitialized()
        precondition(count >= 0)
        // sodium_malloc(0) is allowed but may return NULL; keep one byte.
        guard let p = sodium_malloc(Swift.max(count, 1)) else { throw SodiumError.outOfMemory }
        sodium_memzero(p, Swift.max(count, 1))
        base = p
        self.count = count
    }

    /// A fresh buffer of `count` random bytes (`randombytes_buf`).
    public static func random(count: Int) throws -> SecureBytes {
        let s = try SecureBytes(count: count)
        s.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
        return s
    }

    /// Copies bytes into secure memory. Use only for material that was already
    /// outside secure memory (test vectors, decoded key files); the caller is
    /// responsible for wiping its source where it can.
    public convenience init(copying bytes: [UInt8]) throws {
        try self.init(count: bytes.count)
        withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in
                if src.count > 0 { dst.copyMemory(from: src) }
            }
        }
    }

    /// Copies a range of another secure buffer.
    public convenience init(slice other: SecureBytes, offset: Int, count: Int) throws {
        precondition(offset >= 0 && count >= 0 && offset + count <= other.count)
        try self.init(count: count)
        withUnsafeMutableBytes { dst in
            other.withUnsafeBytes { src in
                if count > 0 { dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + count])) }
            }
        }
    }

    deinit {
        sodium_free(base)
    }

    /// Scoped read access. The pointer must not escape `body`.
    package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Scoped write access. The pointer must not escape `body`.
    package func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(start: base, count: count))
    }

    /// Constant-time equality (`sodium_memcmp`); false when lengths differ.
    public func constantTimeEquals(_ other: SecureBytes) -> Bool {
        guard count == other.count else { return false }
        if count == 0 { return true }
        return withUnsafeBytes { a in
            other.withUnsafeBytes { b in sodium_memcmp(a.baseAddress!, b.baseAddress!, count) == 0 }
        }
    }

    /// Overwrites the contents with zeros now (the buffer is also wiped on free).
    public func wipe() {
        sodium_memzero(base, Swift.max(count, 1))
    }
}

extension SecureBytes: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never prints the contents.
    public var description: String { "SecureBytes(\(count) bytes, redacted)" }
    public var debugDescription: String { description }
}

extension Bytes {
    /// Overwrites a plain buffer that briefly held a secret (a form field on
    /// its way into SecureBytes) with zeros, in a way the compiler cannot
    /// drop (`sodium_memzero`). Best effort: copies Swift made earlier are
    /// out of reach, which is why secrets go into SecureBytes at once.
    public static func wipe(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeMutableBytes { sodium_memzero($0.baseAddress!, $0.count) }
    }

    /// Overwrites memory another library handed back with a secret in it
    /// (swift-crypto returns an HPKE plaintext as `Data`) with zeros, once
    /// the secret has been copied into SecureBytes. Same best effort as above.
    package static func wipe(raw: UnsafeMutableRawBufferPointer) {
        guard let base = raw.baseAddress, raw.count > 0 else { return }
        sodium_memzero(base, raw.count)
    }
}
