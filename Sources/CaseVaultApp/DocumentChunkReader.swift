import CaseVault
import Dispatch
import NIOCore

/// A document's decrypted chunks for an HTTP response body, as ByteBuffers.
///
/// `DocumentStream.next()` blocks until the decrypting thread has a chunk
/// ready, so each call runs on this reader's own serial queue, never on an
/// event loop or Swift's cooperative threads; the response awaits it. Each
/// chunk is authenticated before it is handed out; a damaged one ends the
/// stream with the library's integrity error, which the response body
/// rethrows so the server cuts the connection (the browser sees an
/// incomplete transfer, never a complete-looking file). `cancel()` (a
/// closed connection) stops the decrypting thread and wipes its buffers.
final class DocumentChunkReader: @unchecked Sendable {
    private let stream: DocumentStream
    private let queue = DispatchQueue(label: "casevault.app.document-read", qos: .userInitiated)

    init(_ stream: DocumentStream) {
        self.stream = stream
    }

    /// The next chunk copied into a ByteBuffer (one copy, into memory NIO
    /// sends from), nil after the last.
    func next() async throws -> ByteBuffer? {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    try self.stream.next().map { ByteBuffer(bytes: $0) }
                })
            }
        }
    }

    /// Stops reading early; returns once the decrypting thread has stopped.
    func cancel() async {
        await withCheckedContinuation { continuation in
            queue.async {
                self.stream.cancel()
                continuation.resume()
            }
        }
    }
}
