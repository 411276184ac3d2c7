#if canImport(Glibc)
import Glibc
#endif

/// A fixed-capacity byte buffer reused for every chunk of a stream.
///
/// Streaming a large file through `[UInt8]` values would allocate (and, with
/// copy-on-write, sometimes copy) a fresh megabyte per chunk; a buffer owned
/// by a class is allocated once, so memory stays flat whatever the file size.
/// It holds document plaintext or ciphertext, never keys: keys stay in
/// `SecureBytes`. The raw accessors are `package`-scoped like SecureBytes'.
///
/// Not synchronised: a caller that shares one buffer between threads orders
/// the accesses itself (the document pipeline uses semaphores).
public final class ChunkBuffer: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer
    /// Bytes the buffer can hold.
    public let capacity: Int
    /// Bytes currently in use, `0...capacity`.
    public var count: Int = 0 {
        didSet { precondition(count >= 0 && count <= capacity, "ChunkBuffer count out of range") }
    }

    public init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
    }

    deinit {
        // Plaintext chunks of a document pass through here: clear before freeing.
        memset(base, 0, capacity)
        base.deallocate()
    }

    /// The used bytes as an array (tests and small reads only).
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Replaces the contents with `bytes` (must fit).
    public func set(_ bytes: [UInt8]) {
        precondition(bytes.count <= capacity)
        bytes.withUnsafeBytes { src in
            if !src.isEmpty { base.copyMemory(from: src.baseAddress!, byteCount: src.count) }
        }
        count = bytes.count
    }

    /// Overwrites the whole capacity with zeros and empties the buffer.
    public func wipe() {
        memset(base, 0, capacity)
        count = 0
    }

    /// Scoped read access to the used bytes.
    package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Scoped write access to the whole capacity; the caller sets `count` after.
    package func withUnsafeMutableCapacity<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeMutableRawBufferPointer(start: base, count: capacity))
    }
}
