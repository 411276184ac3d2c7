/// A read-only view of the bytes a `ChunkBuffer` holds, handed to code
/// outside the package (a web server sending a decrypted document) without
/// a copy and without a raw pointer in its hands.
///
/// A collection of bytes, with contiguous storage: `ByteBuffer.writeBytes`,
/// `Array(_:)` or `Data(_:)` copy it with one memory copy. It is valid until
/// the buffer is refilled: its producer says when (`DocumentStream.next()`:
/// until the next call). It does not keep the bytes; it looks at them.
public struct ChunkBytes: RandomAccessCollection {
    private let buffer: ChunkBuffer
    public let startIndex = 0
    public let endIndex: Int

    package init(_ buffer: ChunkBuffer) {
        self.buffer = buffer
        endIndex = buffer.count
    }

    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < endIndex, "ChunkBytes index out of range")
        return buffer.withUnsafeMutableCapacity { $0[position] }
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try buffer.withUnsafeMutableCapacity { raw in
            // ChunkBuffer's memory is initialised as UInt8 when allocated.
            try body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: endIndex))
        }
    }
}
