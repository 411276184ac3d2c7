import AgeKit
import Foundation
import SodiumKit
import XCTest
@testable import CaseVault

/// Shares and backups written to a `SealedStream` (a download, in the app):
/// the bytes read are the file a path would have got; any failure, before
/// the first byte or midway, ends the stream as failed so the reader never
/// takes a part for the whole; a reader that stops makes the writer stop.
final class SealedStreamTests: XCTestCase {
    var applicant: TestVault!
    var identity: X25519Identity!
    var scratch: URL!

    override func setUpWithError() throws {
        applicant = try TestVault()
        let attorney = try TestVault()
        identity = try XCTUnwrap(try attorney.vault.shareKeys.createAgeIdentity(replace: false, postQuantum: false) as? X25519Identity)
        try applicant.vault.representatives.add(name: "Jane Doe, Esq.", recipient: identity.recipient.encoded)
        scratch = applicant.root.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    /// Adds a document of `size` pseudo-random bytes; returns it.
    func addDocument(_ size: Int, label: String) throws -> Document {
        let file = path(label + ".bin")
        var bytes = [UInt8](repeating: 0, count: size)
        for i in 0..<size { bytes[i] = UInt8(truncatingIfNeeded: (i &* 2_654_435_761) >> 13) }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        var options = DocumentStore.NewDocument()
        options.label = label
        return try applicant.vault.documents().add(file: file, options)
    }

    /// What the writing thread returned, handed to the test's thread.
    /// (The vault is used by one thread at a time here: the test's thread
    /// only reads the stream while the writer runs.)
    final class Outcome<T>: @unchecked Sendable {
        let write: () throws -> T
        var result: Result<T, Error>?
        init(_ write: @escaping () throws -> T) { self.write = write }
    }

    /// Runs `write` on another thread and reads the stream to its end (or
    /// failure) here: the bytes read, the reader's error, the writer's result.
    func drain<T>(_ stream: SealedStream, pieceSize: Int = 64 * 1024, stopAfter: Int? = nil,
                  _ write: @escaping () throws -> T) -> (bytes: [UInt8], readError: Error?, written: Result<T, Error>) {
        let outcome = Outcome<T>(write)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            outcome.result = Result { try outcome.write() }
            done.signal()
        }
        var bytes: [UInt8] = []
        var readError: Error?
        let buffer = ChunkBuffer(capacity: pieceSize)
        do {
            while true {
                if let stop = stopAfter, bytes.count >= stop {
                    stream.cancel()
                    break
                }
                try stream.read(into: buffer)
                if buffer.count == 0 { break }
                bytes += buffer.bytes
            }
        } catch {
            readError = error
        }
        done.wait()
        return (bytes, readError, outcome.result!)
    }

    func testAShareReadFromTheStreamOpensAsAFileWould() throws {
        let doc = try addDocument(3 << 20, label: "passport")
        try applicant.vault.identifiers.add(kind: .aNumber, value: "A012345678", label: nil, note: nil)
        var selection = ShareSelection()
        selection.identifiers = true
        selection.documents = [doc.idHex]
        let stream = SealedStream()
        let vault = applicant.vault!
        let r = drain(stream) {
            try ShareExporter(vault: vault).export(to: "Jane Doe, Esq.", selection: selection, senderName: "Maria Lopez", destination: .stream(stream))
        }
        XCTAssertNil(r.readError)
        let manifest = try r.written.get()
        try Data(r.bytes).write(to: URL(fileURLWithPath: path("share.age")))
        let attorney = try TestVault()
        let opened = try ShareOpener(identities: [identity], inbox: attorney.vault.inbox, expected: nil, repin: false)
            .open(path: path("share.age"), action: .extract(to: path("out")))
        XCTAssertEqual(opened.manifest.shareID, manifest.shareID)
        XCTAssertEqual(opened.manifest.entries.count, 2)
        let extracted = try Data(contentsOf: URL(fileURLWithPath: path("out/documents/passport.bin")))
        XCTAssertEqual(extracted.count, 3 << 20)
    }

    func testAFailureBeforeTheFirstByteEndsTheStreamAsFailed() throws {
        var selection = ShareSelection()
        selection.identifiers = true
        let stream = SealedStream()
        let vault = applicant.vault!
        let r = drain(stream) {
            try ShareExporter(vault: vault).export(to: "Nobody", selection: selection, senderName: "Maria Lopez", destination: .stream(stream))
        }
        XCTAssertEqual(r.bytes, [])
        XCTAssertNotNil(r.readError, "the reader took a failed share for an empty one")
        XCTAssertThrowsVaultError(try r.written.get(), { if case .notFound = $0 { return true }; return false })
    }

    func testADocumentDamagedMidwayEndsTheStreamAsFailed() throws {
        let doc = try addDocument(5 << 20, label: "damaged")
        let blob = applicant.location.directory.appendingPathComponent("documents/\(doc.idHex).cvdoc")
        let handle = try FileHandle(forUpdating: blob)
        let offset: UInt64 = 40 + 3 * (1_048_576 + 17) + 1000  // in the fourth 1 MiB chunk
        try handle.seek(toOffset: offset)
        let byte = try XCTUnwrap(try handle.read(upToCount: 1))
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data([byte[0] ^ 1]))
        try handle.close()
        var selection = ShareSelection()
        selection.documents = [doc.idHex]
        let stream = SealedStream()
        let vault = applicant.vault!
        let r = drain(stream) {
            try ShareExporter(vault: vault).export(to: "Jane Doe, Esq.", selection: selection, senderName: "Maria Lopez", destination: .stream(stream))
        }
        XCTAssertNotNil(r.readError, "the stream of a share with a damaged document ended as if complete")
        XCTAssertGreaterThan(r.bytes.count, 0, "nothing was streamed before the damage")
        XCTAssertLessThan(r.bytes.count, 5 << 20)
        XCTAssertThrowsVaultError(try r.written.get(), { (e: CaseVaultError) -> Bool in e.kind == .integrity })
        // What was read does not decrypt: age's last chunk is missing.
        XCTAssertThrowsError(try Age.decrypt(r.bytes, identities: [identity]))
    }

    func testAReaderThatStopsStopsTheWriter() throws {
        _ = try addDocument(6 << 20, label: "large")
        let stream = SealedStream(bufferSize: 256 * 1024)
        let vault = applicant.vault!
        let recovery = applicant.recovery!
        let r = drain(stream, stopAfter: 512 * 1024) {
            try BackupWriter(vault: vault).write(to: stream, key: .recoveryKey(recovery), workFactor: 10)
        }
        XCTAssertNil(r.readError)
        XCTAssertThrowsVaultError(try r.written.get(), { (e: CaseVaultError) -> Bool in e.kind == .io }, "the backup went on with nobody reading")
    }

    func testABackupReadFromTheStreamRestores() throws {
        _ = try addDocument(2 << 20, label: "card")
        try applicant.vault.codes.add(label: "uscis", account: nil, codes: ["ABCD1234EF"])
        let stream = SealedStream()
        let vault = applicant.vault!
        let r = drain(stream) {
            try BackupWriter(vault: vault).write(to: stream, key: .passphrase(SecureBytesBox(try secure("backup passphrase!"))), workFactor: 10)
        }
        XCTAssertNil(r.readError)
        let summary = try r.written.get()
        XCTAssertEqual(summary.documents, 1)
        XCTAssertTrue(summary.complete)
        try Data(r.bytes).write(to: URL(fileURLWithPath: path("backup.age")))
        let restored = try BackupRestorer.restore(file: path("backup.age"), to: VaultLocation(directory: scratch.appendingPathComponent("restored")),
                                                  unlock: .passphrase(backup: try secure("backup passphrase!"), vault: try secure(applicant.passphrase)))
        XCTAssertEqual(restored.documents, 1)
        XCTAssertEqual(restored.codeEntries, 1)
        XCTAssertTrue(restored.complete)
    }

    func testALookAlikeRepresentativeNameIsRefused() throws {
        let other = try X25519Identity.generate().recipient.encoded
        for name in ["Jane D\u{43E}e, Esq.", "Jane\u{A0}Doe, Esq.", "Jane Doe,Esq.", "\u{FF2A}ane Doe, Esq."] {
            XCTAssertThrowsVaultError(try applicant.vault.representatives.add(name: name, recipient: other), {
                guard case .invalidInput(let field, let reason, _, _) = $0 else { return false }
                return field == "representative name" && reason.contains("looks like 'Jane Doe, Esq.'")
            }, name.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
        XCTAssertThrowsVaultError(try applicant.vault.representatives.add(name: "JANE DOE, ESQ.", recipient: other), {
            if case .alreadyExists = $0 { return true }; return false
        })
        // Accents are kept apart, as for clients' names.
        XCTAssertNoThrow(try applicant.vault.representatives.add(name: "Jané Doe, Esq.", recipient: other))
        XCTAssertEqual(try applicant.vault.representatives.list().count, 2)
    }
}
