import Foundation
import SodiumKit
import SystemKit

/// The reading end of a `DocumentUpload`: what `DocumentStore.add(from:...)`
/// reads the new document's bytes from. It can be added once.
public final class DocumentSource: @unchecked Sendable {
    private let pipe: MemoryPipe
    private let outcome: DocumentUpload.Outcome
    private let lock = NSLock()
    private var taken = false

    init(pipe: MemoryPipe, outcome: DocumentUpload.Outcome) {
        self.pipe = pipe
        self.outcome = outcome
    }

    deinit {
        // Never added, or added: either way nothing reads any more.
        pipe.closeReading()
    }

    /// Runs `body` (the add) with the reading end, once: a failure is handed
    /// to the writer, and reading stops when `body` returns or throws, so a
    /// writer never waits for an add that is over.
    func consume<T>(_ body: (Reader) throws -> T) throws -> T {
        lock.lock()
        let first = !taken
        taken = true
        lock.unlock()
        guard first else {
            throw CaseVaultError.invalidInput(field: "document source", reason: "it was already added",
                                              expected: "a new upload for each document")
        }
        defer { pipe.closeReading() }
        do {
            return try body(Reader(pipe: pipe))
        } catch {
            outcome.failure = error
            throw error
        }
    }

    /// Fills the add's chunk buffers from the ring; an aborted upload is a
    /// failure, never an end of file.
    struct Reader: PlaintextInput {
        let pipe: MemoryPipe

        func fill(_ buffer: ChunkBuffer) throws {
            do {
                try pipe.readFull(into: buffer)
            } catch MemoryPipe.Closed.aborted {
                throw CaseVaultError.invalidInput(field: "document upload", reason: "it stopped before the end of the file (cut off or cancelled); nothing was stored",
                                                  expected: "the whole file")
            }
        }
    }
}
