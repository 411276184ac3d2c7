import Foundation
import XCTest
@testable import CaseVault
import SwiftCryptoKit
import SodiumKit

final class DocumentStoreTests: XCTestCase {
    private var fixture: DocumentFixture!

    override func setUpWithError() throws { fixture = try DocumentFixture(chunkSize: 4096) }
    override func tearDown() { fixture.cleanUp(); fixture = nil }

    private func roundTrip(_ data: [UInt8], store: DocumentStore, label: String) throws {
        let input = try fixture.input(data)
        let doc = try store.add(file: input, .init(type: .passport, label: label))
        XCTAssertEqual(doc.metadata.size, Int64(data.count), label)
        XCTAssertEqual(doc.metadata.sha256, Bytes.hex(SHA256Hasher.hash(data)), label)
        XCTAssertNil(doc.metadata.blake2b, label)
        try store.verify(doc)
        let out = try fixture.outputPath()
        try store.export(doc, to: out)
        XCTAssertEqual(try readBytes(out), data, label)
        XCTAssertEqual(try fileMode(out), 0o600, label)
    }

    func testRoundTripsOfEmptyOneByteAndChunkBoundarySizes() throws {
        let store = try fixture.store()
        let c = fixture.chunkSize
        for size in [0, 1, c - 1, c, c + 1, 2 * c, 3 * c + 17] {
            try roundTrip(Random.bytes(size), store: store, label: "size-\(size)")
        }
        XCTAssertEqual(try store.list().count, 7)
        // Read-ahead tags the last full chunk FINAL: only an empty file has an empty chunk.
        let docs = try store.list()
        for d in docs {
            let n = Int(d.metadata.size)
            let chunks = n == 0 ? 1 : (n + c - 1) / c
            let expected = DocumentFormat.headerBytes + n + chunks * SecretStream.overheadBytes
            XCTAssertEqual(try readBytes(fixture.blobPath(d)).count, expected, "size \(n)")
        }
    }

    func testMultiChunkRoundTripWithTheDefaultChunkSize() throws {
        let f = try DocumentFixture(chunkSize: DocumentStore.defaultChunkSize)
        defer { f.cleanUp() }
        let store = try f.store()
        let data = Random.bytes(3 * DocumentStore.defaultChunkSize + 12345)
        let doc = try store.add(file: try f.input(data))
        let out = try f.outputPath()
        var seen: [Int64] = []
        try store.export(doc, to: out) { done, total in seen.append(done); XCTAssertEqual(total, Int64(data.count)) }
        XCTAssertEqual(try readBytes(out), data)
        XCTAssertEqual(seen.last, Int64(data.count))
        XCTAssertEqual(seen.count, 4)
    }

    func testMetadataIsKeptAndListedOldestFirst() throws {
        let store = try fixture.store()
        let day = try CalendarDay(parsing: "2031-04-30")
        let a = try store.add(file: try fixture.input([1, 2, 3], name: "card-front.jpg"),
                              .init(type: .greenCard, label: "gc front", expires: day, note: "renew\nearly"),
                              now: Date(timeIntervalSince1970: 1_000))
        _ = try store.add(file: try fixture.input([4], name: "i797.pdf"), .init(type: .i797), now: Date(timeIntervalSince1970: 2_000))
        let listed = try fixture.store().list()
        XCTAssertEqual(listed.map(\.metadata.label), ["gc front", "i797.pdf"])
        XCTAssertEqual(listed[0], a)
        XCTAssertEqual(listed[0].metadata.fileName, "card-front.jpg")
        XCTAssertEqual(listed[0].metadata.expires, day)
        XCTAssertEqual(listed[0].metadata.note, "renew\nearly")
        XCTAssertEqual(listed[1].metadata.type, .i797)
    }

    func testResolveByLabelOrIdPrefix() throws {
        let store = try fixture.store()
        let doc = try store.add(file: try fixture.input([9]), .init(label: "passport p1"))
        XCTAssertEqual(try store.resolve("passport p1"), doc)
        XCTAssertEqual(try store.resolve(String(doc.idHex.prefix(6)).uppercased()), doc)
        XCTAssertThrowsError(try store.resolve("nope")) { XCTAssertEqual($0 as? CaseVaultError, .notFound(what: "document", name: "nope")) }
        XCTAssertThrowsError(try store.resolve(String(doc.idHex.prefix(3))))
    }

    func testLabelsAreUniqueAndValidated() throws {
        let store = try fixture.store()
        try store.add(file: try fixture.input([1]), .init(label: "ead"))
        XCTAssertThrowsError(try store.add(file: try fixture.input([2]), .init(label: "ead"))) {
            XCTAssertEqual($0 as? CaseVaultError, .alreadyExists(what: "document", name: "ead"))
        }
        XCTAssertThrowsError(try store.add(file: try fixture.input([2]), .init(label: "bad\u{1B}[2J")))
        XCTAssertThrowsError(try store.add(file: try fixture.input([2]), .init(label: "")))
        XCTAssertThrowsError(try store.add(file: try fixture.input([2]), .init(label: "   "))) {
            XCTAssertEqual($0 as? CaseVaultError, .invalidInput(field: "label", reason: "it is only spaces", expected: "a short name such as green-card or passport"))
        }
        XCTAssertThrowsError(try store.add(file: try fixture.input([2]), .init(label: String(repeating: "x", count: 201))))
        XCTAssertEqual(try store.list().count, 1, "a refused add stores nothing")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: fixture.dir.appendingPathComponent("documents").path)
            .filter { $0.hasSuffix(".cvdoc") }.count, 1)
    }

    func testAddOfAMissingFileOrADirectoryFailsCleanly() throws {
        let store = try fixture.store()
        XCTAssertThrowsError(try store.add(file: fixture.dir.path + "/missing.pdf")) {
            guard case CaseVaultError.io = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try store.add(file: fixture.dir.path)) {
            guard case CaseVaultError.invalidInput = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try store.list().count, 0)
    }

    func testExportRefusesToOverwriteUnlessAsked() throws {
        let store = try fixture.store()
        let doc = try store.add(file: try fixture.input([1, 2, 3]))
        let out = try fixture.outputPath()
        try writeBytes([7], out)
        XCTAssertThrowsError(try store.export(doc, to: out)) {
            XCTAssertEqual($0 as? CaseVaultError, .alreadyExists(what: "file", name: out))
        }
        XCTAssertEqual(try readBytes(out), [7])
        try store.export(doc, to: out, overwrite: true)
        XCTAssertEqual(try readBytes(out), [1, 2, 3])
        XCTAssertEqual(try fileMode(out), 0o600)
        let dir = (out as NSString).deletingLastPathComponent
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["out.pdf"], "no temporary file left")
    }

    func testSHA256MatchesTheOneShotDigest() throws {
        let store = try fixture.store()
        let data = Random.bytes(10_000)
        let doc = try store.add(file: try fixture.input(data))
        XCTAssertEqual(try store.sha256(doc), Bytes.hex(SHA256Hasher.hash(data)))
    }

    func testExpiringDocuments() throws {
        let store = try fixture.store()
        let today = try CalendarDay(parsing: "2026-11-22")
        try store.add(file: try fixture.input([1]), .init(type: .ead, label: "ead", expires: try CalendarDay(parsing: "2027-03-01")))
        try store.add(file: try fixture.input([1]), .init(type: .passport, label: "pp", expires: try CalendarDay(parsing: "2030-01-01")))
        try store.add(file: try fixture.input([1]), .init(type: .greenCard, label: "old", expires: try CalendarDay(parsing: "2026-01-01")))
        try store.add(file: try fixture.input([1]), .init(label: "none"))
        XCTAssertEqual(try store.expiring(within: 180, today: today).map(\.metadata.label), ["old", "ead"])
        XCTAssertEqual(try store.list().first { $0.metadata.label == "ead" }?.daysUntilExpiry(from: today), 99)
    }

    func testStoreFilesArePrivateAndOnlyDocumentFiles() throws {
        let store = try fixture.store()
        try store.add(file: try fixture.input(Random.bytes(5000)))
        for p in fixture.allFiles() {
            XCTAssertEqual(try fileMode(p), 0o600, p)
            let name = (p as NSString).lastPathComponent
            XCTAssertTrue(name.hasPrefix("documents.db") || p.contains("/documents/"), "unexpected file \(p)")
        }
        XCTAssertEqual(try fileMode(fixture.dir.appendingPathComponent("documents").path), 0o700)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.dir.appendingPathComponent("vault.db").path))
    }
}
