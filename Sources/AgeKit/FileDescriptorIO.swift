import SodiumKit
import SystemKit

// Age inputs and outputs over SystemKit's files: AgeKit calls no POSIX
// function itself. A SystemError becomes AgeError.io with errno's text.

/// Input from a file descriptor or an opened file.
public final class FileDescriptorInput: AgeInput {
    let file: PosixFile
    public var fileDescriptor: Int32 { file.fd }

    /// A descriptor the caller keeps open (standard input).
    public init(_ fileDescriptor: Int32) { file = PosixFile.borrowing(fileDescriptor, name: "descriptor \(fileDescriptor)") }

    /// An opened file, closed when this input is dropped.
    public init(file: PosixFile) { self.file = file }

    /// Opens `path` (any file, a pipe included, as age does).
    public static func open(path: String) throws -> FileDescriptorInput {
        do {
            return FileDescriptorInput(file: try PosixFile.openAnyForReading(path))
        } catch let e as SystemError {
            throw AgeError.io("cannot open \(path): \(e.plainReason)")
        }
    }

    public func read(into buffer: inout [UInt8], offset: Int, maxCount: Int) throws -> Int {
        do {
            return try file.readSome(into: &buffer, offset: offset, maxCount: maxCount)
        } catch let e as SystemError {
            throw AgeError.io("read failed: \(e.plainReason)")
        }
    }
}

/// Output to a file descriptor (not closed by this object): standard output.
public final class FileDescriptorOutput: AgeOutput {
    let file: PosixFile
    public var fileDescriptor: Int32 { file.fd }
    public init(_ fileDescriptor: Int32) { file = PosixFile.borrowing(fileDescriptor, name: "descriptor \(fileDescriptor)") }

    /// The most one write(2) is given: SystemKit's PosixFile.defaultWriteLimit
    /// (larger buffered writes met a slow kernel path on the project's VMs).
    static var writeLimit: Int { PosixFile.defaultWriteLimit }

    public func write(_ bytes: ArraySlice<UInt8>) throws {
        do { try file.write(bytes) } catch let e as SystemError { throw AgeError.io("write failed: \(e.plainReason)") }
    }

    /// Writes secret bytes (a generated identity) straight from secure memory.
    public func write(secure bytes: SecureBytes) throws {
        do { try file.write(secure: bytes) } catch let e as SystemError { throw AgeError.io("write failed: \(e.plainReason)") }
    }
}

/// An atomic output file (SystemKit) is an age output: errors stay
/// `SystemError`s, naming the output's final path.
extension AtomicOutput: AgeOutput {}

/// Reads small files that hold secrets (identity files) into secure memory.
public enum SecureFile {
    /// Identity files are a few lines; anything larger is not one.
    public static let maxSize = 1 << 20

    /// The whole file at `path` ("-" for standard input) in secure memory.
    public static func read(path: String) throws -> SecureBytes {
        let contents: SecureBytes?
        do {
            contents = try SecretInput.readWholeFile(path: path, maxSize: maxSize)
        } catch let e as SystemError {
            throw AgeError.io("cannot \(e.operation) \(path): \(e.plainReason)")
        }
        guard let contents else { throw AgeError.invalidIdentity("\(path) is larger than \(maxSize) bytes; it is not an identity file") }
        return contents
    }
}
