import Foundation
import XCTest
@testable import CaseVault
import SwiftCryptoKit
import SodiumKit

/// DocumentUpload: a document added from bytes another thread feeds (an
/// upload). It must be stored exactly as fed, only once the feeder says it
/// is finished; a cut-off feed leaves no document and no file; an add that
/// fails releases the feeder; memory stays flat whatever the size.
final class DocumentUploadTests: XCTestCase {
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

    /// Feeds `data` to `upload` on a new thread in pieces of the given sizes
    /// (cycled), then finishes or aborts it; the box says how the writes went.
    @discardableResult
    private func feed(_ upload: DocumentUpload, _ data: [UInt8], pieces: [Int] = [1000, 7, 65536],
                      upTo limit: Int? = nil, thenFinish: Bool = true) -> Feeder {
        let feeder = Feeder()
        let end = min(limit ?? data.count, data.count)
        Thread {
            var offset = 0, i = 0
            do {
                while offset < end {
                    let n = min(pieces[i % pieces.count], end - offset)
                    try upload.write(contentsOf: data[offset..<offset + n])
                    offset += n
                    i += 1
                }
                if thenFinish { upload.finish() } else { upload.abort() }
            } catch {
                feeder.error = error
            }
            feeder.done.signal()
        }.start()
        return feeder
    }

    private func read(_ doc: Document) throws -> [UInt8] {
        let s = try store.stream(doc)
        var out: [UInt8] = []
        while let chunk = try s.next() { out += chunk }
        try s.finish()
        return out
    }

    /// The ciphertext files of the store, whatever their step (`.tmp-`, stored, `.removing-`).
    private func documentFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixture.dir.appendingPathComponent("documents").path)
            .filter { $0.hasSuffix(".cvdoc") }.sorted()
    }

    // MARK: - Stored whole

    func testAnUploadFedFromAnotherThreadIsStoredAsFed() throws {
        let c = fixture.chunkSize
        for size in [0, 1, c - 1, c, c + 1, 9 * c + 5, 100_000] {
            let data = Random.bytes(size)
            // A ring smaller than a chunk: the two sides must take turns many times per chunk.
            let (upload, source) = DocumentUpload.pipe(bufferSize: 1500)
            let feeder = feed(upload, data)
            let doc = try store.add(from: source, fileName: "scan-\(size).pdf", .init(type: .passport, label: "size \(size)"))
            XCTAssertEqual(feeder.done.wait(timeout: .now() + 10), .success)
            XCTAssertNil(feeder.error, "size \(size)")
            XCTAssertEqual(doc.metadata.size, Int64(size))
            XCTAssertEqual(doc.metadata.sha256, Bytes.hex(SHA256Hasher.hash(data)), "size \(size)")
            XCTAssertEqual(doc.metadata.fileName, "scan-\(size).pdf")
            XCTAssertEqual(doc.metadata.type, .passport)
            XCTAssertEqual(try read(doc), data, "size \(size)")
            try store.verify(doc)
        }
        XCTAssertEqual(try fixture.store().list().count, 7)
        let files = try documentFiles()
        XCTAssertTrue(files.allSatisfy { !$0.hasPrefix(".") }, "no temporary file left: \(files)")
    }

    func testTheSameBytesGiveTheSameDocumentAsAFileAdd() throws {
        let f = try DocumentFixture(chunkSize: DocumentStore.defaultChunkSize)
        defer { f.cleanUp() }
        let store = try f.store()
        let data = Random.bytes(5 * DocumentStore.defaultChunkSize + 999)
        let fromFile = try store.add(file: try f.input(data, name: "card.jpg"), .init(label: "file"))
        let (upload, source) = DocumentUpload.pipe()
        feed(upload, data, pieces: [65536, 16384])
        var progress: [Int64] = []
        let fromUpload = try store.add(from: source, fileName: "card.jpg", .init(label: "upload")) { progress.append($0) }
        XCTAssertEqual(fromUpload.metadata.sha256, fromFile.metadata.sha256)
        XCTAssertEqual(fromUpload.metadata.size, fromFile.metadata.size)
        XCTAssertEqual(progress.last, Int64(data.count))
        XCTAssertEqual(progress, progress.sorted(), "progress only goes forward")
        let out = try f.outputPath()
        try store.export(fromUpload, to: out)
        XCTAssertEqual(try readBytes(out), data)
        // Same layout on disk as a file add: header, whole chunks, the last one FINAL.
        XCTAssertEqual(try readBytes(f.blobPath(fromUpload)).count, try readBytes(f.blobPath(fromFile)).count)
    }

    func testMemoryStaysFlatWhileALargeUploadIsAdded() throws {
        let f = try DocumentFixture(chunkSize: DocumentStore.defaultChunkSize)
        defer { f.cleanUp() }
        let store = try f.store()
        let total = 160 << 20, piece = 64 << 10
        let (upload, source) = DocumentUpload.pipe()
        let baseline = residentBytes()
        XCTAssertGreaterThan(baseline, 0, "VmRSS is readable")
        let peak = Peak()
        let expected = SHA256Hasher()
        let feeder = Feeder()
        // The bytes are made as they are fed, never held whole: whatever
        // the process holds beyond the baseline is the add's own.
        Thread {
            var block = Random.bytes(piece)
            do {
                for i in 0..<(total / piece) {
                    block[0] = UInt8(i & 0xff); block[1] = UInt8((i >> 8) & 0xff)
                    expected.update(block)
                    try upload.write(contentsOf: block)
                    if i % 64 == 0 { peak.note(residentBytes()) }
                }
                upload.finish()
            } catch {
                feeder.error = error
            }
            feeder.done.signal()
        }.start()
        let doc = try store.add(from: source, fileName: "big.pdf", .init())
        XCTAssertEqual(feeder.done.wait(timeout: .now() + 60), .success)
        XCTAssertNil(feeder.error)
        XCTAssertEqual(doc.metadata.size, Int64(total))
        XCTAssertEqual(doc.metadata.sha256, Bytes.hex(expected.finalize()))
        // The ring (4 MiB), the hash and write pipelines (7 MiB) and thread
        // stacks: well under the 160 MiB that went through.
        let grown = peak.value - baseline
        XCTAssertLessThan(grown, 48 << 20, "resident memory grew by \(grown >> 20) MiB during a \(total >> 20) MiB upload")
    }

    // MARK: - Cut off, refused

    func testAnAbortedUploadLeavesNoDocumentAndNoFile() throws {
        let c = fixture.chunkSize
        let data = Random.bytes(20 * c)
        let before = try documentFiles()
        // Aborted after a few chunks, while the add waits for more.
        let (upload, source) = DocumentUpload.pipe(bufferSize: 3000)
        let feeder = feed(upload, data, upTo: 5 * c + 3, thenFinish: false)
        XCTAssertThrowsVaultError(try store.add(from: source, fileName: "cut.pdf", .init()), {
            if case .invalidInput(field: "document upload", _, _, _) = $0 { return true } else { return false }
        })
        XCTAssertEqual(feeder.done.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(try store.list(), [])
        XCTAssertEqual(try documentFiles(), before, "no temporary or stored file left")
        // The same bytes, finished, are then stored: nothing of the cut one lingers.
        let (again, source2) = DocumentUpload.pipe()
        feed(again, data)
        XCTAssertEqual(try read(try store.add(from: source2, fileName: "cut.pdf", .init())), data)
    }

    func testAnUploadReleasedWithoutFinishingIsCutOff() throws {
        let c = fixture.chunkSize
        var pair: (upload: DocumentUpload, source: DocumentSource)? = DocumentUpload.pipe(bufferSize: 1 << 20)
        let source = pair!.source
        // Every byte of a would-be document written, but no finish(): the
        // writer could not know the end was the end (a connection dropped).
        try pair!.upload.write(contentsOf: Random.bytes(3 * c))
        let failed = Feeder()
        let store = Unchecked(try XCTUnwrap(self.store))
        Thread {
            do { _ = try store.value.add(from: source, fileName: "dropped.pdf", .init()) } catch { failed.error = error }
            failed.done.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.05)
        pair = nil
        XCTAssertEqual(failed.done.wait(timeout: .now() + 10), .success, "the add still waits after its upload was released")
        guard case .invalidInput(field: "document upload", _, _, _)? = failed.error as? CaseVaultError else {
            return XCTFail("expected the upload to count as cut off, got \(String(describing: failed.error))")
        }
        XCTAssertEqual(try store.value.list(), [])
        XCTAssertEqual(try documentFiles(), [])
    }

    func testAnAddThatFailsReleasesTheWriterWithItsFailure() throws {
        _ = try store.add(file: try fixture.input([1, 2, 3]), .init(label: "passport"))
        let (upload, source) = DocumentUpload.pipe(bufferSize: 4096)
        // Far more than the ring holds: without the add's failure handed
        // over, this writer would wait for ever.
        let feeder = feed(upload, Random.bytes(1 << 20), pieces: [8192])
        XCTAssertThrowsVaultError(try store.add(from: source, fileName: "p.pdf", .init(label: "passport")), {
            $0 == .alreadyExists(what: "document", name: "passport")
        })
        XCTAssertEqual(feeder.done.wait(timeout: .now() + 10), .success, "the writer still waits")
        XCTAssertEqual(feeder.error as? CaseVaultError, .alreadyExists(what: "document", name: "passport"))
        XCTAssertEqual(try store.list().count, 1)
    }

    func testASourceIsAddedOnceAndAFileNameMustHaveNoFolder() throws {
        let (upload, source) = DocumentUpload.pipe()
        feed(upload, [1, 2, 3])
        _ = try store.add(from: source, fileName: "a.pdf", .init())
        XCTAssertThrowsVaultError(try store.add(from: source, fileName: "a.pdf", .init(label: "again")), {
            if case .invalidInput(field: "document source", _, _, _) = $0 { return true } else { return false }
        })
        XCTAssertThrowsError(try upload.write(contentsOf: [4]), "a write after finish() is refused")

        // More than the ring holds, so the writer is still writing when the add refuses.
        let (upload2, source2) = DocumentUpload.pipe(bufferSize: 4096)
        let feeder = feed(upload2, Random.bytes(100_000))
        XCTAssertThrowsVaultError(try store.add(from: source2, fileName: "../etc/x.pdf", .init()), {
            if case .invalidInput(field: "file name", _, _, _) = $0 { return true } else { return false }
        })
        XCTAssertEqual(feeder.done.wait(timeout: .now() + 10), .success)
        XCTAssertNotNil(feeder.error, "the writer learns that nothing reads its bytes")
        XCTAssertEqual(try store.list().count, 1)
    }
}

/// A feeding thread's end, and its failure.
final class Feeder: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var error: Error?
}

/// A value handed to another thread that the test alone uses meanwhile.
private struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The highest value noted (from the feeding thread).
private final class Peak: @unchecked Sendable {
    private let lock = NSLock()
    private var highest = 0
    func note(_ v: Int) { lock.lock(); highest = max(highest, v); lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return highest }
}

/// This process's resident memory now (VmRSS), in bytes.
func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
    return kb << 10
}
