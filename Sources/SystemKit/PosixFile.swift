import SodiumKit
#if canImport(Glibc)
import Glibc
#endif

/// An open file descriptor with the calls the product's file input and
/// output need; each failure is a `SystemError` (full disk, permissions).
///
/// The one type that moves file bytes through raw pointers: every file the
/// product writes is written by `write` here (directly, through
/// `AtomicOutput`, or through AgeKit's `FileDescriptorOutput`); everything
/// above works on `ChunkBuffer`s, arrays and `SecureBytes`.
public final class PosixFile {
    public let fd: Int32
    public let path: String
    private var owned: Bool

    private init(fd: Int32, path: String, owned: Bool) {
        self.fd = fd
        self.path = path
        self.owned = owned
    }

    deinit {
        if owned { Glibc.close(fd) }
    }

    /// Wraps a descriptor the caller keeps (standard output).
    public static func borrowing(_ fd: Int32, name: String) -> PosixFile {
        PosixFile(fd: fd, path: name, owned: false)
    }

    /// Takes ownership of a descriptor opened elsewhere (Directory).
    convenience init(descriptor: Int32, path: String) {
        self.init(fd: descriptor, path: path, owned: true)
    }

    /// Opens a file given by the user (a document to add, a share, a
    /// backup, an age input), following links: it must be a regular file.
    /// O_NONBLOCK keeps the open of a FIFO without a writer (or of a device)
    /// from hanging; such a file is refused (`.notRegularFile`) without a
    /// byte read, and O_NONBLOCK is cleared again for a regular file. A pipe
    /// is refused too: the commands that read files need to read them
    /// whole, from a name that still holds them if something fails.
    public static func openForReading(_ path: String) throws -> PosixFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw SystemError.last("open", path) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = errno; Glibc.close(fd); throw SystemError(errno: e, "open", path) }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            Glibc.close(fd)
            throw SystemError(kind: .notRegularFile, operation: "open", path: path,
                              reason: "it is \(FileStatus(st).kindForInput), not a regular file; nothing was read from it")
        }
        setBlocking(fd)
        return PosixFile(fd: fd, path: path, owned: true)
    }

    /// Opens `path` (following links) to read, whatever it is: an age
    /// input may be a pipe (`<(...)`), as with age itself.
    public static func openAnyForReading(_ path: String) throws -> PosixFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError.last("open", path) }
        return PosixFile(fd: fd, path: path, owned: true)
    }

    /// Clears O_NONBLOCK (set to open a FIFO or device without hanging).
    static func setBlocking(_ fd: Int32) {
        let status = fcntl(fd, F_GETFL)
        if status >= 0 { _ = fcntl(fd, F_SETFL, status & ~O_NONBLOCK) }
    }

    /// Creates a new file that must not exist yet, mode 0600 whatever the umask.
    public static func createExclusive(_ path: String) throws -> PosixFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemError.last("create", path) }
        _ = fchmod(fd, 0o600)
        return PosixFile(fd: fd, path: path, owned: true)
    }

    /// Creates an unnamed file in `directory` (Linux O_TMPFILE), mode 0600.
    /// It has no name until `link(as:)`, so if the process dies first,
    /// even by SIGKILL, the kernel frees it and nothing is left behind.
    /// Returns nil where the filesystem does not support unnamed files.
    public static func createUnnamed(inDirectory directory: String) throws -> PosixFile? {
        // O_TMPFILE is a macro expression Swift does not import: __O_TMPFILE
        // (0o20000000 on x86-64 and the generic Linux ABI, arm64 included)
        // together with O_DIRECTORY.
        let oTmpfile = Int32(0o20000000) | O_DIRECTORY
        let fd = open(directory, O_WRONLY | oTmpfile | O_CLOEXEC, 0o600)
        if fd < 0 {
            let e = errno
            if e == EOPNOTSUPP || e == EISDIR || e == EINVAL { return nil }
            throw SystemError(errno: e, "create a file in", directory)
        }
        _ = fchmod(fd, 0o600)
        return PosixFile(fd: fd, path: directory, owned: true)
    }

    /// Gives an unnamed file the name `path`; fails with `.exists` if
    /// `path` exists (never replaces it).
    public func link(as path: String) throws {
        guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 else {
            throw SystemError.last("create", path)
        }
    }

    public var size: Int64 {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int64(st.st_size) : 0
    }

    /// fstat of the open descriptor.
    public func status() throws -> FileStatus {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SystemError.last("stat", path) }
        return FileStatus(st)
    }

    /// Fills `buffer` up to `limit` bytes (default: its capacity), stopping
    /// early only at end of file.
    public func readFull(into buffer: ChunkBuffer, limit: Int? = nil) throws {
        let want = min(limit ?? buffer.capacity, buffer.capacity)
        var got = 0
        try buffer.withUnsafeMutableCapacity { b in
            got = try readFull(into: b, want: want)
        }
        buffer.count = got
    }

    /// Reads into `b` until `want` bytes or end of file; the count read.
    func readFull(into b: UnsafeMutableRawBufferPointer, want: Int) throws -> Int {
        var got = 0
        while got < want {
            let r = Glibc.read(fd, b.baseAddress! + got, want - got)
            if r < 0 {
                if errno == EINTR { continue }
                throw SystemError.last("read", path)
            }
            if r == 0 { break }
            got += r
        }
        return got
    }

    /// One read(2) of at most `maxCount` bytes into `buffer` at `offset`
    /// (0 at end of file), retried on EINTR: for streams.
    public func readSome(into buffer: inout [UInt8], offset: Int, maxCount: Int) throws -> Int {
        precondition(offset >= 0 && maxCount >= 0 && offset + maxCount <= buffer.count)
        if maxCount == 0 { return 0 }
        while true {
            let n = buffer.withUnsafeMutableBytes { b in Glibc.read(fd, b.baseAddress! + offset, maxCount) }
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw SystemError.last("read", path)
        }
    }

    /// Reads exactly `count` bytes, or fewer at end of file.
    public func read(count: Int) throws -> [UInt8] {
        let b = ChunkBuffer(capacity: max(count, 1))
        try readFull(into: b, limit: count)
        return b.bytes
    }

    /// Whether the file has no more bytes to read.
    public func atEnd() throws -> Bool {
        try read(count: 1).isEmpty
    }

    public func write(_ buffer: ChunkBuffer) throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    public func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    /// Writes secret bytes (a generated identity) straight from secure memory.
    public func write(secure bytes: SecureBytes) throws {
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
    public static let defaultWriteLimit = 256 << 10

    /// The most one write(2) is given. A document add sets no limit
    /// (`.max`): its file is written back as it goes (`adviseWriteback`)
    /// and fsynced, and whole 1 MiB chunks measured 0.013-0.026 s faster
    /// per 256 MiB there, without meeting the slow case above.
    public var writeLimit = PosixFile.defaultWriteLimit

    private func writeAll(_ b: UnsafeRawBufferPointer) throws {
        var off = 0
        while off < b.count {
            let w = Glibc.write(fd, b.baseAddress! + off, min(b.count - off, writeLimit))
            if w < 0 {
                if errno == EINTR { continue }
                throw SystemError.last("write", path)
            }
            off += w
        }
    }

    /// fsync: the bytes are on stable storage when this returns.
    public func sync() throws {
        guard fsync(fd) == 0 else { throw SystemError.last("sync", path) }
    }

    /// fsync if the descriptor is a regular file; pipes and terminals need
    /// none (write(2) has handed the bytes over), and fsync fails on them.
    public func syncIfRegularFile() throws {
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { try sync() }
    }

    /// Starts writeback of `length` bytes from `offset` without waiting,
    /// and drops those pages from the cache once clean
    /// (posix_fadvise(POSIX_FADV_DONTNEED)); advice only, never fails.
    public func adviseWriteback(offset: Int64, length: Int64) {
        _ = posix_fadvise(fd, off_t(offset), off_t(length), POSIX_FADV_DONTNEED)
    }

    /// Closes an owned descriptor now, reporting what close says (an NFS
    /// write error can surface only here). Nothing is done twice at deinit.
    public func close() throws {
        guard owned else { return }
        owned = false
        guard Glibc.close(fd) == 0 else { throw SystemError.last("write", path) }
    }

    /// fsyncs a directory so a rename or unlink in it survives a crash.
    public static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError.last("open", path) }
        defer { Glibc.close(fd) }
        guard fsync(fd) == 0 else { throw SystemError.last("sync", path) }
    }

    /// rename(2), replacing `to`.
    public static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw SystemError.last("rename", to) }
    }

    /// Gives `from` the name `to` only if `to` does not exist (atomically, by
    /// hard link; `.exists` if it does), then drops the old name.
    public static func renameNoReplace(_ from: String, _ to: String) throws {
        if Glibc.link(from, to) != 0 { throw SystemError.last("create", to) }
        _ = unlink(from)
    }

    /// Removes the name `path` (a file); nothing if it is missing.
    public static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Removes the directory `path` only if it is empty (rmdir).
    public static func removeEmptyDirectory(_ path: String) {
        _ = rmdir(path)
    }

    /// Whether anything (a link included) has the name `path`.
    public static func exists(_ path: String) -> Bool {
        FileStatus.of(linkAt: path) != nil
    }

    /// Sets the mode of the file at `path` (following links); for files
    /// the process just created by name.
    public static func setMode(_ path: String, _ mode: UInt32) {
        _ = chmod(path, mode_t(mode))
    }

    public static func isTerminal(_ fd: Int32) -> Bool { Terminal.isTerminal(fd) }
}
