import Dispatch
import SodiumKit

/// Hashes chunks on a second thread while the caller encrypts or decrypts
/// and writes them, so the hash pass costs no wall time on two cores.
///
/// `depth` buffers are used in turn. `acquire(i)` waits until the hash of
/// whatever was in buffer `i` before has finished (the caller may then
/// overwrite it); `submit(i)` queues buffer `i` for hashing. The queue is
/// serial, so chunks are absorbed in order. More than two buffers let the
/// two threads run ahead of each other by a few chunks, absorbing jitter.
/// Memory is `depth` chunks whatever the file size.
final class HashPipeline {
    let buffers: [ChunkBuffer]
    private let hasher: ContentHasher
    private let queue = DispatchQueue(label: "casevault.document-hash")
    private let free: [DispatchSemaphore]

    static let depth = 4

    init(chunkCapacity: Int, hasher: ContentHasher) {
        buffers = (0..<HashPipeline.depth).map { _ in ChunkBuffer(capacity: chunkCapacity) }
        self.hasher = hasher
        // Start at 0 and signal once: libdispatch traps if a semaphore is freed
        // with a value below its initial one, which an early throw could cause.
        free = (0..<HashPipeline.depth).map { _ in DispatchSemaphore(value: 0) }
        free.forEach { $0.signal() }
    }

    func acquire(_ i: Int) { free[i].wait() }

    func submit(_ i: Int) {
        let buffer = buffers[i], hasher = hasher, done = free[i]
        queue.async {
            hasher.update(buffer)
            done.signal()
        }
    }

    /// Waits for queued work and returns the digest.
    func finish() -> [UInt8] {
        queue.sync {}
        return hasher.finalize()
    }

    /// Waits for queued work (on error paths, before buffers are reused or wiped).
    func drain() {
        queue.sync {}
    }

    /// Clears plaintext from both buffers.
    func wipe() {
        drain()
        buffers.forEach { $0.wipe() }
    }
}
