import SodiumKit
import SystemKit

/// Where a document add reads its plaintext from, a chunk at a time: a file
/// (`doc add`), or the reading end of an upload (`DocumentSource`).
///
/// `fill` fills the buffer to its capacity, or less only at the end of the
/// document; an input that cannot tell a clean end from a cut-off one must
/// throw for the latter, never return short (the add would store a shorter
/// document as complete).
protocol PlaintextInput {
    func fill(_ buffer: ChunkBuffer) throws
}

extension PosixFile: PlaintextInput {
    /// A regular file ends where it ends.
    func fill(_ buffer: ChunkBuffer) throws {
        try readFull(into: buffer, limit: nil)
    }
}
