#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock (flock) on `documents/.lock` between casevault processes.
///
/// An add or remove holds it shared from its first file operation to its
/// commit; leftover cleanup takes it exclusively and only if nobody holds it,
/// so cleanup never mistakes another process's add in progress for debris.
/// A backup takes it exclusively (waiting) while it reads documents.db and
/// opens the files, so it never sees a row whose file is midway between
/// two names.
/// The kernel drops the lock of a killed process, so nothing stays locked.
final class DocumentLock {
    private let fd: Int32

    init(path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PosixFile.error(errno, "open", path) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Runs `body` holding the lock shared (waits for a cleanup to finish).
    func shared<T>(_ body: () throws -> T) throws -> T {
        while flock(fd, LOCK_SH) != 0 {
            if errno != EINTR { break }
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }

    /// Runs `body` holding the lock exclusively, waiting for every add and
    /// remove in progress to finish.
    func exclusive<T>(_ body: () throws -> T) throws -> T {
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw PosixFile.error(errno, "lock", "documents/.lock") }
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }

    /// Runs `body` holding the lock exclusively if nobody else holds it;
    /// returns nil (without running it) otherwise.
    func exclusiveIfFree<T>(_ body: () throws -> T) rethrows -> T? {
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return nil }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }
}
