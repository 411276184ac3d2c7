import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One running process per name: a lock file (flock, 0600) that holds its
/// holder's process id, so that a second process can find the first and
/// wake it with SIGUSR1 instead of starting again.
///
/// The kernel drops the lock when the holder exits, however it exits, so a
/// stale file is never mistaken for a running process: `holder` answers
/// only while the lock is held.
public final class SingleInstance {
    private let file: PosixFile

    private init(file: PosixFile) { self.file = file }

    deinit { try? file.close() }

    /// Takes `path` (created 0600, never through a link, only a regular
    /// file of this user's) and writes this process's id in it; nil when a
    /// live process holds it already. The lock lasts as long as this object.
    public static func claim(_ path: String) throws -> SingleInstance? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SystemError.last("open", path) }
        let file = PosixFile(descriptor: fd, path: path)
        let st = try file.status()
        guard st.type == .regular, st.owner == SystemUser.effectiveID else {
            throw SystemError(kind: .notRegularFile, operation: "open", path: path,
                              reason: "it is not a regular file of this user's")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let e = errno
            if e == EWOULDBLOCK { return nil }
            throw SystemError(errno: e, "lock", path)
        }
        _ = fchmod(fd, 0o600)
        guard ftruncate(fd, 0) == 0 else { throw SystemError.last("write", path) }
        try file.write(Array("\(getpid())\n".utf8))
        return SingleInstance(file: file)
    }

    /// The process id written in `path`, while a live process holds its
    /// lock; nil when nobody holds it (or it names no process yet).
    public static func holder(_ path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        // A shared lock we can take means no holder.
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(fd, LOCK_UN)
            return nil
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        let n = read(fd, &bytes, bytes.count)
        guard n > 0 else { return nil }
        let text = String(decoding: bytes[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = Int32(text), pid > 1 else { return nil }
        return pid
    }

    /// Sends SIGUSR1 to `pid`; false when it could not be delivered.
    public static func wake(_ pid: Int32) -> Bool {
        kill(pid, SIGUSR1) == 0
    }
}
