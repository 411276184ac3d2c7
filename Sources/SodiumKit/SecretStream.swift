import CSodium

/// libsodium's secretstream (XChaCha20-Poly1305): a sequence of authenticated
/// chunks under one key.
///
/// Each chunk carries a tag. The stream's nonce advances with every chunk, so
/// a dropped, repeated or reordered chunk fails authentication; the last chunk
/// is tagged FINAL, so a stream cut short is detected by the reader finding
/// no FINAL chunk. Tags other than MESSAGE and FINAL are never produced here
/// and are refused on read.
public enum SecretStream {
    public static let keyBytes = Int(crypto_secretstream_xchacha20poly1305_keybytes())
    public static let headerBytes = Int(crypto_secretstream_xchacha20poly1305_headerbytes())
    /// Bytes each chunk grows by (1 tag byte + 16 MAC bytes).
    public static let overheadBytes = Int(crypto_secretstream_xchacha20poly1305_abytes())

    static let tagMessage = UInt8(crypto_secretstream_xchacha20poly1305_tag_message())
    static let tagFinal = UInt8(crypto_secretstream_xchacha20poly1305_tag_final())
    static let stateBytes = Int(crypto_secretstream_xchacha20poly1305_statebytes())

    /// A fresh random stream key in secure memory.
    public static func generateKey() throws -> SecureBytes {
        try SecureBytes.random(count: keyBytes)
    }

    /// Encrypts a stream chunk by chunk.
    public final class Encryptor {
        /// Holds the running key and nonce: secret, so in secure memory.
        private let state: SecureBytes
        /// The stream header (public; the reader needs it first).
        public let header: [UInt8]
        private var finished = false

        public init(key: SecureBytes) throws {
            Sodium.ensureInitialized()
            guard key.count == keyBytes else { throw SodiumError.invalidLength(what: "stream key", expected: keyBytes, actual: key.count) }
            state = try SecureBytes(count: stateBytes)
            var h = [UInt8](repeating: 0, count: headerBytes)
            let rc = state.withUnsafeMutableBytes { s in
                key.withUnsafeBytes { k in
                    crypto_secretstream_xchacha20poly1305_init_push(
                        s.baseAddress!.assumingMemoryBound(to: crypto_secretstream_xchacha20poly1305_state.self),
                        &h, k.bindMemory(to: UInt8.self).baseAddress!)
                }
            }
            guard rc == 0 else { throw SodiumError.failed("secretstream init_push") }
            header = h
        }

        /// Encrypts `input` into `output` (needs `input.count + overheadBytes`
        /// of capacity), authenticating `associatedData` with it. `isFinal`
        /// marks the last chunk; nothing may be pushed after it.
        public func push(_ input: ChunkBuffer, associatedData ad: [UInt8], isFinal: Bool, into output: ChunkBuffer) throws {
            guard !finished else { throw SodiumError.failed("secretstream push after the final chunk") }
            let n = input.count
            guard output.capacity >= n + overheadBytes else {
                throw SodiumError.invalidLength(what: "stream output buffer", expected: n + overheadBytes, actual: output.capacity)
            }
            var outLen: UInt64 = 0
            let rc = state.withUnsafeMutableBytes { s in
                input.withUnsafeBytes { m in
                    output.withUnsafeMutableCapacity { c in
                        crypto_secretstream_xchacha20poly1305_push(
                            s.baseAddress!.assumingMemoryBound(to: crypto_secretstream_xchacha20poly1305_state.self),
                            c.baseAddress!.assumingMemoryBound(to: UInt8.self), &outLen,
                            m.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(n),
                            ad, UInt64(ad.count), isFinal ? tagFinal : tagMessage)
                    }
                }
            }
            guard rc == 0 else { throw SodiumError.failed("secretstream push") }
            output.count = Int(outLen)
            finished = isFinal
        }
    }

    /// Decrypts and authenticates a stream chunk by chunk.
    public final class Decryptor {
        private let state: SecureBytes
        /// Whether the FINAL chunk has been read.
        public private(set) var isFinished = false

        /// Starts reading a stream; throws `authenticationFailed` for a malformed header.
        public init(key: SecureBytes, header: [UInt8]) throws {
            Sodium.ensureInitialized()
            guard key.count == keyBytes else { throw SodiumError.invalidLength(what: "stream key", expected: keyBytes, actual: key.count) }
            guard header.count == headerBytes else { throw SodiumError.authenticationFailed }
            state = try SecureBytes(count: stateBytes)
            let rc = state.withUnsafeMutableBytes { s in
                key.withUnsafeBytes { k in
                    crypto_secretstream_xchacha20poly1305_init_pull(
                        s.baseAddress!.assumingMemoryBound(to: crypto_secretstream_xchacha20poly1305_state.self),
                        header, k.bindMemory(to: UInt8.self).baseAddress!)
                }
            }
            guard rc == 0 else { throw SodiumError.authenticationFailed }
        }

        /// Decrypts the chunk in `input` into `output`; returns whether it was
        /// the FINAL chunk. Throws `authenticationFailed` if the chunk, its
        /// position in the stream or `associatedData` is not what was pushed,
        /// or if anything follows the FINAL chunk. On failure `output` is
        /// wiped: no unauthenticated plaintext is left for the caller.
        public func pull(_ input: ChunkBuffer, associatedData ad: [UInt8], into output: ChunkBuffer) throws -> Bool {
            guard !isFinished else { throw SodiumError.authenticationFailed }
            let n = input.count
            guard n >= overheadBytes else { throw SodiumError.authenticationFailed }
            guard output.capacity >= n - overheadBytes else {
                throw SodiumError.invalidLength(what: "stream output buffer", expected: n - overheadBytes, actual: output.capacity)
            }
            var outLen: UInt64 = 0
            var tag: UInt8 = 0
            let rc = state.withUnsafeMutableBytes { s in
                input.withUnsafeBytes { c in
                    output.withUnsafeMutableCapacity { m in
                        crypto_secretstream_xchacha20poly1305_pull(
                            s.baseAddress!.assumingMemoryBound(to: crypto_secretstream_xchacha20poly1305_state.self),
                            m.baseAddress!.assumingMemoryBound(to: UInt8.self), &outLen, &tag,
                            c.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(n),
                            ad, UInt64(ad.count))
                    }
                }
            }
            guard rc == 0, tag == tagMessage || tag == tagFinal else {
                output.wipe()
                throw SodiumError.authenticationFailed
            }
            output.count = Int(outLen)
            isFinished = tag == tagFinal
            return isFinished
        }
    }
}
