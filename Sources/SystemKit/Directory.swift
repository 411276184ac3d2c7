#if canImport(Glibc)
import Glibc
#endif

/// A directory opened once without following a symbolic link; every file
/// in it is then opened, created, renamed and removed relative to that
/// descriptor (openat, renameat, unlinkat), never by a path that could
/// lead elsewhere. What is safe to use is the caller's policy (CaseVault's
/// VaultDirectory): this type only gives it the facts (`FileStatus`) and
/// the calls.
public final class Directory {
    /// The path the directory was opened by (for messages, and for code that
    /// opens files by name, as SQLite does).
    public let path: String
    let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    /// Opens the directory at `path`, O_NOFOLLOW on its last component
    /// (the directories above it may be links). A link there is
    /// `.symbolicLink` (or `.notDirectory`, as Linux may say), nothing there
    /// `.notFound`.
    public static func open(_ path: String) throws -> Directory {
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw SystemError.last("open", path) }
        return Directory(path: path, fd: fd)
    }

    /// The path of `name` in this directory, for messages.
    public func subpath(_ name: String) -> String { path + "/" + name }

    /// Makes the subdirectory `name`, mode 0700; nothing if it exists.
    public func makeSubdirectory(_ name: String) throws {
        if mkdirat(fd, name, 0o700) != 0 && errno != EEXIST { throw SystemError.last("create", subpath(name)) }
    }

    /// Opens the subdirectory `name` without following a link.
    public func subdirectory(_ name: String) throws -> Directory {
        let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
        guard sub >= 0 else { throw SystemError.last("open", subpath(name)) }
        return Directory(path: subpath(name), fd: sub)
    }

    /// fstat of the directory itself.
    public func status() throws -> FileStatus {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SystemError.last("open", path) }
        return FileStatus(st)
    }

    /// fchmod of the directory itself (on the descriptor, never a path).
    public func setPermissions(_ mode: UInt32) {
        _ = fchmod(fd, mode_t(mode))
    }

    /// lstat of `name` (a link is described, never followed); nil if missing.
    public func entry(_ name: String) -> FileStatus? {
        var st = stat()
        return fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? FileStatus(st) : nil
    }

    /// Where the symbolic link at `path` points; nil if it is none.
    public static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `path` with every link resolved (realpath); nil if it cannot be.
    public static func resolvedPath(_ path: String) -> String? {
        realpath(path, nil).map { p in defer { free(p) }; return String(cString: p) }
    }

    /// The names in the directory (no `.` or `..`), unsorted.
    public func names() throws -> [String] {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else {
            let e = errno
            if copy >= 0 { close(copy) }
            throw SystemError(errno: e, "list", path)
        }
        defer { closedir(dir) }
        rewinddir(dir)  // the copy shares the offset of earlier listings
        var out: [String] = []
        while let e = readdir(dir) {
            let name = withUnsafePointer(to: e.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: e.pointee.d_name)) { String(cString: $0) }
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }

    public enum Access: Sendable {
        /// An existing file, to read.
        case read
        /// An existing file, to read and overwrite.
        case readWrite
        /// An existing file, or a new one (mode 0600), to read and write (a lock).
        case openOrCreate
        /// A new file (mode 0600) that must not exist yet, to write.
        case createNew
    }

    /// Opens `name` with O_NOFOLLOW, O_NONBLOCK and O_NOCTTY, then hands
    /// fstat of the open descriptor to `accept`, which throws to refuse it
    /// (the descriptor is closed, nothing read or written). O_NONBLOCK is
    /// then cleared, and a file created or opened to create that is the
    /// effective user's gets mode 0600. Nil when an existing file was asked
    /// for and `name` is missing; `.exists` when `createNew` finds one.
    public func openFile(_ name: String, _ access: Access, accept: (FileStatus) throws -> Void) throws -> PosixFile? {
        let base = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY
        let flags: Int32
        switch access {
        case .read: flags = base | O_RDONLY
        case .readWrite: flags = base | O_RDWR
        case .openOrCreate: flags = base | O_RDWR | O_CREAT
        case .createNew: flags = base | O_WRONLY | O_CREAT | O_EXCL
        }
        let fd = openat(self.fd, name, flags, 0o600)
        guard fd >= 0 else {
            let e = errno
            if e == ENOENT && (access == .read || access == .readWrite) { return nil }
            throw SystemError(errno: e, access == .createNew ? "create" : "open", subpath(name))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = errno; close(fd); throw SystemError(errno: e, "open", subpath(name)) }
        let status = FileStatus(st)
        do { try accept(status) } catch { close(fd); throw error }
        PosixFile.setBlocking(fd)
        if access == .createNew || access == .openOrCreate, status.owner == SystemUser.effectiveID, status.permissions != 0o600 {
            _ = fchmod(fd, 0o600)
        }
        return PosixFile(descriptor: fd, path: subpath(name))
    }

    /// O_PATH, which Swift does not import (`__O_PATH`, the same value on
    /// x86-64 and the generic Linux ABI, arm64 included).
    private static let oPath = Int32(0o10000000)

    /// Sets the mode of `name` to `mode` through a descriptor opened with
    /// O_PATH | O_NOFOLLOW: never a link's target. `accept` sees fstat of
    /// that descriptor first and throws to refuse; nothing if `name` is
    /// missing, or not the effective user's, or already has `mode`.
    ///
    /// For SQLite's files, which the process may hold open with POSIX
    /// (fcntl) locks: closing *any* ordinary descriptor of a file drops all
    /// of the process's POSIX locks on it, SQLite's included (its WAL
    /// reader and dead-man-switch locks), so these files are never opened
    /// for reading or writing here. An O_PATH descriptor does not count
    /// (Linux drops no lock when one closes), and fchmod refuses one, so
    /// the mode is set through its /proc/self/fd link, which names that
    /// very inode, not a path that could be swapped meanwhile.
    public func setMode(_ name: String, _ mode: UInt32, accept: (FileStatus) throws -> Void) throws {
        let pathFD = openat(fd, name, Self.oPath | O_NOFOLLOW | O_CLOEXEC)
        guard pathFD >= 0 else {
            if errno == ENOENT { return }
            throw SystemError.last("open", subpath(name))
        }
        defer { close(pathFD) }
        var st = stat()
        guard fstat(pathFD, &st) == 0 else { throw SystemError.last("open", subpath(name)) }
        let status = FileStatus(st)
        try accept(status)
        guard status.owner == SystemUser.effectiveID, status.permissions != mode else { return }
        _ = chmod("/proc/self/fd/\(pathFD)", mode_t(mode))
    }

    /// Renames `from` to `to` in this directory (the names, never a link's target).
    public func rename(_ from: String, _ to: String) throws {
        guard renameat(fd, from, fd, to) == 0 else { throw SystemError.last("rename", subpath(to)) }
    }

    /// Removes the name `name` if it still names `file` (same device and
    /// inode as the open descriptor); a name that now names something else
    /// (or nothing) is left as it is.
    public func unlink(_ name: String, ifSameAs file: PosixFile) throws {
        guard let open = try? file.status(), let now = entry(name), now.isSameFile(as: open) else { return }
        guard unlinkat(fd, name, 0) == 0 || errno == ENOENT else { throw SystemError.last("remove", subpath(name)) }
    }

    /// Removes `name` if it is a regular file (a name we made and are giving
    /// up); a link or anything else is left alone.
    public func removeFile(_ name: String) {
        guard let st = entry(name), st.type == .regular else { return }
        _ = unlinkat(fd, name, 0)
    }

    /// fsyncs the directory, so a rename or unlink in it survives a crash.
    public func sync() throws {
        guard fsync(fd) == 0 else { throw SystemError.last("sync", path) }
    }
}
