import SodiumKit
#if canImport(Glibc)
import Glibc
#endif

/// Reads secrets (passphrases, recovery keys) straight into secure memory.
///
/// Bytes go from `read(2)` into a `sodium_malloc` buffer one at a time, so no
/// copy of the secret is left in a Swift `String`, `Data` or stdio buffer.
public enum SecretInput {
    public enum Failure: Error, Equatable, Sendable {
        case noTerminal
        case cannotOpen(path: String, reason: String)
        case tooLong(limit: Int)
        case empty
        case readFailed(reason: String)
    }

    /// Longest secret line accepted.
    public static let maxLength = 1024

    /// Reads one line from `fd` (up to a newline or end of input), without the
    /// line ending. Reads byte by byte so the rest of the stream stays unread
    /// for the caller (for example codes that follow a passphrase on stdin).
    public static func readLine(fileDescriptor fd: Int32, maxLength: Int = SecretInput.maxLength) throws -> SecureBytes {
        let buf = try SecureBytes(count: maxLength + 1)
        var n = 0
        var sawAny = false
        try buf.withUnsafeMutableBytes { b in
            while true {
                var byte: UInt8 = 0
                let r = Glibc.read(fd, &byte, 1)
                if r < 0 {
                    if errno == EINTR { continue }
                    throw Failure.readFailed(reason: String(cString: strerror(errno)))
                }
                if r == 0 { break }
                sawAny = true
                if byte == 0x0A { break }
                if n > maxLength { byte = 0; throw Failure.tooLong(limit: maxLength) }
                b[n] = byte
                byte = 0
                n += 1
            }
            if n > 0 && b[n - 1] == 0x0D { b[n - 1] = 0; n -= 1 }
        }
        _ = sawAny
        guard n > 0 else { throw Failure.empty }
        guard n <= maxLength else { throw Failure.tooLong(limit: maxLength) }
        return try SecureBytes(slice: buf, offset: 0, count: n)
    }

    /// Reads the first line of a file (or of standard input for "-").
    public static func readFirstLine(path: String) throws -> SecureBytes {
        if path == "-" { return try readLine(fileDescriptor: 0) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        do {
            return try readLine(fileDescriptor: fd)
        } catch Failure.readFailed(let reason) {
            // A directory opens but does not read (EISDIR): name the path.
            throw Failure.cannotOpen(path: path, reason: reason)
        }
    }

    /// Whether a controlling terminal can be opened for prompting.
    public static var hasTerminal: Bool {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        if fd < 0 { return false }
        close(fd)
        return true
    }

    /// Prompts on the controlling terminal with echo off and reads one line.
    public static func prompt(_ text: String) throws -> SecureBytes {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.noTerminal }
        defer { close(fd) }
        writeAll(fd, text)
        var saved = termios()
        let isTTY = tcgetattr(fd, &saved) == 0
        if isTTY {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ECHONL)
            _ = tcsetattr(fd, TCSAFLUSH, &quiet)
        }
        defer {
            if isTTY { _ = tcsetattr(fd, TCSAFLUSH, &saved) }
        }
        return try readLine(fileDescriptor: fd)
    }

    /// Writes a message to the controlling terminal (not stdout, which may be a pipe).
    public static func tell(_ text: String) {
        let fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return }
        writeAll(fd, text)
        close(fd)
    }

    /// Reads a visible line from the terminal (answers to questions, not secrets).
    public static func askVisible(_ text: String) throws -> String {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.noTerminal }
        defer { close(fd) }
        writeAll(fd, text)
        var bytes = [UInt8]()
        while bytes.count < 4096 {
            var byte: UInt8 = 0
            let r = Glibc.read(fd, &byte, 1)
            if r < 0 && errno == EINTR { continue }
            if r <= 0 || byte == 0x0A { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var off = 0
        while off < bytes.count {
            let w = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if w < 0 && errno == EINTR { continue }
            if w <= 0 { return }
            off += w
        }
        bytes.removeAll()
    }

    /// The whole file at `path` ("-" for standard input) in secure memory,
    /// or nil if it is larger than `maxSize` (not the small secret file
    /// that was meant). Failures are `SystemError`s ("open", "read").
    public static func readWholeFile(path: String, maxSize: Int) throws -> SecureBytes? {
        let file = path == "-" ? PosixFile.borrowing(0, name: "standard input") : try PosixFile.openAnyForReading(path)
        let buffer = try SecureBytes(count: maxSize + 1)
        let total = try buffer.withUnsafeMutableBytes { b in try file.readFull(into: b, want: maxSize + 1) }
        guard total <= maxSize else { return nil }
        return try SecureBytes(slice: buffer, offset: 0, count: total)
    }
}
