import Foundation
import SodiumKit
#if canImport(Glibc)
import Glibc
#endif

/// An open file descriptor with the few calls document streaming needs,
/// each failure mapped to `CaseVaultError.io` (full disk, permissions).
///
/// The only place in CaseVault that moves document bytes through raw
/// pointers; everything above works on `ChunkBuffer`s.
final class PosixFile {
    let fd: Int32
    let path: String
    private let owned: Bool

    private init(fd: Int32, path: String, owned: Bool) {
        self.fd = fd
        self.path = path
        self.owned = owned
    }

    deinit {
        if owned { close(fd) }
    }

    /// Wraps a descriptor the caller keeps (standard output).
    static func borrowing(_ fd: Int32, name: String) -> PosixFile {
        PosixFile(fd: fd, path: name, owned: false)
    }

    /// Takes ownership of a descriptor opened elsewhere (VaultDirectory).
    convenience init(descriptor: Int32, path: String) {
        self.init(fd: descriptor, path: path, owned: true)
    }

    /// Opens a file given by the user (a document to add, a share, a
    /// backup), following links: it must be a regular file. O_NONBLOCK
    /// keeps the open of a FIFO without a writer (or of a device) from
    /// hanging; such a file is refused without a byte read, and O_NONBLOCK
    /// is cleared again for a regular file. A pipe is refused too: the
    /// commands that read files need to read them whole, from a name that
    /// still holds them if something fails (save a pipe's output first).
    static func openForReading(_ path: String) throws -> PosixFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw error(errno, "open", path) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = errno; close(fd); throw error(e, "open", path) }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw CaseVaultError.invalidInput(field: "file \(path)", reason: "it is \(kind(st)), not a regular file; nothing was read from it",
                                              expected: "a path to a regular file (save the output of a pipe to a file first)")
        }
        let status = fcntl(fd, F_GETFL)
        if status >= 0 { _ = fcntl(fd, F_SETFL, status & ~O_NONBLOCK) }
        return PosixFile(fd: fd, path: path, owned: true)
    }

    /// "a FIFO or pipe", "a device", ... for a file that is not regular.
    static func kind(_ st: stat) -> String {
        switch st.st_mode & S_IFMT {
        case S_IFIFO: return "a FIFO or pipe"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        default: return "a special file"
        }
    }

    /// Creates a new file that must not exist yet, mode 0600 whatever the umask.
    static func createExclusive(_ path: String) throws -> PosixFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw error(errno, "create", path) }
        _ = fchmod(fd, 0o600)
        return PosixFile(fd: fd, path: path, owned: true)
    }

    /// Creates an unnamed file in `directory` (Linux O_TMPFILE), mode 0600.
    /// It has no name until `link(as:)`, so if the process dies first,
    /// even by SIGKILL, the kernel frees it and nothing is left behind.
    /// Returns nil where the filesystem does not support unnamed files.
    static func createUnnamed(inDirectory directory: String) throws -> PosixFile? {
        // O_TMPFILE is a macro expression Swift does not import: __O_TMPFILE
        // (0o20000000 on x86-64 and the generic Linux ABI, arm64 included)
        // together with O_DIRECTORY.
        let oTmpfile = Int32(0o20000000) | O_DIRECTORY
        let fd = open(directory, O_WRONLY | oTmpfile | O_CLOEXEC, 0o600)
        if fd < 0 {
            let e = errno
            if e == EOPNOTSUPP || e == EISDIR || e == EINVAL { return nil }
            throw error(e, "create a file in", directory)
        }
        _ = fchmod(fd, 0o600)
        return PosixFile(fd: fd, path: directory, owned: true)
    }

    /// Gives an unnamed file the name `path`; fails with `alreadyExists` if
    /// `path` exists (never replaces it).
    func link(as path: String) throws {
        guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 else {
            let e = errno
            if e == EEXIST { throw CaseVaultError.alreadyExists(what: "file", name: path) }
            throw PosixFile.error(e, "create", path)
        }
    }

    var size: Int64 {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int64(st.st_size) : 0
    }

    /// fstat of the open descriptor.
    func status() throws -> stat {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw PosixFile.error(errno, "stat", path) }
        return st
    }

    /// Fills `buffer` up to `limit` bytes (default: its capacity), stopping
    /// early only at end of file.
    func readFull(into buffer: ChunkBuffer, limit: Int? = nil) throws {
        let want = min(limit ?? buffer.capacity, buffer.capacity)
        var got = 0
        try buffer.withUnsafeMutableCapacity { b in
            while got < want {
                let r = Glibc.read(fd, b.baseAddress! + got, want - got)
                if r < 0 {
                    if errno == EINTR { continue }
                    throw PosixFile.error(errno, "read", path)
                }
                if r == 0 { break }
                got += r
            }
        }
        buffer.count = got
    }

    /// Reads exactly `count` bytes, or fewer at end of file.
    func read(count: Int) throws -> [UInt8] {
        let b = ChunkBuffer(capacity: max(count, 1))
        try readFull(into: b, limit: count)
        return b.bytes
    }

    /// Whether the file has no more bytes to read.
    func atEnd() throws -> Bool {
        try read(count: 1).isEmpty
    }

    func write(_ buffer: ChunkBuffer) throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    /// The most one write(2) is given by default. On the project's VMs
    /// (Linux 6.18, ext4 with large folios, virtio-balloon free page
    /// reporting), buffered writes of 1 MiB or more often made the kernel
    /// fill page-cache folios in memory the host had taken back: 10 of 34
    /// `dd` runs with 1-8 MiB blocks spent 0.5-0.8 s of system time per
    /// 256 MiB instead of 0.1 s, and `doc get` (1 MiB chunks) did in all 26
    /// rounds; with 256 KiB or less, none of 41 dd runs and none of 26
    /// `doc get` rounds did. The extra system calls (1,024 per 256 MiB) cost
    /// nothing measurable. docs/documents.md, "Threads".
    static let defaultWriteLimit = 256 << 10

    /// The most one write(2) is given. A document add sets no limit: its
    /// file is written back as it goes (BackgroundFlush) and fsynced, and
    /// whole 1 MiB chunks measured 0.013-0.026 s faster per 256 MiB there,
    /// without meeting the slow case above.
    var writeLimit = PosixFile.defaultWriteLimit

    private func writeAll(_ b: UnsafeRawBufferPointer) throws {
        var off = 0
        while off < b.count {
            let w = Glibc.write(fd, b.baseAddress! + off, min(b.count - off, writeLimit))
            if w < 0 {
                if errno == EINTR { continue }
                throw PosixFile.error(errno, "write", path)
            }
            off += w
        }
    }

    /// fsync: the bytes are on stable storage when this returns.
    func sync() throws {
        guard fsync(fd) == 0 else { throw PosixFile.error(errno, "sync", path) }
    }

    /// fsyncs a directory so a rename or unlink in it survives a crash.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw error(errno, "open", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw error(errno, "sync", path) }
    }

    static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw error(errno, "rename", to) }
    }

    /// Gives `from` the name `to` only if `to` does not exist (atomically, by
    /// hard link), then drops the old name.
    static func renameNoReplace(_ from: String, _ to: String) throws {
        if Glibc.link(from, to) != 0 {
            let e = errno
            if e == EEXIST { throw CaseVaultError.alreadyExists(what: "file", name: to) }
            throw error(e, "create", to)
        }
        _ = unlink(from)
    }

    static func remove(_ path: String) {
        _ = unlink(path)
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Maps errno to the user-facing error (the disk is full, permission denied ...).
    static func error(_ code: Int32, _ operation: String, _ path: String) -> CaseVaultError {
        switch code {
        case ENOSPC, EDQUOT, EFBIG:
            return .io(operation: operation, path: path, reason: "the disk is full (or a file size limit was reached)")
        default:
            return .io(operation: operation, path: path, reason: String(cString: strerror(code)))
        }
    }
}
