import CaseVault
import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SodiumKit

/// A share or a backup sent as a download while it is made.
///
/// The library writes the age file on the vault's queue into a
/// `SealedStream` (a small in-process ring); this reads it piece by piece
/// on its own queue and sends each piece as it comes. Only ciphertext
/// passes through here, nothing is written to disk, and memory stays the
/// ring plus one piece whatever the size of the documents.
///
/// - Before the headers: the first bytes are awaited, so a refusal found
///   before anything is written (a representative removed meanwhile, a
///   missing document) is thrown here and becomes an error page, not a
///   download.
/// - A failure after the headers (a document found damaged midway) ends the
///   stream as failed, and the response body throws: the server closes the
///   connection without the chunked encoding's last chunk, so the browser
///   reports a failed download, never a complete one. (The file it kept
///   would not decrypt either: age marks its last chunk final, and a file
///   cut before it is refused.) What went wrong is kept for the page's
///   next visit (`DownloadNotes`).
/// - The writer holds the vault's queue while it runs, so every other page
///   waits until the download is over; a client that stops reading (or
///   never starts) for `stallLimit`, or for the idle-lock time when that is
///   shorter, makes the writer fail and frees the vault (and the idle lock)
///   instead of holding it for ever: a download nobody takes must not keep
///   the vault open past the idle lock.
final class SealedDownload<Value: Sendable>: @unchecked Sendable {
    /// The most read from the stream and sent at a time.
    static var pieceSize: Int { 256 * 1024 }
    /// How long the client may take nothing before the download is given up.
    static var stallLimit: Duration { .seconds(60) }

    private let stream: SealedStream
    private let work: Task<Value, Error>
    private let buffer = ChunkBuffer(capacity: SealedDownload.pieceSize)
    private let queue = DispatchQueue(label: "casevault.app.sealed-download", qos: .userInitiated)
    private let lock = NSLock()
    /// True while a read waits for the writer (a slow writer is no stall).
    private var waitingForWriter = false
    private var lastProgress = ContinuousClock.now
    private var over = false
    private var first: ByteBuffer?

    private init(stream: SealedStream, work: Task<Value, Error>) {
        self.stream = stream
        self.work = work
    }

    /// Starts `write` on the vault's queue (it writes the age file into the
    /// stream it is given) and waits for its first bytes. Throws what
    /// `write` threw when it failed before writing anything.
    static func start(session: VaultSession, _ write: @escaping @Sendable (Vault, SealedStream) throws -> Value) async throws -> SealedDownload {
        let stream = SealedStream()
        let work = Task<Value, Error> {
            do {
                return try await session.withVault { vault in try write(vault, stream) }
            } catch {
                // Also when the vault locked before the writer began: the
                // reader must not wait for bytes that will never come.
                stream.cancel()
                throw error
            }
        }
        let download = SealedDownload(stream: stream, work: work)
        do {
            guard let first = try await download.next() else {
                throw AppError.library(kind: .io, message: AppLanguage.text("app.export.empty_file"), advice: AppLanguage.text("app.export.try_again"))
            }
            download.first = first
        } catch {
            download.finish()
            if case .failure(let failure) = await work.result { throw failure }
            throw error
        }
        download.watch(limit: min(stallLimit, session.options.idleLock))
        return download
    }

    /// The response: `headers` and the file, piece by piece. `ended` is
    /// called once with the writer's result (or the failure that cut the
    /// download), after the last byte or the cut.
    func response(headers: HTTPFields, ended: @escaping @Sendable (Result<Value, Error>) -> Void) -> Response {
        let body = ResponseBody { writer in
            do {
                if let first = self.takeFirst() {
                    try await self.send(first, to: &writer)
                }
                while let next = try await self.next() {
                    try await self.send(next, to: &writer)
                }
                let value = try await self.work.value
                self.finish()
                ended(.success(value))
                try await writer.finish(nil)
            } catch {
                // The browser went away, the client stalled, or the writer
                // failed: stop the writer (if still running), report, cut.
                self.stream.cancel()
                self.finish()
                let outcome = await self.work.result
                if case .failure = outcome { ended(outcome) } else { ended(.failure(error)) }
                throw error
            }
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    // MARK: - Reading

    /// The next piece of the file, nil after the last. Blocks only this
    /// download's own queue while the writer is behind.
    private func next() async throws -> ByteBuffer? {
        lock.withLock { waitingForWriter = true }
        defer { lock.withLock { waitingForWriter = false; lastProgress = .now } }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    try self.stream.read(into: self.buffer)
                    guard self.buffer.count > 0 else { return nil }
                    return self.buffer.withUnsafeBytes { ByteBuffer(bytes: $0) }
                })
            }
        }
    }

    private func send(_ piece: ByteBuffer, to writer: inout any ResponseBodyWriter) async throws {
        try await writer.write(piece)
        lock.withLock { lastProgress = .now }
    }

    private func takeFirst() -> ByteBuffer? {
        lock.withLock {
            defer { first = nil }
            return first
        }
    }

    private func finish() {
        lock.withLock { over = true }
    }

    // MARK: - Stalls

    /// Gives the download up when the client takes nothing for `limit`
    /// while the writer waits for it (or the response is never sent).
    private func watch(limit: Duration) {
        Task { [weak self] in
            while true {
                try? await Task.sleep(for: .seconds(1))
                guard let self else { return }
                let stalled: Bool? = self.lock.withLock {
                    if self.over { return nil }
                    return !self.waitingForWriter && ContinuousClock.now - self.lastProgress > limit
                }
                guard let stalled else { return }
                if stalled {
                    self.stream.cancel()
                    return
                }
            }
        }
    }
}
