import SystemKit
import AgeKit
import SodiumKit

/// A PosixFile as an age input.
final class PosixInput: AgeInput {
    let file: PosixFile
    init(_ file: PosixFile) { self.file = file }
    func read(into buffer: inout [UInt8], offset: Int, maxCount: Int) throws -> Int {
        try FileDescriptorInput(file.fd).read(into: &buffer, offset: offset, maxCount: maxCount)
    }
}

/// Passes bytes through while hashing them (BLAKE2b-256) and, optionally,
/// copying them to a file: how an import keeps the exact bytes it verified.
final class HashingInput: AgeInput {
    private let inner: AgeInput
    private let hasher: BLAKE2bHasher
    private let copy: PosixFile?
    private let observe: ((ArraySlice<UInt8>) -> Void)?
    private(set) var count: Int64 = 0

    /// `observe` sees every byte too (a backup checks a document's chunks as it copies them).
    init(_ inner: AgeInput, copyTo: PosixFile? = nil, observe: ((ArraySlice<UInt8>) -> Void)? = nil) throws {
        self.inner = inner
        hasher = try BLAKE2bHasher(length: 32)
        copy = copyTo
        self.observe = observe
    }

    func read(into buffer: inout [UInt8], offset: Int, maxCount: Int) throws -> Int {
        let n = try inner.read(into: &buffer, offset: offset, maxCount: maxCount)
        if n > 0 {
            let slice = Array(buffer[offset..<offset + n])
            hasher.update(slice)
            try copy?.write(slice)
            observe?(slice[...])
            count += Int64(n)
        }
        return n
    }

    /// Reads whatever the consumer left (nothing, for a valid age file) and returns the digest.
    func finish() throws -> [UInt8] {
        var scratch = [UInt8](repeating: 0, count: 1 << 16)
        while try read(into: &scratch, offset: 0, maxCount: scratch.count) > 0 {}
        return hasher.finalize()
    }
}
