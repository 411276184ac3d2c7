import CSodium

/// Incremental BLAKE2b (`crypto_generichash_init/update/final`) of public or
/// plaintext data, for hashing a document while it streams.
///
/// With the default 64-byte output and no key this is BLAKE2b-512, the
/// digest coreutils' `b2sum` prints, so users can check a stored document
/// against their own copy.
public final class BLAKE2bHasher: @unchecked Sendable {
    public static let defaultLength = 64
    private let state: UnsafeMutableRawPointer
    private let stateSize: Int
    private let length: Int
    private var finished = false

    public init(length: Int = BLAKE2bHasher.defaultLength) throws {
        Sodium.ensureInitialized()
        guard length >= Int(crypto_generichash_bytes_min()) && length <= Int(crypto_generichash_bytes_max()) else {
            throw SodiumError.invalidLength(what: "hash length", expected: BLAKE2bHasher.defaultLength, actual: length)
        }
        self.length = length
        stateSize = crypto_generichash_statebytes()
        // The C state type is declared 64-byte aligned; allocate it so.
        state = UnsafeMutableRawPointer.allocate(byteCount: stateSize, alignment: 64)
        let rc = crypto_generichash_init(OpaquePointer(state), nil, 0, length)
        guard rc == 0 else { state.deallocate(); throw SodiumError.failed("generichash init") }
    }

    deinit {
        sodium_memzero(state, stateSize)
        state.deallocate()
    }

    /// Absorbs the used bytes of `buffer`.
    public func update(_ buffer: ChunkBuffer) {
        precondition(!finished, "BLAKE2bHasher used after finalize")
        buffer.withUnsafeBytes { b in
            if b.count > 0 {
                _ = crypto_generichash_update(OpaquePointer(state),
                                              b.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(b.count))
            }
        }
    }

    /// Absorbs `bytes`.
    public func update(_ bytes: [UInt8]) {
        update(bytes[...])
    }

    /// Absorbs `bytes` without copying them.
    public func update(_ bytes: ArraySlice<UInt8>) {
        precondition(!finished, "BLAKE2bHasher used after finalize")
        bytes.withUnsafeBufferPointer { b in
            if b.count > 0 {
                _ = crypto_generichash_update(OpaquePointer(state), b.baseAddress!, UInt64(b.count))
            }
        }
    }

    /// The digest; the hasher cannot be used afterwards.
    public func finalize() -> [UInt8] {
        precondition(!finished, "BLAKE2bHasher finalized twice")
        finished = true
        var out = [UInt8](repeating: 0, count: length)
        _ = crypto_generichash_final(OpaquePointer(state), &out, length)
        return out
    }
}
