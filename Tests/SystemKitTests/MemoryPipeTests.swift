import Foundation
import SodiumKit
import SystemKit
import XCTest

/// MemoryPipe: bytes written on one thread are read on another, in order,
/// with a clean end only after `finish()`, a failure after `abort()`, and
/// no side left waiting for the other once it is gone.
final class MemoryPipeTests: XCTestCase {
    /// Writes `data` in pieces of the given sizes (cycled) on another thread.
    private func feed(_ pipe: MemoryPipe, _ data: [UInt8], pieces: [Int], then end: @escaping @Sendable (MemoryPipe) -> Void) -> Thread {
        let thread = Thread {
            var offset = 0, i = 0
            while offset < data.count {
                let n = min(pieces[i % pieces.count], data.count - offset)
                try? pipe.write(contentsOf: data[offset..<offset + n])
                offset += n
                i += 1
            }
            end(pipe)
        }
        thread.start()
        return thread
    }

    /// Reads everything with reads of `chunk` bytes; the sizes of the reads.
    private func drain(_ pipe: MemoryPipe, chunk: Int) throws -> (bytes: [UInt8], reads: [Int]) {
        let buffer = ChunkBuffer(capacity: chunk)
        var out: [UInt8] = [], reads: [Int] = []
        while true {
            try pipe.readFull(into: buffer)
            reads.append(buffer.count)
            out += buffer.bytes
            if buffer.count < chunk { return (out, reads) }
        }
    }

    func testBytesArriveWholeAndInOrderWhateverTheWriteAndRingSizes() throws {
        for (capacity, chunk, pieces, size) in [(7, 5, [1, 3, 11], 1000), (64, 100, [33], 1000), (4096, 1024, [100, 5000], 70_000),
                                                (1 << 20, 1 << 20, [65536], 5 << 20), (16, 16, [16], 48), (16, 16, [1], 0)] {
            let pipe = MemoryPipe(capacity: capacity)
            let data = Random.bytes(size)
            _ = feed(pipe, data, pieces: pieces) { $0.finish() }
            let (got, reads) = try drain(pipe, chunk: chunk)
            XCTAssertEqual(got, data, "capacity \(capacity), chunk \(chunk), pieces \(pieces), size \(size)")
            // Every read but the last is full: a short read means the end.
            XCTAssertTrue(reads.dropLast().allSatisfy { $0 == chunk }, "reads \(reads)")
            XCTAssertEqual(reads.last, size % chunk)
        }
    }

    func testAnAbortedStreamFailsEvenWithBytesStillInTheRing() throws {
        let pipe = MemoryPipe(capacity: 1000)
        try pipe.write(contentsOf: Array(repeating: UInt8(7), count: 300))
        pipe.abort()
        XCTAssertThrowsError(try pipe.readFull(into: ChunkBuffer(capacity: 100))) { XCTAssertEqual($0 as? MemoryPipe.Closed, .aborted) }
        // finish() after abort() does not turn it into a complete stream.
        pipe.finish()
        XCTAssertFalse(pipe.isFinished)
        XCTAssertThrowsError(try pipe.readFull(into: ChunkBuffer(capacity: 100)))
    }

    func testAReaderWaitingForBytesIsWokenByAnAbort() throws {
        let pipe = MemoryPipe(capacity: 1000)
        let failed = expectation(description: "the waiting read fails")
        Thread {
            do {
                try pipe.readFull(into: ChunkBuffer(capacity: 500))
            } catch MemoryPipe.Closed.aborted {
                failed.fulfill()
            } catch {}
        }.start()
        Thread.sleep(forTimeInterval: 0.05)
        try pipe.write(contentsOf: [1, 2, 3])
        pipe.abort()
        wait(for: [failed], timeout: 10)
    }

    func testAWriterWaitingForRoomIsReleasedWhenTheReaderCloses() throws {
        let pipe = MemoryPipe(capacity: 64)
        let released = expectation(description: "the blocked write throws")
        Thread {
            do {
                // Four times the ring: blocks once the ring is full.
                try pipe.write(contentsOf: [UInt8](repeating: 1, count: 256))
            } catch MemoryPipe.Closed.readerClosed {
                released.fulfill()
            } catch {}
        }.start()
        Thread.sleep(forTimeInterval: 0.05)
        pipe.closeReading()
        wait(for: [released], timeout: 10)
        XCTAssertThrowsError(try pipe.write(contentsOf: [1])) { XCTAssertEqual($0 as? MemoryPipe.Closed, .readerClosed) }
    }

    func testWritesAfterTheEndAreRefused() throws {
        let pipe = MemoryPipe(capacity: 64)
        pipe.finish()
        XCTAssertThrowsError(try pipe.write(contentsOf: [1])) { XCTAssertEqual($0 as? MemoryPipe.Closed, .writerClosed) }
        XCTAssertTrue(pipe.isFinished)
        let buffer = ChunkBuffer(capacity: 8)
        try pipe.readFull(into: buffer)
        XCTAssertEqual(buffer.count, 0, "an empty finished stream is an empty file")
    }

    func testATaskWritesWithoutBlockingAndIsReleasedByTheReader() async throws {
        let pipe = MemoryPipe(capacity: 1000)
        let data = Random.bytes(50_000)
        let reader = Thread {
            let buffer = ChunkBuffer(capacity: 333)
            var out: [UInt8] = []
            while (try? pipe.readFull(into: buffer)) != nil {
                out += buffer.bytes
                if buffer.count < 333 { break }
            }
            Received.shared.set(out)
        }
        reader.start()
        var offset = 0
        for size in [1, 999, 5000, 7, 20_000] + [Int](repeating: 4000, count: 6) {
            let n = min(size, data.count - offset)
            try await pipe.write(contentsOf: data[offset..<offset + n])
            offset += n
        }
        try await pipe.write(contentsOf: data[offset...])
        pipe.finish()
        let deadline = Date().addingTimeInterval(10)
        while Received.shared.get() == nil && Date() < deadline { try await Task.sleep(nanoseconds: 10_000_000) }
        XCTAssertEqual(Received.shared.get(), data)

        // A task waiting for room is woken when the reader closes, with the reason.
        let full = MemoryPipe(capacity: 64)
        try await full.write(contentsOf: [UInt8](repeating: 1, count: 64))
        Thread { Thread.sleep(forTimeInterval: 0.05); full.closeReading() }.start()
        do {
            try await full.write(contentsOf: [2])
            XCTFail("a write to a closed pipe succeeded")
        } catch {
            XCTAssertEqual(error as? MemoryPipe.Closed, .readerClosed)
        }
    }

    func testNonContiguousCollectionsAreCopiedToo() throws {
        let pipe = MemoryPipe(capacity: 64)
        try pipe.write(contentsOf: (1...10).map { UInt8($0) }.lazy.map { $0 * 2 })
        pipe.finish()
        XCTAssertEqual(try drain(pipe, chunk: 64).bytes, (1...10).map { UInt8($0 * 2) })
    }
}

/// What the reading thread of a test got.
private final class Received: @unchecked Sendable {
    static let shared = Received()
    private let lock = NSLock()
    private var bytes: [UInt8]?
    func set(_ b: [UInt8]) { lock.lock(); bytes = b; lock.unlock() }
    func get() -> [UInt8]? { lock.lock(); defer { lock.unlock() }; return bytes }
}
