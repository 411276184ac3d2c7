import SystemKit
import Dispatch
import SodiumKit

/// Writes chunks to a file on a second thread, in order, while the caller
/// fills the next ones: the `write` system calls (copying each chunk into
/// the page cache, about a quarter of a document add's kernel time) then
/// overlap encryption instead of following it.
///
/// `depth` buffers are used in turn, as in `HashPipeline`: `acquire(i)`
/// waits until buffer `i`'s previous contents are written; `submit(i)`
/// queues it. The first write error is kept; later buffers are then dropped
/// unwritten, and `check()`/`finish()` throw it, so a full disk stops the
/// caller within a chunk or two. Memory is `depth` chunks whatever the size.
final class WritePipeline {
    let buffers: [ChunkBuffer]
    private let output: Target
    private let queue = DispatchQueue(label: "casevault.document-write")
    private let free: [DispatchSemaphore]
    private let failure = FailureBox()

    static let depth = 3

    /// The file and its flusher, touched only on the serial queue once
    /// writing starts (hence unchecked).
    private final class Target: @unchecked Sendable {
        let file: PosixFile
        let flush: BackgroundFlush?
        init(file: PosixFile, flush: BackgroundFlush?) { self.file = file; self.flush = flush }
    }

    private final class FailureBox: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        private var stored: Error?
        var error: Error? {
            get { lock.wait(); defer { lock.signal() }; return stored }
            set { lock.wait(); defer { lock.signal() }; if stored == nil { stored = newValue } }
        }
    }

    /// `flush`: start writing the file to disk every few dozen MiB (adds,
    /// which fsync at the end); nil for outputs that are not synced.
    init(output: PosixFile, chunkCapacity: Int, flush: Bool) {
        buffers = (0..<WritePipeline.depth).map { _ in ChunkBuffer(capacity: chunkCapacity) }
        self.output = Target(file: output, flush: flush ? BackgroundFlush(output) : nil)
        // Created at 0 and signalled once: libdispatch traps if a semaphore is
        // freed with a value below its initial one.
        free = (0..<WritePipeline.depth).map { _ in DispatchSemaphore(value: 0) }
        free.forEach { $0.signal() }
    }

    /// Waits for buffer `i` to be written; throws an earlier write error.
    func acquire(_ i: Int) throws {
        free[i].wait()
        try check()
    }

    func submit(_ i: Int) {
        let buffer = buffers[i], output = output, done = free[i], failure = failure
        queue.async {
            if failure.error == nil {
                do {
                    try output.file.write(buffer)
                    output.flush?.wrote(buffer.count)
                } catch {
                    failure.error = error
                }
            }
            done.signal()
        }
    }

    /// Throws the first write error so far, if any.
    func check() throws {
        if let e = failure.error { throw e }
    }

    /// Waits for every queued write, then throws the
    /// first write error, if any.
    func finish() throws {
        queue.sync {}
        try check()
    }

    /// Waits for queued work and clears the buffers (error paths, and after
    /// `finish`, so no plaintext chunk outlives the stream).
    func wipe() {
        queue.sync {}
        buffers.forEach { $0.wipe() }
    }
}
