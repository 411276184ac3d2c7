import AgeKit
import SodiumKit
import SystemKit

/// A sealed file (a share or a backup) handed to a reader while it is
/// written, instead of to a file: what a web server sends as a download.
///
///     let stream = SealedStream()
///     // thread A: try exporter.export(to: name, selection: s, senderName: nil, destination: .stream(stream))
///     // thread B: try stream.read(into: buffer) until it comes back empty; stream.cancel() to give up
///
/// Only age output passes through it (the file as it would be written to
/// disk: ciphertext), never plaintext. The two ends share a small
/// in-process ring (`MemoryPipe`), so memory stays the ring's size whatever
/// the file's, nothing is written to a file, and the writer goes at the
/// reader's pace. The writer ends the stream: cleanly once the file is
/// complete, or as failed (an error, a damaged document midway), in which
/// case the reader's next read throws, even with bytes still in the ring:
/// a failed file is never handed out as a shorter, complete-looking one
/// (and an age file cut short does not decrypt either: its last chunk is
/// marked final). `cancel()` (the reader went away) makes the writer's next
/// write throw, so it never waits for a reader that is gone.
public final class SealedStream: @unchecked Sendable {
    /// The ring's default size: one age write batch ahead of the reader.
    public static let defaultBufferSize = 1 << 20

    let pipe: MemoryPipe

    public init(bufferSize: Int = SealedStream.defaultBufferSize) {
        pipe = MemoryPipe(capacity: max(bufferSize, 2))
    }

    deinit {
        // Dropped by either side: nothing reads or writes any more.
        pipe.abort()
        pipe.closeReading()
    }

    // MARK: - Reading side

    /// Fills `buffer` with the next bytes of the file, waiting for the
    /// writer (blocking the thread: never call it on an event loop); fewer
    /// than its capacity only at the end. Empty (`count == 0`) once the whole
    /// file was read. Throws `incomplete` when the writer failed or gave up.
    public func read(into buffer: ChunkBuffer) throws {
        do {
            try pipe.readFull(into: buffer)
        } catch {
            throw CaseVaultError.io(operation: "write", path: "the sealed file", reason: "it stopped before its end (the writer failed); it is incomplete")
        }
    }

    /// Stops reading: the writer's next write fails and it stops.
    public func cancel() {
        pipe.closeReading()
    }

    // MARK: - Writing side (the exporter and the backup writer)

    /// Ends the file: the reader reads what is left, then the end.
    func finish() { pipe.finish() }

    /// Ends the stream as failed: the reader's next read throws.
    func abort() { pipe.abort() }

    /// The age writer's output.
    var output: AgeOutput { Output(pipe: pipe) }

    private final class Output: AgeOutput {
        let pipe: MemoryPipe
        init(pipe: MemoryPipe) { self.pipe = pipe }

        func write(_ bytes: ArraySlice<UInt8>) throws {
            do {
                try pipe.write(contentsOf: bytes)
            } catch {
                throw CaseVaultError.io(operation: "write", path: "the sealed file", reason: "nothing reads it any more")
            }
        }
    }
}
