import CSodium
import Dispatch

/// ChaCha20-Poly1305 as in RFC 8439 (`crypto_aead_chacha20poly1305_ietf_*`):
/// 256-bit key, 96-bit nonce, 128-bit tag.
///
/// The 96-bit nonce is too short to draw at random for many messages under
/// one key. Callers use it only where each key encrypts one message (age wraps
/// a file key with a fixed zero nonce under a fresh key) or with a counter
/// (age's STREAM payload), and say so where they do.
public enum ChaCha20Poly1305IETF {
    public static let keyBytes = Int(crypto_aead_chacha20poly1305_ietf_keybytes())
    public static let nonceBytes = Int(crypto_aead_chacha20poly1305_ietf_npubbytes())
    public static let tagBytes = Int(crypto_aead_chacha20poly1305_ietf_abytes())

    /// Encrypts `plaintext[0..<count]` into `output[0..<count + tagBytes]`
    /// without allocating (for chunked streams). `output` must be large enough.
    /// Returns the number of bytes written.
    @discardableResult
    public static func seal(_ plaintext: [UInt8], count: Int, associatedData ad: [UInt8] = [], nonce: [UInt8],
                            key: SecureBytes, into output: inout [UInt8]) throws -> Int {
        Sodium.ensureInitialized()
        try check(key: key, nonce: nonce)
        guard count >= 0, count <= plaintext.count, output.count >= count + tagBytes else {
            throw SodiumError.invalidLength(what: "aead output buffer", expected: count + tagBytes, actual: output.count)
        }
        var outLen: UInt64 = 0
        let rc = key.withUnsafeBytes { k in
            plaintext.withUnsafeBufferPointer { p in
                output.withUnsafeMutableBufferPointer { o in
                    crypto_aead_chacha20poly1305_ietf_encrypt(
                        o.baseAddress!, &outLen, p.baseAddress, UInt64(count),
                        ad.isEmpty ? nil : ad, UInt64(ad.count), nil, nonce, k.bindMemory(to: UInt8.self).baseAddress!)
                }
            }
        }
        guard rc == 0 else { throw SodiumError.failed("chacha20poly1305 encrypt") }
        return Int(outLen)
    }

    /// Authenticates and decrypts `ciphertext[0..<count]` into `output`
    /// (which must hold `count - tagBytes` bytes). Nothing is written to
    /// `output` unless the tag verifies (libsodium checks before decrypting).
    /// Throws `SodiumError.authenticationFailed` on a wrong key or any change.
    @discardableResult
    public static func open(_ ciphertext: [UInt8], count: Int, associatedData ad: [UInt8] = [], nonce: [UInt8],
                            key: SecureBytes, into output: inout [UInt8]) throws -> Int {
        Sodium.ensureInitialized()
        try check(key: key, nonce: nonce)
        guard count >= tagBytes, count <= ciphertext.count else { throw SodiumError.authenticationFailed }
        guard output.count >= count - tagBytes else {
            throw SodiumError.invalidLength(what: "aead output buffer", expected: count - tagBytes, actual: output.count)
        }
        var outLen: UInt64 = 0
        let rc = key.withUnsafeBytes { k in
            ciphertext.withUnsafeBufferPointer { c in
                output.withUnsafeMutableBufferPointer { o in
                    crypto_aead_chacha20poly1305_ietf_decrypt(
                        o.baseAddress, &outLen, nil, c.baseAddress!, UInt64(count),
                        ad.isEmpty ? nil : ad, UInt64(ad.count), nonce, k.bindMemory(to: UInt8.self).baseAddress!)
                }
            }
        }
        guard rc == 0 else { throw SodiumError.authenticationFailed }
        return Int(outLen)
    }

    /// Encrypts a public message; returns ciphertext and tag.
    public static func seal(_ plaintext: [UInt8], associatedData ad: [UInt8] = [], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: plaintext.count + tagBytes)
        try seal(plaintext, count: plaintext.count, associatedData: ad, nonce: nonce, key: key, into: &out)
        return out
    }

    /// Decrypts a public message.
    public static func open(_ ciphertext: [UInt8], associatedData ad: [UInt8] = [], nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        guard ciphertext.count >= tagBytes else { throw SodiumError.authenticationFailed }
        var out = [UInt8](repeating: 0, count: ciphertext.count - tagBytes)
        try open(ciphertext, count: ciphertext.count, associatedData: ad, nonce: nonce, key: key, into: &out)
        return out
    }

    /// Encrypts secret bytes (a key being wrapped) without copying them out of secure memory.
    public static func sealSecure(_ plaintext: SecureBytes, nonce: [UInt8], key: SecureBytes) throws -> [UInt8] {
        Sodium.ensureInitialized()
        try check(key: key, nonce: nonce)
        var out = [UInt8](repeating: 0, count: plaintext.count + tagBytes)
        var outLen: UInt64 = 0
        let rc = plaintext.withUnsafeBytes { m in
            key.withUnsafeBytes { k in
                crypto_aead_chacha20poly1305_ietf_encrypt(
                    &out, &outLen, m.bindMemory(to: UInt8.self).baseAddress!, UInt64(m.count),
                    nil, 0, nil, nonce, k.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        guard rc == 0 else { throw SodiumError.failed("chacha20poly1305 encrypt") }
        return out
    }

    /// Decrypts a wrapped key straight into secure memory.
    public static func openSecure(_ ciphertext: [UInt8], nonce: [UInt8], key: SecureBytes) throws -> SecureBytes {
        Sodium.ensureInitialized()
        try check(key: key, nonce: nonce)
        guard ciphertext.count >= tagBytes else { throw SodiumError.authenticationFailed }
        let out = try SecureBytes(count: ciphertext.count - tagBytes)
        var outLen: UInt64 = 0
        let rc = out.withUnsafeMutableBytes { o in
            key.withUnsafeBytes { k in
                crypto_aead_chacha20poly1305_ietf_decrypt(
                    o.bindMemory(to: UInt8.self).baseAddress!, &outLen, nil, ciphertext, UInt64(ciphertext.count),
                    nil, 0, nonce, k.bindMemory(to: UInt8.self).baseAddress!)
            }
        }
        guard rc == 0 else { throw SodiumError.authenticationFailed }
        return out
    }

    private static func check(key: SecureBytes, nonce: [UInt8]) throws {
        guard key.count == keyBytes else { throw SodiumError.invalidLength(what: "key", expected: keyBytes, actual: key.count) }
        guard nonce.count == nonceBytes else { throw SodiumError.invalidLength(what: "nonce", expected: nonceBytes, actual: nonce.count) }
    }
}

// MARK: - Segments sealed and opened in parallel

extension ChaCha20Poly1305IETF {
    /// Seals consecutive segments of `plaintext[0..<length]`, each of
    /// `segmentSize` bytes except a shorter last one, under one key with one
    /// nonce each (`nonces`: 12 bytes per segment, back to back). Segment `i`
    /// goes to `output[i * (segmentSize + tagBytes)...]`. Segments are
    /// independent, so they are sealed on all cores, or on the calling thread
    /// alone when `parallel` is false (the caller keeps other cores busy).
    /// Returns the bytes written. At least one segment is sealed (an empty
    /// `length` gives one empty segment).
    public static func sealSegments(_ plaintext: [UInt8], length: Int, segmentSize: Int, nonces: [UInt8],
                                    key: SecureBytes, parallel: Bool = true, into output: inout [UInt8]) throws -> Int {
        try plaintext.withUnsafeBytes { p in
            try sealSegments(p, length: length, segmentSize: segmentSize, nonces: nonces, key: key,
                             parallel: parallel, into: &output)
        }
    }

    /// The same, sealing straight from memory the caller owns (a document
    /// chunk being exported), without copying it first.
    public static func sealSegments(_ plaintext: UnsafeRawBufferPointer, length: Int, segmentSize: Int, nonces: [UInt8],
                                    key: SecureBytes, parallel: Bool = true, into output: inout [UInt8]) throws -> Int {
        Sodium.ensureInitialized()
        let n = max(1, (length + segmentSize - 1) / segmentSize)
        guard key.count == keyBytes, nonces.count >= n * nonceBytes, length <= plaintext.count,
              output.count >= length + n * tagBytes else {
            throw SodiumError.invalidLength(what: "aead segments", expected: length + n * tagBytes, actual: output.count)
        }
        let tag = tagBytes, nb = nonceBytes
        var failures = 0
        key.withUnsafeBytes { k in
            plaintext.withMemoryRebound(to: UInt8.self) { p in
                output.withUnsafeMutableBufferPointer { o in
                    nonces.withUnsafeBufferPointer { nn in
                        let job = SegmentJob(key: k.baseAddress!.assumingMemoryBound(to: UInt8.self), input: p.baseAddress,
                                             output: o.baseAddress!, nonces: nn.baseAddress!)
                        failures = job.run(count: n, parallel: parallel) { i in
                            let start = i * segmentSize
                            let len = min(segmentSize, length - start)
                            var outLen: UInt64 = 0
                            return crypto_aead_chacha20poly1305_ietf_encrypt(
                                job.output + i * (segmentSize + tag), &outLen, len > 0 ? job.input! + start : nil, UInt64(len),
                                nil, 0, nil, job.nonces + i * nb, job.key) == 0
                        }
                    }
                }
            }
        }
        guard failures == 0 else { throw SodiumError.failed("chacha20poly1305 encrypt") }
        return length + n * tag
    }

    /// Opens consecutive sealed segments of `ciphertext[0..<length]` (each
    /// `segmentSize + tagBytes` bytes except a shorter last one) on all cores.
    /// Segment `i`'s plaintext goes to `output[i * segmentSize...]`, written
    /// only if its tag verifies. Returns, per segment, its plaintext length or
    /// nil if it failed authentication.
    public static func openSegments(_ ciphertext: [UInt8], length: Int, segmentSize: Int, nonces: [UInt8],
                                    key: SecureBytes, into output: inout [UInt8]) throws -> [Int?] {
        Sodium.ensureInitialized()
        let sealedSize = segmentSize + tagBytes
        let n = max(1, (length + sealedSize - 1) / sealedSize)
        guard key.count == keyBytes, nonces.count >= n * nonceBytes, length <= ciphertext.count,
              output.count >= n * segmentSize else {
            throw SodiumError.invalidLength(what: "aead segments", expected: n * segmentSize, actual: output.count)
        }
        let tag = tagBytes, nb = nonceBytes
        var lengths = [Int](repeating: -1, count: n)
        key.withUnsafeBytes { k in
            ciphertext.withUnsafeBufferPointer { c in
                output.withUnsafeMutableBufferPointer { o in
                    nonces.withUnsafeBufferPointer { nn in
                        lengths.withUnsafeMutableBufferPointer { l in
                            let job = SegmentJob(key: k.baseAddress!.assumingMemoryBound(to: UInt8.self), input: c.baseAddress,
                                                 output: o.baseAddress!, nonces: nn.baseAddress!)
                            let results = SendablePointer(l.baseAddress!)
                            _ = job.run(count: n, parallel: true) { i in
                                let start = i * sealedSize
                                let len = min(sealedSize, length - start)
                                guard len >= tag else { return false }
                                var outLen: UInt64 = 0
                                let ok = crypto_aead_chacha20poly1305_ietf_decrypt(
                                    job.output + i * segmentSize, &outLen, nil, job.input! + start, UInt64(len),
                                    nil, 0, job.nonces + i * nb, job.key) == 0
                                results.pointer[i] = ok ? Int(outLen) : -1
                                return ok
                            }
                        }
                    }
                }
            }
        }
        return lengths.map { $0 < 0 ? nil : $0 }
    }
}

/// Pointers shared by the workers of one segment job. They stay valid for
/// the job, which ends before the enclosing `withUnsafe...` scopes return;
/// workers write disjoint ranges only.
private struct SegmentJob: @unchecked Sendable {
    let key: UnsafePointer<UInt8>
    let input: UnsafePointer<UInt8>?
    let output: UnsafeMutablePointer<UInt8>
    let nonces: UnsafePointer<UInt8>

    /// Runs `body` for 0..<count, in parallel when asked and there is more
    /// than one segment; returns how many calls returned false.
    func run(count: Int, parallel: Bool, _ body: @escaping @Sendable (Int) -> Bool) -> Int {
        if count == 1 || !parallel { return (0..<count).reduce(0) { $0 + (body($1) ? 0 : 1) } }
        let failures = SendablePointer(UnsafeMutablePointer<Int>.allocate(capacity: count))
        defer { failures.pointer.deallocate() }
        failures.pointer.initialize(repeating: 0, count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            failures.pointer[i] = body(i) ? 0 : 1
        }
        return (0..<count).reduce(0) { $0 + failures.pointer[$1] }
    }
}

private struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
