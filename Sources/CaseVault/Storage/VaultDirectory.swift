import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A directory of a vault (the vault itself, `documents/`, `inbox/`),
/// opened once without following a symbolic link and checked as ssh's
/// StrictModes checks `~/.ssh`; every file in it is then opened, created,
/// renamed and removed relative to that descriptor, never by a path that
/// could lead elsewhere.
///
/// Why: an attack on the vault found that a symbolic link planted as
/// `documents/.removing-<id>.cvdoc` made `status` overwrite the link's
/// target with zeros (opening the store finishes interrupted removes), that
/// a symlinked `vault.db` was followed and its target (a device node)
/// chmodded 0600, that a vault directory owned by another user or writable
/// by everyone was used without a word, and that a FIFO in place of a
/// document file hung `check`, `backup` and `doc remove`.
///
/// The directory must (docs/design.md, "Where the vault lives"):
/// - not be a symbolic link (O_NOFOLLOW on its last component; the
///   directories above it may be links);
/// - be owned by the effective user or by root (root can change any file
///   anyway; ssh trusts it the same way). Run as root, only root's own
///   directories pass: a user's vault opened by root is refused, since the
///   user could turn its files into links to the system's;
/// - not be writable by group or others (mode bits, which also carry an
///   ACL's mask): refused, never tightened, because someone else may
///   already have put files in it. `chmod 700` is the fix.
///
/// Readable or searchable by group or others, and owned by us, it is
/// tightened to 0700 with fchmod on the open descriptor: the names and
/// sizes of the files show how many documents there are and how large.
///
/// A file in it is used only after fstat on its open descriptor says: a
/// regular file, owned by the effective user or root. It is opened with
/// O_NOFOLLOW (a link is refused, not followed), O_NONBLOCK (a FIFO or a
/// device does not hang the open; cleared again for a regular file) and
/// O_NOCTTY. Modes are changed with fchmod on descriptors only.
final class VaultDirectory {
    /// The path the directory was opened by (for messages, and for SQLite,
    /// which opens its files by name).
    let path: String
    let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    // MARK: - Opening and checking

    /// Opens and checks the directory at `path`; nil if nothing is there,
    /// or a file that is not a directory (callers say "no vault" or "not
    /// empty"). `tighten`: drop group and other permissions of a directory
    /// we own (not while only looking, as `init` does before it asks
    /// anything). `forNewVault`: the hints of a refusal speak of `init`.
    static func open(_ path: String, tighten: Bool = true, forNewVault: Bool = false) throws -> VaultDirectory? {
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let e = errno
            var st = stat()
            if (e == ELOOP || e == ENOTDIR), lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
                let resolved = realpath(path, nil).map { p in defer { free(p) }; return String(cString: p) }
                throw CaseVaultError.unsafeVault(
                    path: path, reason: "it is a symbolic link (to \(link(at: path) ?? "?")); casevault does not follow links to or inside the vault",
                    fix: .nameDirectoryItself(resolved: resolved))
            }
            if e == ENOENT || e == ENOTDIR { return nil }
            throw PosixFile.error(e, "open", path)
        }
        let dir = VaultDirectory(path: path, fd: fd)
        try dir.check(tighten: tighten, forNewVault: forNewVault)
        return dir
    }

    /// Opens (and with `create`, first makes, mode 0700) the subdirectory
    /// `name` and checks it as the vault directory; nil if it is missing.
    func subdirectory(_ name: String, create: Bool) throws -> VaultDirectory? {
        if create && mkdirat(fd, name, 0o700) != 0 && errno != EEXIST {
            throw PosixFile.error(errno, "create", subpath(name))
        }
        let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
        guard sub >= 0 else {
            let e = errno
            if e == ENOENT { return nil }
            if e == ELOOP || e == ENOTDIR, let st = entry(name) { throw unsafe(name, st) }
            throw PosixFile.error(e, "open", subpath(name))
        }
        let dir = VaultDirectory(path: subpath(name), fd: sub)
        try dir.check(tighten: true, forNewVault: false)
        return dir
    }

    /// StrictModes: owned by us or root, not writable by group or others;
    /// group and other bits dropped when we own it and `tighten`.
    private func check(tighten: Bool, forNewVault: Bool) throws {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw PosixFile.error(errno, "open", path) }
        let me = Self.userName(geteuid())
        if let owner = Self.untrustedOwner(st) {
            throw CaseVaultError.unsafeVault(
                path: path, reason: "it is owned by another user (\(owner)), who could change or replace the vault's files",
                fix: .takeOwnership(user: me, path: path, newVault: forNewVault))
        }
        if st.st_mode & (S_IWGRP | S_IWOTH) != 0 {
            throw CaseVaultError.unsafeVault(
                path: path, reason: "other users can write to it (mode \(Self.octal(st.st_mode))), so they could replace the vault's files",
                fix: .makePrivate(path: path, newVault: forNewVault))
        }
        if tighten && st.st_uid == geteuid() && st.st_mode & 0o077 != 0 {
            _ = fchmod(fd, 0o700)
        }
    }

    /// "nobody, uid 65534" when `st` is owned by neither the effective user nor root.
    private static func untrustedOwner(_ st: stat) -> String? {
        st.st_uid == geteuid() || st.st_uid == 0 ? nil : "\(userName(st.st_uid)), uid \(st.st_uid)"
    }

    static func userName(_ uid: uid_t) -> String {
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
        return String(uid)
    }

    private static func octal(_ mode: mode_t) -> String {
        "0" + String(mode & 0o7777, radix: 8)
    }

    // MARK: - Entries

    func subpath(_ name: String) -> String { path + "/" + name }

    /// lstat of `name` (a link is described, never followed); nil if missing.
    func entry(_ name: String) -> stat? {
        var st = stat()
        return fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st : nil
    }

    /// Whether `st` is a file casevault could have written: a regular file
    /// owned by us or root.
    static func isOurs(_ st: stat) -> Bool {
        (st.st_mode & S_IFMT) == S_IFREG && untrustedOwner(st) == nil
    }

    /// What an entry is, for messages: "a symbolic link to /home/x/victim.txt".
    func describe(_ name: String, _ st: stat) -> String {
        switch st.st_mode & S_IFMT {
        case S_IFLNK: return "a symbolic link (to \(Self.link(at: subpath(name)) ?? "?"))"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: return "a device node"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a directory"
        default:
            if let owner = Self.untrustedOwner(st) { return "a file owned by another user (\(owner))" }
            return "a file"
        }
    }

    /// The error for an entry that is not a file casevault wrote.
    func unsafe(_ name: String, _ st: stat) -> CaseVaultError {
        CaseVaultError.unsafeVault(
            path: subpath(name), reason: "it is \(describe(name, st)), not a file casevault wrote; nothing was read or written through it",
            fix: .moveForeignEntryOut(path: subpath(name)))
    }

    private static func link(at path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The names in the directory (no `.` or `..`), unsorted.
    func names() throws -> [String] {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else {
            let e = errno
            if copy >= 0 { close(copy) }
            throw PosixFile.error(e, "list", path)
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

    // MARK: - Files

    enum Access {
        /// An existing file, to read.
        case read
        /// An existing file, to read and overwrite.
        case readWrite
        /// An existing file, or a new one (mode 0600), to read and write (a lock).
        case openOrCreate
        /// A new file (mode 0600) that must not exist yet, to write.
        case createNew
    }

    /// Opens `name` with O_NOFOLLOW and O_NONBLOCK, then uses it only if
    /// fstat on the descriptor says a regular file owned by us or root
    /// (else `unsafeVault`, having read and written nothing); O_NONBLOCK is
    /// cleared again. Nil when an existing file was asked for and `name` is missing.
    func openFile(_ name: String, _ access: Access) throws -> PosixFile? {
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
            if e == EEXIST && access == .createNew { throw CaseVaultError.alreadyExists(what: "file", name: subpath(name)) }
            // ELOOP: a symbolic link; ENXIO: a FIFO without reader opened to write.
            if e == ELOOP || e == ENXIO || e == EISDIR, let st = entry(name) { throw unsafe(name, st) }
            throw PosixFile.error(e, access == .createNew ? "create" : "open", subpath(name))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = errno; close(fd); throw PosixFile.error(e, "open", subpath(name)) }
        guard Self.isOurs(st) else {
            close(fd)
            throw unsafe(name, st)
        }
        let status = fcntl(fd, F_GETFL)
        if status >= 0 { _ = fcntl(fd, F_SETFL, status & ~O_NONBLOCK) }
        if access == .createNew || access == .openOrCreate, st.st_uid == geteuid(), st.st_mode & 0o7777 != 0o600 {
            _ = fchmod(fd, 0o600)
        }
        return PosixFile(descriptor: fd, path: subpath(name))
    }

    /// O_PATH, which Swift does not import (`__O_PATH`, the same value on
    /// x86-64 and the generic Linux ABI, arm64 included).
    private static let oPath = Int32(0o10000000)

    /// Sets the mode of `name` to `mode` if it is a regular file of ours
    /// (else `unsafeVault`; nothing if missing), through a descriptor
    /// opened with O_PATH | O_NOFOLLOW: never a link's target.
    ///
    /// For SQLite's files, which the process may hold open with POSIX
    /// (fcntl) locks: closing *any* ordinary descriptor of a file drops all
    /// of the process's POSIX locks on it, SQLite's included (its WAL
    /// reader and dead-man-switch locks), so these files are never opened
    /// for reading or writing here. An O_PATH descriptor does not count
    /// (Linux drops no lock when one closes), and fchmod refuses one, so
    /// the mode is set through its /proc/self/fd link, which names that
    /// very inode, not a path that could be swapped meanwhile.
    func setMode(_ name: String, _ mode: mode_t) throws {
        let pathFD = openat(fd, name, Self.oPath | O_NOFOLLOW | O_CLOEXEC)
        guard pathFD >= 0 else {
            if errno == ENOENT { return }
            throw PosixFile.error(errno, "open", subpath(name))
        }
        defer { close(pathFD) }
        var st = stat()
        guard fstat(pathFD, &st) == 0 else { throw PosixFile.error(errno, "open", subpath(name)) }
        guard Self.isOurs(st) else { throw unsafe(name, st) }
        guard st.st_uid == geteuid(), st.st_mode & 0o7777 != mode else { return }
        _ = chmod("/proc/self/fd/\(pathFD)", mode)
    }

    /// Renames `from` to `to` in this directory (the names, never a link's target).
    func rename(_ from: String, _ to: String) throws {
        guard renameat(fd, from, fd, to) == 0 else { throw PosixFile.error(errno, "rename", subpath(to)) }
    }

    /// Removes the name `name` if it still names `file` (same device and
    /// inode as the open descriptor); a name that now names something else
    /// (or nothing) is left as it is.
    func unlink(_ name: String, ifSameAs file: PosixFile) throws {
        var open = stat()
        guard fstat(file.fd, &open) == 0, let now = entry(name), now.st_dev == open.st_dev, now.st_ino == open.st_ino else { return }
        guard unlinkat(fd, name, 0) == 0 || errno == ENOENT else { throw PosixFile.error(errno, "remove", subpath(name)) }
    }

    /// Removes `name` if it is a regular file (a name casevault made and is
    /// giving up); a link or anything else is left alone.
    func removeFile(_ name: String) {
        guard let st = entry(name), (st.st_mode & S_IFMT) == S_IFREG else { return }
        _ = unlinkat(fd, name, 0)
    }

    /// fsyncs the directory, so a rename or unlink in it survives a crash.
    func sync() throws {
        guard fsync(fd) == 0 else { throw PosixFile.error(errno, "sync", path) }
    }
}
