import Foundation
import SodiumKit

/// A pipe inside the process: a bounded ring of bytes that one thread writes
/// and another reads, for bytes that arrive over time (an upload received
/// by a web server) and go to code that reads a stream (a document add).
///
/// Why not a pipe(2): the bytes it carries are plaintext, and an in-process
/// ring keeps them in this process's memory (never a file, and not copied
/// through the kernel twice); a writer whose reader is gone gets an error
/// here, where a pipe(2) raises SIGPIPE, which kills a process that does not
/// ignore it; and the writer can say how the stream ended: `finish()` is a
/// clean end of file, `abort()` makes the reader fail instead, so a cut-off
/// upload can never be read as a shorter, complete file.
///
/// Memory is the ring's capacity whatever the size of what passes through.
/// Each side blocks while the ring is full (the writer) or holds too little
/// (the reader): the writer is held back to the reader's pace. One thread
/// writes at a time and one reads at a time. The ring is wiped once both
/// sides are done, and when freed.
public final class MemoryPipe: @unchecked Sendable {
    /// Why a read or a write stopped.
    public enum Closed: Error, Equatable, Sendable {
        /// The writer called `abort()` (or a read followed one): the stream is incomplete.
        case aborted
        /// The reader called `closeReading()`: nothing will read what is written.
        case readerClosed
        /// A write after `finish()` or `abort()`.
        case writerClosed
    }

    /// The default capacity: four 1 MiB document chunks, so the writer can
    /// run a few chunks ahead of a reader that reads a chunk at a time.
    public static let defaultCapacity = 4 << 20

    private enum WriterState { case open, finished, aborted }

    public let capacity: Int
    private let ring: ChunkBuffer
    /// Guards everything below; its condition wakes the side that waits.
    private let condition = NSCondition()
    /// Bytes read and written since the start (positions in the ring are
    /// these modulo `capacity`).
    private var readTotal = 0
    private var writtenTotal = 0
    private var writer = WriterState.open
    private var readerClosed = false
    /// Whether a side is copying outside the lock (the ring is wiped only
    /// when neither is: `abort()` may come from another thread mid-write).
    private var writerCopying = false
    private var readerCopying = false
    private var wiped = false
    /// A task writing (`write(contentsOf:) async`) that waits for this many free bytes.
    private var roomWaiter: (continuation: CheckedContinuation<Void, Never>, need: Int)?

    public init(capacity: Int = MemoryPipe.defaultCapacity) {
        precondition(capacity >= 2)
        self.capacity = capacity
        ring = ChunkBuffer(capacity: capacity)
    }

    // MARK: - Writing side

    /// Copies `bytes` into the pipe, waiting while it is full (blocking the
    /// thread). Throws `.readerClosed` once the reader has stopped (nothing
    /// more is copied), `.writerClosed` after `finish()` or `abort()`.
    public func write<Bytes: Collection>(contentsOf bytes: Bytes) throws where Bytes.Element == UInt8 {
        let done: Void? = try bytes.withContiguousStorageIfAvailable { try write(UnsafeRawBufferPointer($0)) }
        if done == nil {
            try Array(bytes).withUnsafeBytes { try write($0) }
        }
    }

    /// `write(contentsOf:)` for a task: copies what fits at once and,
    /// while the pipe is full, suspends without holding a thread (a web
    /// server's handler feeding an upload from its event loops' buffers).
    public func write<Bytes: Collection>(contentsOf bytes: Bytes) async throws where Bytes.Element == UInt8 {
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let remaining = bytes.distance(from: index, to: bytes.endIndex)
            try await waitForRoom(min(remaining, capacity / 2))
            let rest = bytes[index...]
            let n = try rest.withContiguousStorageIfAvailable { try copyIn(UnsafeRawBufferPointer($0)) }
                ?? Array(rest).withUnsafeBytes { try copyIn($0) }
            index = bytes.index(index, offsetBy: n)
        }
    }

    private func write(_ source: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < source.count {
            let remaining = source.count - offset
            condition.lock()
            // Wait for room for the rest, or for half the ring: copies of a
            // useful size, and fewer wake-ups than one per free byte.
            while writer == .open && !readerClosed && capacity - (writtenTotal - readTotal) < min(remaining, capacity / 2) {
                condition.wait()
            }
            condition.unlock()
            offset += try copyIn(UnsafeRawBufferPointer(rebasing: source[offset...]))
        }
    }

    /// Waits (suspended) until `need` bytes are free, or the pipe closed.
    private func waitForRoom(_ need: Int) async throws {
        while !hasRoom(need) {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                if !park(c, until: need) { c.resume() }
            }
        }
    }

    /// Whether `need` bytes are free (or the pipe closed: the copy then throws).
    private func hasRoom(_ need: Int) -> Bool {
        condition.lock(); defer { condition.unlock() }
        return readerClosed || writer != .open || capacity - (writtenTotal - readTotal) >= need
    }

    /// Keeps `c` for the reader to resume once `need` bytes are free;
    /// false (not kept) when they already are.
    private func park(_ c: CheckedContinuation<Void, Never>, until need: Int) -> Bool {
        condition.lock(); defer { condition.unlock() }
        if readerClosed || writer != .open || capacity - (writtenTotal - readTotal) >= need { return false }
        roomWaiter = (c, need)
        return true
    }

    /// Copies as much of `source` as is free (at least a byte when any is),
    /// up to the end of the ring; the count copied.
    private func copyIn(_ source: UnsafeRawBufferPointer) throws -> Int {
        condition.lock()
        if readerClosed { condition.unlock(); throw Closed.readerClosed }
        guard writer == .open else { condition.unlock(); throw Closed.writerClosed }
        let start = writtenTotal % capacity
        let n = min(source.count, capacity - (writtenTotal - readTotal), capacity - start)
        writerCopying = true
        condition.unlock()
        // The region [start, start + n) is free: the reader never touches
        // it until `writtenTotal` below says it holds data.
        if n > 0 {
            ring.withUnsafeMutableCapacity { ringBytes in
                ringBytes.baseAddress!.advanced(by: start).copyMemory(from: source.baseAddress!, byteCount: n)
            }
        }
        condition.lock()
        writerCopying = false
        writtenTotal += n
        condition.signal()
        wipeIfDone()
        condition.unlock()
        return n
    }

    /// Ends the stream cleanly: the reader reads what is left, then end of file.
    public func finish() {
        closeWriting(.finished)
    }

    /// Ends the stream as incomplete: the reader's next read throws
    /// `.aborted`, whatever is still in the ring. Does nothing after
    /// `finish()` (the stream was already complete).
    public func abort() {
        closeWriting(.aborted)
    }

    private func closeWriting(_ state: WriterState) {
        condition.lock()
        if writer == .open { writer = state }
        condition.broadcast()
        wipeIfDone()
        let waiter = roomWaiter
        roomWaiter = nil
        condition.unlock()
        waiter?.continuation.resume()
    }

    // MARK: - Reading side

    /// Fills `buffer` with up to `limit` bytes (default: its capacity),
    /// waiting for the writer; fewer only at the end of a finished stream.
    /// Throws `.aborted` if the writer aborted (even with bytes still in the
    /// ring: an incomplete stream is never read as a complete one).
    public func readFull(into buffer: ChunkBuffer, limit: Int? = nil) throws {
        let want = min(limit ?? buffer.capacity, buffer.capacity)
        var got = 0
        buffer.count = 0
        while got < want {
            condition.lock()
            // Wait for the rest of the buffer, or half the ring, or the end.
            while writer == .open && !readerClosed && writtenTotal - readTotal < min(want - got, capacity / 2) {
                condition.wait()
            }
            if writer == .aborted || readerClosed {
                condition.unlock()
                throw Closed.aborted
            }
            let available = writtenTotal - readTotal
            if available == 0 {
                // Finished and drained: end of file.
                condition.unlock()
                break
            }
            let start = readTotal % capacity
            let n = min(want - got, available, capacity - start)
            readerCopying = true
            condition.unlock()
            // [start, start + n) holds data the writer does not touch until
            // `readTotal` below frees it.
            ring.withUnsafeMutableCapacity { ringBytes in
                buffer.withUnsafeMutableCapacity { out in
                    out.baseAddress!.advanced(by: got).copyMemory(from: ringBytes.baseAddress!.advanced(by: start), byteCount: n)
                }
            }
            got += n
            buffer.count = got
            condition.lock()
            readerCopying = false
            readTotal += n
            condition.signal()
            wipeIfDone()
            var waiter: CheckedContinuation<Void, Never>?
            if let w = roomWaiter, capacity - (writtenTotal - readTotal) >= w.need {
                waiter = w.continuation
                roomWaiter = nil
            }
            condition.unlock()
            waiter?.resume()
        }
    }

    /// Stops reading: the writer's current and later writes throw
    /// `.readerClosed`, so it never waits for a reader that is gone.
    public func closeReading() {
        condition.lock()
        readerClosed = true
        condition.broadcast()
        wipeIfDone()
        let waiter = roomWaiter
        roomWaiter = nil
        condition.unlock()
        waiter?.continuation.resume()
    }

    /// Whether `finish()` was called (and not `abort()` first).
    public var isFinished: Bool {
        condition.lock(); defer { condition.unlock() }
        return writer == .finished
    }

    /// Once neither side will copy again, clears the plaintext the ring
    /// held. Called with the lock held.
    private func wipeIfDone() {
        guard writer != .open && readerClosed && !writerCopying && !readerCopying && !wiped else { return }
        wiped = true
        ring.wipe()
    }
}
