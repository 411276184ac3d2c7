import Dispatch
import SodiumKit

/// Hashes chunks on a second thread while the caller encrypts or decrypts
/// and writes them, so the BLAKE2b pass costs no wall time on two cores.
///
/// Two buffers alternate. `acquire(i)` waits until the hash of whatever was
/// in buffer `i` before has finished (the caller may then overwrite it);
/// `submit(i)` queues buffer `i` for hashing. The queue is serial, so chunks
/// are absorbed in order. Memory is two chunks whatever the file size.
final class HashPipeline {
    let buffers: [ChunkBuffer]
    private let hasher: BLAKE2bHasher
    private let queue = DispatchQueue(label: "casevault.document-hash")
    private let free: [DispatchSemaphore]

    init(chunkCapacity: Int) throws {
        buffers = [ChunkBuffer(capacity: chunkCapacity), ChunkBuffer(capacity: chunkCapacity)]
        hasher = try BLAKE2bHasher()
        // Start at 0 and signal once: libdispatch traps if a semaphore is freed
        // with a value below its initial one, which an early throw could cause.
        free = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
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
