import AgeKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Decrypts one stored document on a second thread into a pipe, which the
/// caller reads as an `AgeInput`: the document store's decryption (and its
/// BLAKE2b check) runs on one core while the age encryption of the share or
/// backup runs on the other, with at most the pipe's buffer in between.
///
/// The plaintext never touches the disk. SIGPIPE is ignored for the process
/// so that a reader that stops early (an error) makes the writer's next
/// write fail with EPIPE instead of killing the process.
final class DocumentPipe: AgeInput {
    private let readFD: Int32
    private let done = DispatchSemaphore(value: 0)
    private let failure = FailureBox()
    private(set) var count: Int64 = 0
    private var finished = false

    final class FailureBox: @unchecked Sendable { var error: Error? }
    struct Job: @unchecked Sendable { let store: DocumentStore; let document: Document; let fd: Int32 }

    init(store: DocumentStore, document: Document) throws {
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw CaseVaultError.io(operation: "create", path: "a pipe", reason: String(cString: strerror(errno))) }
        _ = fcntl(fds[1], 1031 /* F_SETPIPE_SZ */, 1 << 20)
        readFD = fds[0]
        let job = Job(store: store, document: document, fd: fds[1])
        let failure = failure, done = done
        Thread {
            do { try job.store.write(job.document, toFileDescriptor: job.fd, name: "a pipe") } catch { failure.error = error }
            close(job.fd)
            done.signal()
        }.start()
    }

    func read(into buffer: inout [UInt8], offset: Int, maxCount: Int) throws -> Int {
        if maxCount == 0 { return 0 }
        while true {
            let n = buffer.withUnsafeMutableBytes { b in Glibc.read(readFD, b.baseAddress! + offset, maxCount) }
            if n >= 0 {
                count += Int64(n)
                return n
            }
            if errno == EINTR { continue }
            throw CaseVaultError.io(operation: "read", path: "a pipe", reason: String(cString: strerror(errno)))
        }
    }

    /// Waits for the decrypting thread and throws what it threw (a document
    /// that fails its integrity checks).
    func finish() throws {
        guard !finished else { return }
        finished = true
        close(readFD)
        done.wait()
        if let e = failure.error { throw e }
    }

    deinit {
        if !finished {
            close(readFD)
            done.wait()
        }
    }
}
