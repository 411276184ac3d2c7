import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock (flock) on an open file, with bounded waits.
///
/// flock has no timed wait: a waiter tries without blocking every
/// `retryInterval` until `timeout`, then fails with `.busy`. The kernel
/// drops the lock of a killed process, so nothing stays locked.
public final class FileLock {
    /// How long a waiter sleeps between tries.
    public static let retryInterval: TimeInterval = 0.02

    public let file: PosixFile
    public let timeout: TimeInterval

    public init(file: PosixFile, timeout: TimeInterval) {
        self.file = file
        self.timeout = timeout
    }

    /// Runs `body` holding the lock shared.
    public func shared<T>(_ body: () throws -> T) throws -> T {
        try acquire(LOCK_SH)
        defer { _ = flock(file.fd, LOCK_UN) }
        return try body()
    }

    /// Runs `body` holding the lock exclusively.
    public func exclusive<T>(_ body: () throws -> T) throws -> T {
        try acquire(LOCK_EX)
        defer { _ = flock(file.fd, LOCK_UN) }
        return try body()
    }

    /// Runs `body` holding the lock exclusively if nobody else holds it;
    /// returns nil (without running it) otherwise.
    public func exclusiveIfFree<T>(_ body: () throws -> T) rethrows -> T? {
        guard flock(file.fd, LOCK_EX | LOCK_NB) == 0 else { return nil }
        defer { _ = flock(file.fd, LOCK_UN) }
        return try body()
    }

    /// Takes the lock in `mode`, trying without blocking until the deadline;
    /// `.busy` (operation "lock") once it has passed.
    private func acquire(_ mode: Int32) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while flock(file.fd, mode | LOCK_NB) != 0 {
            let e = errno
            guard e == EWOULDBLOCK || e == EINTR else { throw SystemError(errno: e, "lock", file.path) }
            guard Date() < deadline else {
                throw SystemError(kind: .busy, operation: "lock", path: file.path,
                                  reason: "another process held it for more than \(Int(timeout)) s", code: EWOULDBLOCK)
            }
            usleep(useconds_t(Self.retryInterval * 1_000_000))
        }
    }
}
