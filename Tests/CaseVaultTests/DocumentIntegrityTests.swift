import Foundation
import GRDB
import XCTest
@testable import CaseVault
import SwiftCryptoKit
import SodiumKit

/// Every way of damaging a stored document is reported as an integrity
/// failure, and a failed export leaves no plaintext file behind.
final class DocumentIntegrityTests: XCTestCase {
    private var fixture: DocumentFixture!
    private var store: DocumentStore!
    private var doc: Document!
    private var original: [UInt8] = []
    private var sealed: [UInt8] = []
    private let header = DocumentFormat.headerBytes
    private var chunk: Int { fixture.chunkSize + SecretStream.overheadBytes }

    override func setUpWithError() throws {
        fixture = try DocumentFixture(chunkSize: 4096)
        store = try fixture.store()
        original = Random.bytes(3 * fixture.chunkSize + 100)   // chunks 1-3 full, chunk 4 FINAL
        doc = try store.add(file: try fixture.input(original))
        sealed = try readBytes(fixture.blobPath(doc))
        XCTAssertEqual(sealed.count, header + 3 * chunk + 100 + SecretStream.overheadBytes)
    }

    override func tearDown() { fixture.cleanUp(); fixture = nil; store = nil }

    private func chunkRange(_ i: Int) -> Range<Int> {
        let start = header + i * chunk
        return start..<min(start + chunk, sealed.count)
    }

    /// Replaces the ciphertext file, then checks verify and export both fail.
    private func expectFailure(_ bytes: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try writeBytes(bytes, fixture.blobPath(doc))
        assertIntegrityFailure(try store.verify(doc), "verify: \(what)", file: file, line: line)
        let out = try fixture.outputPath()
        assertIntegrityFailure(try store.export(doc, to: out), "export: \(what)", file: file, line: line)
        let dir = (out as NSString).deletingLastPathComponent
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "plaintext left after \(what)", file: file, line: line)
    }

    func testFlippedBytesAnywhereAreDetected() throws {
        for offset in [0, 9, 13, 20, header, header + chunk + 7, sealed.count - 1] {
            var b = sealed
            b[offset] ^= 0x40
            try expectFailure(b, "byte \(offset) flipped")
        }
    }

    func testDroppedRepeatedAndReorderedChunksAreDetected() throws {
        let h = Array(sealed[0..<header])
        let c = (0..<4).map { Array(sealed[chunkRange($0)]) }
        try expectFailure(h + c[0] + c[2] + c[3], "chunk 2 dropped")
        try expectFailure(h + c[0] + c[1] + c[1] + c[2] + c[3], "chunk 2 repeated")
        try expectFailure(h + c[1] + c[0] + c[2] + c[3], "chunks 1 and 2 swapped")
        try expectFailure(h + c[0] + c[1] + c[2] + c[3] + c[3], "final chunk repeated")
    }

    func testTruncatedDocumentsAreDetected() throws {
        try expectFailure(Array(sealed[0..<chunkRange(3).lowerBound]), "final chunk cut off at a chunk boundary")
        try expectFailure(Array(sealed.dropLast(5)), "cut inside the final chunk")
        try expectFailure(Array(sealed[0..<header + 10]), "cut inside the first chunk")
        try expectFailure(Array(sealed[0..<header]), "only the header")
        try expectFailure(Array(sealed[0..<20]), "cut inside the header")
        try expectFailure([], "empty file")
        try expectFailure(sealed + [0], "a byte appended")
    }

    /// verify recomputes the SHA-256 and compares it with the metadata; get
    /// relies on the stream's authentication and checks the size only.
    func testVerifyChecksTheRecordedHash() throws {
        var meta = doc.metadata
        meta.sha256 = String(repeating: "0", count: 64)
        let row = try store.sealRow(id: doc.id, documentKey: try store.documentKey(doc), metadata: meta)
        try store.db.write { try row.update($0) }
        let changed = try store.resolve(doc.shortID)
        assertIntegrityFailure(try store.verify(changed), "hash differs from the metadata")
        let out = try fixture.outputPath()
        try store.export(changed, to: out)
        XCTAssertEqual(try readBytes(out), original)
    }

    /// A document an earlier version added records BLAKE2b-512 instead of
    /// SHA-256: it still verifies against that, a wrong one still fails, and
    /// its SHA-256 (for `doc verify --sha256` and shares) is computed.
    func testDocumentsRecordingOnlyBLAKE2bStillVerify() throws {
        func rewrite(sha256: String?, blake2b: String?) throws -> Document {
            var meta = doc.metadata
            meta.sha256 = sha256
            meta.blake2b = blake2b
            let row = try store.sealRow(id: doc.id, documentKey: try store.documentKey(doc), metadata: meta)
            try store.db.write { try row.update($0) }
            return try store.resolve(doc.shortID)
        }
        let b2 = try BLAKE2bHasher(length: 64)
        b2.update(original)
        let legacy = try rewrite(sha256: nil, blake2b: Bytes.hex(b2.finalize()))
        XCTAssertNoThrow(try store.verify(legacy))
        XCTAssertEqual(try store.sha256(legacy), Bytes.hex(SHA256Hasher.hash(original)))

        let wrong = try rewrite(sha256: nil, blake2b: String(repeating: "0", count: 128))
        assertIntegrityFailure(try store.verify(wrong), "legacy BLAKE2b differs")
        assertIntegrityFailure(try store.sha256(wrong), "legacy BLAKE2b differs (sha256)")

        let none = try rewrite(sha256: nil, blake2b: nil)
        assertIntegrityFailure(try store.verify(none), "no recorded hash")
    }

    func testMissingCiphertextFileIsAnIntegrityFailure() throws {
        try FileManager.default.removeItem(atPath: fixture.blobPath(doc))
        assertIntegrityFailure(try store.verify(doc), "missing file")
    }

    /// A document removed by another process after this one listed it is
    /// not found, whether the remove is midway (file renamed, row still
    /// there) or done; neither is damage, and check reports neither.
    func testADocumentRemovedMeanwhileIsNotFoundNotDamaged() throws {
        try FileManager.default.moveItem(atPath: fixture.blobPath(doc), toPath: store.removingPath(doc.id))
        XCTAssertThrowsError(try store.verify(doc)) { XCTAssertEqual(($0 as? CaseVaultError)?.kind, .notFound, "\($0)") }
        var midway = CheckReport()
        try store.check(into: &midway)
        XCTAssertEqual(midway.problems, [])
        _ = try fixture.store()  // another open finishes the remove: row and file gone
        XCTAssertFalse(try store.rowExists(doc.id))
        XCTAssertThrowsError(try store.verify(doc)) { XCTAssertEqual(($0 as? CaseVaultError)?.kind, .notFound, "\($0)") }
        let out = try fixture.outputPath()
        XCTAssertThrowsError(try store.export(doc, to: out)) { XCTAssertEqual(($0 as? CaseVaultError)?.kind, .notFound, "\($0)") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    /// A remove by another process while this one reads the document
    /// shreds the file under the reader: the next chunk fails to
    /// authenticate, which is reported as the document not found (exit 5),
    /// not as damage, and leaves no output file.
    func testADocumentRemovedWhileItIsReadIsNotFoundNotDamaged() throws {
        let out = try fixture.outputPath()
        let other = try fixture.store(), document = doc!
        var removed: Result<Void, Error>?
        XCTAssertThrowsError(try store.export(doc, to: out) { _, _ in
            if removed == nil { removed = Result { try other.remove(document) } }
        }) { XCTAssertEqual(($0 as? CaseVaultError)?.kind, .notFound, "\($0)") }
        XCTAssertNoThrow(try XCTUnwrap(removed).get())
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: (out as NSString).deletingLastPathComponent), [])
    }

    func testCiphertextOfAnotherDocumentDoesNotOpen() throws {
        let other = try store.add(file: try fixture.input(original), .init(label: "same bytes"))
        try writeBytes(try readBytes(fixture.blobPath(other)), fixture.blobPath(doc))
        assertIntegrityFailure(try store.verify(doc), "another document's ciphertext under this id")
    }

    func testRowsSwappedOrMovedDoNotOpen() throws {
        let other = try store.add(file: try fixture.input([1, 2, 3]), .init(label: "other"))
        /// Copies fields of `doc`'s row into `other`'s.
        func graft(_ copy: @escaping (DocumentRow, inout DocumentRow) -> Void) throws {
            try store.db.write { db in
                let a = try DocumentRow.fetchOne(db, key: Data(doc.id))!
                var b = try DocumentRow.fetchOne(db, key: Data(other.id))!
                copy(a, &b)
                try b.update(db)
            }
        }
        // Give `doc` the wrapped key of `other`: the key's AD names the row.
        try graft { a, b in (b.keyNonce, b.keySealed) = (a.keyNonce, a.keySealed) }
        assertIntegrityFailure(try store.verify(other), "wrapped key from another row")
        // Metadata from another row.
        try graft { a, b in (b.metaNonce, b.metaSealed) = (a.metaNonce, a.metaSealed) }
        assertIntegrityFailure(try store.list(), "metadata from another row")
    }

    func testAnotherKeyOrVaultIdCannotReadTheStore() throws {
        assertIntegrityFailure(try fixture.store(key: try SecureBytes.random(count: 32)).list(), "other documents key")
        assertIntegrityFailure(try fixture.store(vaultID: Random.bytes(16)).list(), "other vault id")
    }

    /// Not a byte run of the plaintext, nor its name or note, is in any vault file.
    func testNoPlaintextInAnyVaultFile() throws {
        let marker = Array("I-797C NOTICE OF ACTION receipt IOE0123456789 ".utf8)
        var text: [UInt8] = []
        while text.count < 5 * fixture.chunkSize { text += marker }
        try store.add(file: try fixture.input(text, name: "i797-approval-IOE0123456789.pdf"),
                      .init(type: .i797, note: "approved, card being produced"))
        let probes: [[UInt8]] = stride(from: 0, to: text.count - 32, by: 1024).map { Array(text[$0..<$0 + 32]) }
            + [marker, Array("i797-approval".utf8), Array("IOE0123456789".utf8), Array("card being produced".utf8), Array("i-797".utf8)]
        let files = fixture.allFiles()
        XCTAssertTrue(files.contains { $0.hasSuffix("documents.db") })
        for path in files {
            let bytes = try readBytes(path)
            for p in probes {
                XCTAssertFalse(bytes.contains(subsequence: p), "plaintext found in \((path as NSString).lastPathComponent)")
            }
        }
    }

    func testRemoveDeletesRowKeyAndCiphertext() throws {
        let row = try store.db.read { try DocumentRow.fetchOne($0, key: Data(doc.id))! }
        let blob = fixture.blobPath(doc)
        try store.remove(doc)
        XCTAssertFalse(FileManager.default.fileExists(atPath: blob))
        XCTAssertEqual(try store.list(), [])
        XCTAssertThrowsError(try store.remove(doc)) { XCTAssertEqual($0 as? CaseVaultError, .notFound(what: "document", name: doc.shortID)) }
        for path in fixture.allFiles() {
            let bytes = try readBytes(path)
            XCTAssertFalse(bytes.contains(subsequence: [UInt8](row.keySealed)), "wrapped key still in \(path)")
            XCTAssertFalse(bytes.contains(subsequence: [UInt8](row.metaSealed.prefix(64))), "sealed metadata still in \(path)")
        }
    }

    /// A ciphertext file with another hard link (a `cp -al` snapshot, or a
    /// link someone made): the remove unlinks the vault's name and deletes
    /// the row, but writes no zeros into the other name's file.
    func testRemoveOverwritesNoOtherNameOfTheFile() throws {
        let snapshot = try fixture.outputPath("snapshot.cvdoc")
        XCTAssertEqual(link(fixture.blobPath(doc), snapshot), 0)
        try store.remove(doc)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.blobPath(doc)))
        XCTAssertEqual(try store.list(), [])
        XCTAssertEqual(try readBytes(snapshot), sealed, "the other name's file was overwritten")
    }

    func testATemporaryFileWithoutARowIsRemovedOnOpen() throws {
        let docs = fixture.dir.appendingPathComponent("documents").path
        let temp = "\(docs)/.tmp-\(Bytes.hex(Random.bytes(16))).cvdoc"
        try writeBytes(Array(sealed.prefix(5000)), temp)
        store = nil
        let reopened = try fixture.store()
        XCTAssertFalse(FileManager.default.fileExists(atPath: temp))
        XCTAssertEqual(try reopened.list(), [doc])
        try reopened.verify(doc)
    }

    /// An add killed after its row committed and before its file was
    /// renamed: the document reads meanwhile, and the next open renames it.
    func testAnAddKilledAfterItsCommitIsFinishedOnOpen() throws {
        let temp = store.temporaryPath(doc.id)
        try FileManager.default.moveItem(atPath: fixture.blobPath(doc), toPath: temp)
        try store.verify(doc)
        store = nil
        let reopened = try fixture.store()
        XCTAssertFalse(FileManager.default.fileExists(atPath: temp))
        XCTAssertEqual(try readBytes(fixture.blobPath(doc)), sealed)
        try reopened.verify(doc)
    }

    /// A remove killed after it renamed the file: the next open completes
    /// it (row and file gone), as it does for a marked file whose row went.
    func testARemoveKilledMidwayIsFinishedOnOpen() throws {
        let second = try store.add(file: try fixture.input(Random.bytes(5000), name: "second.pdf"), .init(label: "second"))
        try FileManager.default.moveItem(atPath: fixture.blobPath(doc), toPath: store.removingPath(doc.id))
        let orphan = store.removingPath(Random.bytes(16))
        try writeBytes(sealed, orphan)
        store = nil
        let reopened = try fixture.store()
        XCTAssertEqual(try reopened.list(), [second])
        for path in fixture.allFiles() {
            XCTAssertFalse(try readBytes(path).contains(subsequence: Array(sealed[header..<header + 256])), "ciphertext left in \(path)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: fixture.dir.appendingPathComponent("documents").path).sorted(),
                       [".lock", (fixture.blobPath(second) as NSString).lastPathComponent])
    }

    /// documents.db replaced by an older copy that lacks a newer document's
    /// row: the newer file is kept (only that row could open it) and check
    /// reports it, where earlier versions shredded it on open.
    func testAnOlderDocumentsDatabaseShredsNothing() throws {
        let dbPath = fixture.dir.appendingPathComponent("documents.db").path
        store = nil
        let older = fixture.dir.appendingPathComponent("older.db").path
        try FileManager.default.copyItem(atPath: dbPath, toPath: older)
        store = try fixture.store()
        let newer = try store.add(file: try fixture.input(Random.bytes(9000), name: "newer.pdf"), .init(label: "newer"))
        let newerBytes = try readBytes(fixture.blobPath(newer))
        store = nil
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
        try FileManager.default.moveItem(atPath: older, toPath: dbPath)
        let reopened = try fixture.store()
        XCTAssertEqual(try reopened.list(), [doc])
        XCTAssertEqual(try readBytes(fixture.blobPath(newer)), newerBytes, "the newer document's file is kept as it was")
        var report = CheckReport()
        try reopened.check(into: &report)
        XCTAssertEqual(report.problems.map(\.record), ["documents/\(newer.idHex).cvdoc"])
        XCTAssertTrue(report.problems[0].problem.contains("older copy"), report.problems[0].problem)
    }

    func testLeftoversAreKeptWhileAnotherStoreHoldsTheLock() throws {
        let docs = fixture.dir.appendingPathComponent("documents").path
        let temp = "\(docs)/.tmp-\(Bytes.hex(Random.bytes(16))).cvdoc"
        try writeBytes([1, 2, 3], temp)
        try store.lock.shared {
            _ = try fixture.store()
            XCTAssertTrue(FileManager.default.fileExists(atPath: temp), "an add in progress must not lose its file")
        }
        _ = try fixture.store()
        XCTAssertFalse(FileManager.default.fileExists(atPath: temp))
    }
}
