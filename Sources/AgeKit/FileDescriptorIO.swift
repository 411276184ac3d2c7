#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SodiumKit

// The one AgeKit file that calls read(2)/write(2): it moves bytes between
// file descriptors and the arrays and secure buffers the rest of AgeKit uses.

/// Input from a file descriptor (not closed by this object).
public final class FileDescriptorInput: AgeInput {
    public let fileDescriptor: Int32
    public init(_ fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    public func read(into buffer: inout [UInt8], offset: Int, maxCount: Int) throws -> Int {
        precondition(offset >= 0 && maxCount >= 0 && offset + maxCount <= buffer.count)
        if maxCount == 0 { return 0 }
        while true {
            let n = buffer.withUnsafeMutableBytes { b in
                Glibc.read(fileDescriptor, b.baseAddress! + offset, maxCount)
            }
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw AgeError.io("read failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// Output to a file descriptor (not closed by this object).
public final class FileDescriptorOutput: AgeOutput {
    public let fileDescriptor: Int32
    public init(_ fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    public func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    /// Writes secret bytes (a generated identity) straight from secure memory.
    public func write(secure bytes: SecureBytes) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    /// The most one write(2) is given: larger buffered writes to a file met
    /// a slow kernel path on the project's VMs (CaseVault's
    /// PosixFile.defaultWriteLimit says what was measured).
    static let writeLimit = 256 << 10

    private func writeAll(_ b: UnsafeRawBufferPointer) throws {
        var off = 0
        while off < b.count {
            let n = Glibc.write(fileDescriptor, b.baseAddress! + off, min(b.count - off, Self.writeLimit))
            if n < 0 {
                if errno == EINTR { continue }
                throw AgeError.io("write failed: \(String(cString: strerror(errno)))")
            }
            off += n
        }
    }
}

/// Reads small files that hold secrets (identity files) into secure memory.
public enum SecureFile {
    /// Identity files are a few lines; anything larger is not one.
    public static let maxSize = 1 << 20

    /// The whole file at `path` ("-" for standard input) in secure memory.
    public static func read(path: String) throws -> SecureBytes {
        let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw AgeError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { if fd != 0 { close(fd) } }
        let buffer = try SecureBytes(count: maxSize + 1)
        var total = 0
        try buffer.withUnsafeMutableBytes { b in
            while total <= maxSize {
                let n = Glibc.read(fd, b.baseAddress! + total, maxSize + 1 - total)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw AgeError.io("cannot read \(path): \(String(cString: strerror(errno)))")
                }
                if n == 0 { break }
                total += n
            }
        }
        guard total <= maxSize else { throw AgeError.invalidIdentity("\(path) is larger than \(maxSize) bytes; it is not an identity file") }
        return try SecureBytes(slice: buffer, offset: 0, count: total)
    }
}
