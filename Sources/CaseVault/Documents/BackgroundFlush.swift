import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Starts writing a growing file to disk while it is still being written.
///
/// An add must fsync its ciphertext before committing the row. Left to the
/// end, that fsync waits for the whole file (about 0.25 s per 256 MiB here);
/// flushing every few dozen MiB on a second thread overlaps the disk writes
/// with encryption, so the final fsync waits only for the tail. Durability
/// does not depend on these flushes: the final `PosixFile.sync()` still runs.
final class BackgroundFlush {
    static let interval: Int64 = 32 << 20
    private let fd: Int32
    private let queue = DispatchQueue(label: "casevault.document-flush")
    private var pending: Int64 = 0
    /// One token: taken while a flush runs. Created at 0 and signalled once,
    /// because libdispatch traps on freeing a semaphore below its initial value.
    private let inFlight = DispatchSemaphore(value: 0)

    init(_ file: PosixFile) {
        fd = file.fd
        inFlight.signal()
    }

    /// Notes `bytes` more written; queues a flush once enough has piled up
    /// and no flush is already running (never blocks the writer).
    func wrote(_ bytes: Int) {
        pending += Int64(bytes)
        guard pending >= BackgroundFlush.interval, inFlight.wait(timeout: .now()) == .success else { return }
        pending = 0
        let fd = fd, done = inFlight
        queue.async {
            _ = fdatasync(fd)
            done.signal()
        }
    }

    /// Waits for a queued flush (before the file is closed or synced).
    func drain() {
        queue.sync {}
    }
}
