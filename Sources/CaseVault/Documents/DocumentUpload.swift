import Foundation
import SodiumKit
import SystemKit

/// The writing end of a new document whose bytes arrive over time (an
/// upload a web server receives), fed by one thread while
/// `DocumentStore.add(from:fileName:_:)` encrypts them on another:
///
///     let (upload, source) = DocumentUpload.pipe()
///     // thread A: let doc = try store.add(from: source, fileName: "scan.pdf", options)
///     // thread B: try upload.write(contentsOf: bytes) ... then upload.finish()
///     //           or, if the bytes stopped before their end, upload.abort()
///
/// The two ends share a small in-process ring (`MemoryPipe`): memory stays
/// a few MiB whatever the size, no plaintext is written to a file, and
/// `write` waits while the add is behind, so the feeder goes at the add's
/// pace (`write(contentsOf:) async` suspends instead of blocking, for a
/// task). Only `finish()` ends the document: after `abort()`, or if this
/// object is released without `finish()`, the add fails and leaves no
/// document and no file, so a cut-off upload is never stored as a shorter
/// file. If the add fails first (a label already taken, a full disk), the
/// next `write` throws that failure instead of waiting.
public final class DocumentUpload: @unchecked Sendable {
    let pipe: MemoryPipe
    let outcome: Outcome

    /// A new pair of ends: the upload to feed, the source to add from.
    /// `bufferSize` is the ring's size (default 4 MiB).
    public static func pipe(bufferSize: Int = MemoryPipe.defaultCapacity) -> (upload: DocumentUpload, source: DocumentSource) {
        let pipe = MemoryPipe(capacity: max(bufferSize, 2))
        let outcome = Outcome()
        return (DocumentUpload(pipe: pipe, outcome: outcome), DocumentSource(pipe: pipe, outcome: outcome))
    }

    private init(pipe: MemoryPipe, outcome: Outcome) {
        self.pipe = pipe
        self.outcome = outcome
    }

    deinit {
        // Released without `finish()`: the bytes stopped before their end.
        pipe.abort()
    }

    /// Copies the next bytes of the document, waiting while the add is
    /// behind (blocking the thread: never call it on an event loop). Throws
    /// the add's failure once the add has stopped, and `invalidInput` after
    /// `finish()` or `abort()`.
    public func write<Bytes: Collection>(contentsOf bytes: Bytes) throws where Bytes.Element == UInt8 {
        do {
            try pipe.write(contentsOf: bytes)
        } catch {
            throw explained(error)
        }
    }

    /// `write(contentsOf:)` for a task: copies what fits at once and
    /// suspends, holding no thread, while the add is behind. What a web
    /// server's handler calls with each piece of a request body it receives.
    public func write<Bytes: Collection>(contentsOf bytes: Bytes) async throws where Bytes.Element == UInt8 {
        do {
            try await pipe.write(contentsOf: bytes)
        } catch {
            throw explained(error)
        }
    }

    private func explained(_ error: Error) -> Error {
        if case MemoryPipe.Closed.readerClosed? = error as? MemoryPipe.Closed {
            return outcome.failure ?? CaseVaultError.invalidInput(field: "document upload", reason: "nothing reads it any more",
                                                                  expected: "bytes written while the document is being added")
        }
        return CaseVaultError.invalidInput(field: "document upload", reason: "it was already finished or cancelled",
                                           expected: "bytes written before the upload is finished")
    }

    /// Ends the document here: the add stores what was written.
    public func finish() {
        pipe.finish()
    }

    /// Gives up: the add fails, and stores nothing. Nothing happens after `finish()`.
    public func abort() {
        pipe.abort()
    }

    /// What the add's failure was, for the writer (set by the reading side).
    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Error?

        var failure: Error? {
            get { lock.lock(); defer { lock.unlock() }; return stored }
            set { lock.lock(); defer { lock.unlock() }; if stored == nil { stored = newValue } }
        }
    }
}
