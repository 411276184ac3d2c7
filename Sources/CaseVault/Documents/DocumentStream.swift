import Foundation
import SodiumKit
import SystemKit

/// The bytes of one decrypted chunk of a document, authenticated, valid
/// until the stream's next `next()`, `finish()` or `cancel()`.
public typealias DocumentChunk = ChunkBytes

/// A document being decrypted on its own thread, read chunk by chunk by
/// one consumer on another (a share export feeding its age writer, a web
/// server sending the document as a response body):
///
///     let s = try store.stream(document)
///     while let chunk = try s.next() { ... }   // valid until the next call
///     try s.finish()
///
/// The two threads share a ring of four chunk buffers, so the decryption
/// of the next chunks overlaps the consumer's work on this one, memory stays
/// four chunks whatever the size, and no byte is copied in between. Every
/// chunk handed out has authenticated; an integrity failure, from the
/// stream or the size, is thrown by `next()` once the chunks before it were
/// consumed (a consumer that sends chunks as it goes must then cut what it
/// sent short, so the receiver sees an incomplete transfer, never a
/// complete-looking one). A consumer that stops early calls `cancel()` (or
/// lets the stream go): the decrypting thread is woken, stops and is
/// waited for, and the buffers are wiped.
///
/// `next()` waits for the decrypting thread: call it off any event loop.
/// One consumer thread at a time; the stream may move between threads.
public final class DocumentStream: @unchecked Sendable {
    /// The document being read (its metadata gives the size).
    public let document: Document
    private let ring: Ring
    private let finished = DispatchSemaphore(value: 0)
    private var current = 0
    private var holding = false
    private var ended = false
    private var joined = false

    /// Starts decrypting on a new thread. `explain` turns the failure that
    /// ends the stream into the one `next()` throws (run on that thread).
    init(decryptor: DocumentDecryptor, explain: @escaping (Error) -> Error = { $0 }) {
        document = decryptor.document
        let ring = Ring(chunkCapacity: decryptor.chunkSize)
        self.ring = ring
        let job = Job(decryptor: decryptor, ring: ring, finished: finished, explain: explain)
        Thread { job.run() }.start()
    }

    /// The next authenticated chunk, or nil after the last one. Throws the
    /// failure that ended the stream, if one did (`integrity` for a damaged
    /// or truncated document, `notFound` if it was removed meanwhile), once.
    public func next() throws -> DocumentChunk? {
        try nextBuffer().map(ChunkBytes.init)
    }

    /// `next()` as the buffer itself, for the library's own consumers.
    func nextBuffer() throws -> ChunkBuffer? {
        guard !ended else { return nil }
        if holding {
            ring.release(current)
            current = ring.next(current)
            holding = false
        }
        switch ring.take(current) {
        case .chunk:
            holding = true
            return ring.buffers[current]
        case .end:
            ended = true
            return nil
        case .failed(let error):
            ended = true
            throw error
        }
    }

    /// Reads to the end and waits for the decrypting thread; throws its
    /// failure if `next()` has not already.
    public func finish() throws {
        while try nextBuffer() != nil {}
        join()
    }

    /// Stops the decrypting thread early, waits for it and wipes the
    /// buffers; `next()` then returns nil. Safe to call more than once.
    public func cancel() {
        ended = true
        ring.cancel()
        join()
    }

    deinit {
        cancel()
    }

    private func join() {
        guard !joined else { return }
        joined = true
        finished.wait()
        ring.wipe()
    }

    private struct Job: @unchecked Sendable {
        let decryptor: DocumentDecryptor
        let ring: Ring
        let finished: DispatchSemaphore
        let explain: (Error) -> Error

        func run() {
            do {
                try decryptor.decrypt(into: ring, progress: nil)
                ring.end(nil)
            } catch {
                ring.end(explain(error))
            }
            finished.signal()
        }
    }

    /// The buffers and the hand-off between the two threads. Each buffer
    /// has a `free` and a `filled` semaphore; the slot's state is written
    /// before `filled` is signalled, which orders it for the reader.
    final class Ring: ChunkRing, @unchecked Sendable {
        enum Slot { case chunk, end, failed(Error) }

        static let depth = 4
        let buffers: [ChunkBuffer]
        /// Guarded by `lock` (the two threads touch different slots, but a
        /// Swift array must not be read while another thread mutates it).
        private var slots: [Slot]
        private let free: [DispatchSemaphore]
        private let filled: [DispatchSemaphore]
        /// Producer only: the slot it fills next, and whether it holds it.
        private var produced = 0
        private var holding = false
        private let lock = NSLock()
        private var cancelled = false

        init(chunkCapacity: Int) {
            buffers = (0..<Ring.depth).map { _ in ChunkBuffer(capacity: chunkCapacity) }
            slots = Array(repeating: .end, count: Ring.depth)
            // Created at 0 and signalled: libdispatch traps when a semaphore is
            // freed with a value below its initial one.
            free = (0..<Ring.depth).map { _ in DispatchSemaphore(value: 0) }
            free.forEach { $0.signal() }
            filled = (0..<Ring.depth).map { _ in DispatchSemaphore(value: 0) }
        }

        private var isCancelled: Bool {
            lock.lock(); defer { lock.unlock() }
            return cancelled
        }

        // Producer side (the decrypting thread).

        func acquire(_ i: Int) throws {
            free[i].wait()
            holding = true
            if isCancelled { throw CancellationError() }
        }

        func submit(_ i: Int) throws {
            set(i, .chunk)
            produced = next(i)
            holding = false
            filled[i].signal()
        }

        /// Marks the end of the stream (or its failure) in the next slot, once
        /// the consumer has freed it. Nobody reads it after a cancel.
        func end(_ error: Error?) {
            guard !isCancelled else { return }
            let i = produced
            if !holding { free[i].wait() }
            set(i, error.map { .failed($0) } ?? .end)
            filled[i].signal()
        }

        private func set(_ i: Int, _ slot: Slot) {
            lock.lock()
            slots[i] = slot
            lock.unlock()
        }

        // Consumer side.

        func take(_ i: Int) -> Slot {
            filled[i].wait()
            lock.lock(); defer { lock.unlock() }
            return slots[i]
        }

        func release(_ i: Int) { free[i].signal() }

        /// Wakes a producer waiting for a buffer; it then stops.
        func cancel() {
            lock.lock()
            cancelled = true
            lock.unlock()
            free.forEach { $0.signal() }
        }

        func wipe() { buffers.forEach { $0.wipe() } }
    }
}
