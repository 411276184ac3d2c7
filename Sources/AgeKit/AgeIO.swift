/// Where an age stream reads its input from (a file, a pipe, memory, another layer).
public protocol AgeInput: AnyObject {
    /// Reads up to `maxCount` bytes into `buffer[offset...]`; returns how many
    /// were read, 0 only at the end of the input.
    func read(into buffer: inout [UInt8], offset: Int, maxCount: Int) throws -> Int
}

/// Where an age stream writes its output to.
public protocol AgeOutput: AnyObject {
    /// Writes all of `bytes`.
    func write(_ bytes: ArraySlice<UInt8>) throws
}

extension AgeOutput {
    public func write(_ bytes: [UInt8]) throws { try write(bytes[...]) }
}

/// Input from a byte array in memory (tests, small messages).
public final class BytesInput: AgeInput {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: inout [UInt8], offset: Int, maxCount: Int) throws -> Int {
        let n = min(maxCount, bytes.count - position)
        guard n > 0 else { return 0 }
        buffer.replaceSubrange(offset..<offset + n, with: bytes[position..<position + n])
        position += n
        return n
    }
}

/// Output collected in memory.
public final class BytesOutput: AgeOutput {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public func write(_ bytes: ArraySlice<UInt8>) throws { self.bytes.append(contentsOf: bytes) }
}
