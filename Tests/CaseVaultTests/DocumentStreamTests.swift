import Foundation
import XCTest
@testable import CaseVault
import SodiumKit

/// DocumentStream: a document decrypted on its own thread and taken chunk by
/// chunk by a consumer (share export). It must hand out exactly the bytes,
/// report damage after the authentic chunks before it, and never hang,
/// whether the consumer reads to the end, stops early or never reads.
final class DocumentStreamTests: XCTestCase {
    private var fixture: DocumentFixture!
    private var store: DocumentStore!

    override func setUpWithError() throws {
        fixture = try DocumentFixture(chunkSize: 4096)
        store = try fixture.store()
    }

    override func tearDown() {
        store = nil
        fixture.cleanUp()
        fixture = nil
    }

    private func drain(_ s: DocumentStream) throws -> [UInt8] {
        var out: [UInt8] = []
        while let c = try s.next() { out += c }
        try s.finish()
        return out
    }

    func testHandsOutExactlyTheDocumentAtEverySize() throws {
        let c = fixture.chunkSize
        // More chunks than the ring holds, so the threads must take turns.
        for size in [0, 1, c - 1, c, c + 1, 4 * c, 9 * c + 5] {
            let data = Random.bytes(size)
            let doc = try store.add(file: try fixture.input(data), .init(label: "size-\(size)"))
            XCTAssertEqual(try drain(try store.stream(doc)), data, "size \(size)")
        }
    }

    func testNextAfterTheEndKeepsReturningNil() throws {
        let doc = try store.add(file: try fixture.input(Random.bytes(100)))
        let s = try store.stream(doc)
        XCTAssertEqual(try s.next()?.count, 100)
        XCTAssertNil(try s.next())
        XCTAssertNil(try s.next())
        XCTAssertNoThrow(try s.finish())
    }

    func testDamageIsThrownAfterTheAuthenticChunksBeforeIt() throws {
        let c = fixture.chunkSize
        let data = Random.bytes(8 * c + 10)
        let doc = try store.add(file: try fixture.input(data))
        var sealed = try readBytes(fixture.blobPath(doc))
        // Flip a byte in the 6th chunk's ciphertext.
        sealed[DocumentFormat.headerBytes + 5 * (c + SecretStream.overheadBytes) + 3] ^= 1
        try writeBytes(sealed, fixture.blobPath(doc))

        let s = try store.stream(doc)
        var got: [UInt8] = []
        var failure: Error?
        do {
            while let chunk = try s.next() { got += chunk }
        } catch {
            failure = error
        }
        XCTAssertEqual(got, Array(data[0..<5 * c]), "the five authentic chunks, and nothing after")
        guard case CaseVaultError.integrity(_, let detail)? = failure as? CaseVaultError else {
            return XCTFail("expected an integrity failure, got \(String(describing: failure))")
        }
        XCTAssertTrue(detail.contains("chunk 6"), detail)
        // finish() after a failure does not hang and does not throw a second time.
        XCTAssertNoThrow(try s.finish())

        // A stream cut after a full chunk: truncation, not a clean end.
        let cut = Array(sealed[0..<DocumentFormat.headerBytes + 2 * (c + SecretStream.overheadBytes)])
        try writeBytes(cut, fixture.blobPath(doc))
        assertIntegrityFailure(try drain(try store.stream(doc)), "truncated stream")
    }

    func testAConsumerThatStopsEarlyOrNeverReadsDoesNotHang() throws {
        let c = fixture.chunkSize
        let doc = try store.add(file: try fixture.input(Random.bytes(20 * c)))
        let store = try XCTUnwrap(self.store)
        // Stops after one chunk: cancel wakes the decrypting thread and waits
        // for it. A cancel that does not wake it hangs: that fails the bound.
        let first = try Self.within(10, "a stream cancelled after one chunk") { () -> Int? in
            let early = try store.stream(doc)
            defer { early.cancel() }
            return try early.next()?.count
        }
        XCTAssertEqual(first, c)
        // Never reads: releasing the stream cancels and joins its thread,
        // which then lets go of the ring it was blocked on.
        let ring = try Self.within(10, "releasing a stream never read") { () -> Weak in
            var never: DocumentStream? = try store.stream(doc)
            let ring = Weak(Mirror(reflecting: never!).children.first { $0.label == "ring" }?.value as AnyObject)
            XCTAssertNotNil(ring.object)
            Thread.sleep(forTimeInterval: 0.05)   // let it fill the ring and block
            never = nil
            return ring
        }
        let deadline = Date().addingTimeInterval(10)
        while ring?.object != nil && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertNil(ring?.object, "the decrypting thread still holds its ring 10 s after the stream was released")
        // The store still reads the document afterwards.
        XCTAssertEqual(try drain(try store.stream(doc)).count, 20 * c)
    }

    func testACancelledStreamEndsWipesItsBuffersAndLeavesTheDocumentReadable() throws {
        let c = fixture.chunkSize
        let data = Random.bytes(12 * c)
        let doc = try store.add(file: try fixture.input(data))
        let s = try store.stream(doc)
        XCTAssertEqual(s.document, doc)
        let first = try XCTUnwrap(try s.next())
        XCTAssertEqual(Array(first), Array(data[0..<c]), "the chunk is the document's first")
        let bounded = try Self.within(10, "cancel") { s.cancel(); return true }
        XCTAssertEqual(bounded, true)
        // The view looked at the stream's buffer, which the cancel wiped:
        // no plaintext stays in memory after a reader stops early.
        XCTAssertEqual(Array(first), [UInt8](repeating: 0, count: c))
        XCTAssertNil(try s.next(), "a cancelled stream has ended")
        s.cancel()   // twice is harmless
        XCTAssertNoThrow(try s.finish())
        XCTAssertEqual(try drain(try store.stream(doc)), data)
    }

    func testADocumentRemovedWhileStreamedIsNotFoundRatherThanDamaged() throws {
        let c = fixture.chunkSize
        let doc = try store.add(file: try fixture.input(Random.bytes(40 * c)))
        let s = try store.stream(doc)
        XCTAssertEqual(try s.next()?.count, c)
        // Removing shreds the file the stream still has open.
        try store.remove(doc)
        XCTAssertThrowsVaultError(try drain(s), { $0 == .notFound(what: "document", name: doc.shortID) })
    }

    final class Weak: @unchecked Sendable {
        weak var object: AnyObject?
        init(_ object: AnyObject?) { self.object = object }
    }

    /// Runs `body` on another thread and waits at most `seconds`: a hang is a
    /// failure (returning nil), not a test run that never ends.
    static func within<T>(_ seconds: Double, _ what: String, _ body: @escaping () throws -> T) throws -> T? {
        let box = Outcome(body)
        let done = DispatchSemaphore(value: 0)
        Thread {
            box.result = Result { try box.body() }
            done.signal()
        }.start()
        guard done.wait(timeout: .now() + seconds) == .success else {
            XCTFail("\(what): still running after \(seconds) s")
            return nil
        }
        return try box.result?.get()
    }
}

/// A body run on another thread and what it gave (read after a semaphore).
private final class Outcome<T>: @unchecked Sendable {
    let body: () throws -> T
    var result: Result<T, Error>?
    init(_ body: @escaping () throws -> T) { self.body = body }
}
