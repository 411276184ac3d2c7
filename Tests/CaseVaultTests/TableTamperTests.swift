import AgeKit
import Foundation
import GRDB
import SodiumKit
import XCTest
@testable import CaseVault

/// Tampering with any table of vault.db, or with documents.db's rows: a
/// flipped byte, a row moved to another id, a row copied from another vault.
/// Each is an integrity failure naming the record, never a wrong passphrase,
/// and nothing of the record is shown (the read throws, `check` names it).
///
/// Table-driven over `RecordTable.allCases`: `sample` switches over the
/// table with no `default`, so a new table does not compile until it has a
/// sample here.
final class TableTamperTests: XCTestCase {
    /// A plaintext text each sample holds, which no error may show.
    static let marker = "tamper-marker-QX7P"

    /// A record of `table` written through the library, and how to read it
    /// back through the library. Returns the row id.
    func sample(_ table: RecordTable, in vault: Vault) throws -> (id: String, read: (Vault) throws -> Any?) {
        let m = Self.marker
        switch table {
        case .codeEntry:
            let s = try vault.codes.add(label: m, account: nil, codes: ["ABCD-1234"])
            return (s.id, { try $0.codes.list() })
        case .identifier:
            let s = try vault.identifiers.add(kind: .receipt, value: "IOE0123456789", label: m, note: nil)
            return (s.id, { try $0.identifiers.list() })
        case .shareSecret:
            _ = try vault.shareKeys.createAgeIdentity(replace: false)
            return (ShareKeys.identityRow, { try $0.shareKeys.ageIdentity() })
        case .shareProfile:
            try vault.shareKeys.setSenderName(m)
            return (ShareKeys.profileRow, { try $0.shareKeys.senderName() })
        case .representative:
            let recipient = try X25519Identity(secretKey: X25519.generateSecret()).recipient.encoded
            try vault.representatives.add(name: m, recipient: recipient)
            return (try onlyID(table, vault), { try $0.representatives.list() })
        case .pinnedSender:
            let signer = try Ed25519SigningKey(seed: Ed25519SigningKey.generateSeed())
            let pin = PinnedSender(client: m, key: try SignerKey(publicKey: signer.publicKey).encoded, pinnedAt: Date(), previousKeys: [])
            let pins = try vault.tables.pinnedSenders
            let id = try vault.write { try pins.insert($0, pin) }
            return (id, { try $0.inbox.pins() })
        case .inboxShare:
            let party = ShareManifest.Party(name: m, key: "cvsign1-not-checked-here", fingerprint: "?")
            let manifest = ShareManifest(format: ShareManifest.currentFormat, shareID: String(repeating: "ab", count: 16),
                                         sender: party, recipient: party, created: Date(), entries: [])
            let share = InboxShare(manifest: manifest, receivedAt: Date(), file: "x.age", fileHash: "00", fileSize: 0)
            let shares = try vault.tables.inboxShares
            let id = try vault.write { try shares.insert($0, share) }
            return (id, { try $0.inbox.list() })
        case .inboxIndex:
            // A pin made through the library files a client in the index:
            // one bucket, holding the marker as the client's name.
            let signer = try Ed25519SigningKey(seed: Ed25519SigningKey.generateSeed())
            let party = ShareManifest.Party(name: m, key: try SignerKey(publicKey: signer.publicKey).encoded, fingerprint: "?")
            let manifest = ShareManifest(format: ShareManifest.currentFormat, shareID: String(repeating: "cd", count: 16),
                                         sender: party, recipient: party, created: Date(), entries: [])
            _ = try vault.inbox.recordPin(manifest, try SignerKey(parsing: party.key), repin: false)
            return (try onlyID(table, vault), { try $0.inbox.pin(for: m) })
        case .recoverySetup:
            // A setup made through the library: the marker is a holder's name.
            _ = try vault.identifiers.add(kind: .receipt, value: "IOE0123456789", label: nil, note: nil)
            var selection = ShareSelection()
            selection.identifiers = true
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("casevault-tamper-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            _ = try vault.recovery.setup(threshold: 2, people: [.init(name: m, sealTo: nil), .init(name: "Other", sealTo: nil)],
                                         selection: selection, senderName: "Sender", copyPath: dir.appendingPathComponent("copy.age").path,
                                         sealedSharePath: { i, _ in dir.appendingPathComponent("s\(i).age").path }, replace: false)
            return (RecoveryStore.row, { try $0.recovery.current() })
        }
    }

    func onlyID(_ table: RecordTable, _ vault: Vault) throws -> String {
        let rows = try vault.read { try table.all($0) }
        XCTAssertEqual(rows.count, 1)
        return rows[0].id
    }

    /// Asserts that the vault, unlocked as usual, refuses to show the
    /// record (at unlock or at the read) with an integrity error naming
    /// `record`, and that `check` (which unlocks without stopping at the
    /// state record) names it too.
    func assertTamperedRecord(_ t: TestVault, _ record: String, read: (Vault) throws -> Any?, _ what: String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertThrowsError(try read(try t.reopen()), what, file: file, line: line) { error in
            guard case CaseVaultError.integrity(let r, _)? = error as? CaseVaultError else {
                return XCTFail("\(what): not an integrity error: \(error)", file: file, line: line)
            }
            XCTAssertEqual(r, record, what, file: file, line: line)
            XCTAssertFalse("\(error)".contains(Self.marker), "\(what): the error shows the record", file: file, line: line)
        }
        let locked = try LockedVault.open(t.location)
        locked.verifiesState = false
        let vault = try locked.unlock(passphrase: secure(t.passphrase))
        let report = try vault.check(extra: [vault.sharesCheck])
        XCTAssertTrue(report.problems.contains { $0.store == "vault.db" && $0.record == record }, "\(what): \(report.problems)",
                      file: file, line: line)
        XCTAssertFalse(report.problems.contains { $0.problem.contains(Self.marker) }, what, file: file, line: line)
    }

    func testAFlippedCiphertextByteInAnyTableIsAnIntegrityFailure() throws {
        for table in RecordTable.allCases {
            let t = try TestVault()
            let (id, read) = try sample(table, in: t.vault)
            XCTAssertNotNil(try read(t.reopen()), "\(table): the sample reads back")
            try flip("ciphertext", of: table, id: id, in: t) { $0.count / 2 }
            try assertTamperedRecord(t, "\(table.rawValue)/\(id)", read: read, "\(table): flipped ciphertext byte")
        }
    }

    /// Flips one bit of a stored column, as someone holding the file would.
    private func flip(_ column: String, of table: RecordTable, id: String, in t: TestVault, at index: (Data) -> Int) throws {
        try t.raw { db in
            var v = try Data.fetchOne(db, sql: "SELECT \(column) FROM \(table.rawValue) WHERE id = ?", arguments: [id])!
            v[index(v)] ^= 0x10
            try db.execute(sql: "UPDATE \(table.rawValue) SET \(column) = ? WHERE id = ?", arguments: [v, id])
        }
    }

    func testAFlippedNonceByteInAnyTableIsAnIntegrityFailure() throws {
        for table in RecordTable.allCases {
            let t = try TestVault()
            let (id, read) = try sample(table, in: t.vault)
            try flip("nonce", of: table, id: id, in: t) { _ in 0 }
            try assertTamperedRecord(t, "\(table.rawValue)/\(id)", read: read, "\(table): flipped nonce byte")
        }
    }

    func testARowMovedToAnotherIdInAnyTableIsAnIntegrityFailure() throws {
        for table in RecordTable.allCases {
            let t = try TestVault()
            let (id, read) = try sample(table, in: t.vault)
            // Another id the table could hold: a random one, or (share_secret,
            // share_profile) the row of another secret.
            let other = table == .shareSecret ? ShareKeys.signingRow : RecordCipher.newID()
            try t.raw { db in
                try db.execute(sql: "UPDATE \(table.rawValue) SET id = ? WHERE id = ?", arguments: [other, id])
            }
            let shown: (Vault) throws -> Any? = table == .shareSecret ? { try $0.shareKeys.signingKey() } : read
            try assertTamperedRecord(t, "\(table.rawValue)/\(other)", read: shown, "\(table): row moved to another id")
        }
    }

    func testARowCopiedFromAnotherVaultInAnyTableIsAnIntegrityFailure() throws {
        for table in RecordTable.allCases {
            let a = try TestVault(), b = try TestVault()
            let (idA, _) = try sample(table, in: a.vault)
            let (idB, read) = try sample(table, in: b.vault)
            var row: Row?
            try a.raw { db in row = try Row.fetchOne(db, sql: "SELECT id, nonce, ciphertext FROM \(table.rawValue) WHERE id = ?", arguments: [idA]) }
            // A's row in place of B's own (same id where the table's ids are fixed).
            try b.raw { db in
                try db.execute(sql: "DELETE FROM \(table.rawValue) WHERE id = ?", arguments: [idB])
                try db.execute(sql: "INSERT INTO \(table.rawValue) (id, nonce, ciphertext) VALUES (?, ?, ?)",
                               arguments: [row!["id"] as String, row!["nonce"] as Data, row!["ciphertext"] as Data])
            }
            try assertTamperedRecord(b, "\(table.rawValue)/\(idA)", read: read, "\(table): row copied from another vault")
        }
    }

    // MARK: - documents.db

    func makeDocument(_ t: TestVault) throws -> Document {
        let scratch = t.root.appendingPathComponent("in-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let path = scratch.appendingPathComponent("scan.pdf").path
        try Data("scan of a notice".utf8).write(to: URL(fileURLWithPath: path))
        return try t.vault.documents().add(file: path, .init(label: Self.marker))
    }

    func documentsDB(_ t: TestVault, _ body: (Database) throws -> Void) throws {
        try DatabaseQueue(path: t.location.directory.appendingPathComponent("documents.db").path).write(body)
    }

    /// The documents store refuses to show the document (its metadata at
    /// `list`, its contents at `verify`, which unwraps its key), and `check`
    /// names the row.
    func assertTamperedDocument(_ t: TestVault, _ id: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let prefix = String(Bytes.hex(id).prefix(8))
        func readEverything() throws {
            let store = try t.reopen().documents()
            for doc in try store.list() { try store.verify(doc) }
        }
        XCTAssertThrowsError(try readEverything(), what, file: file, line: line) { error in
            guard case CaseVaultError.integrity(let r, _)? = error as? CaseVaultError else {
                return XCTFail("\(what): not an integrity error: \(error)", file: file, line: line)
            }
            XCTAssertEqual(r, "documents.db row \(prefix)", what, file: file, line: line)
            XCTAssertFalse("\(error)".contains(Self.marker), what, file: file, line: line)
        }
        let vault = try t.reopen()
        let report = try vault.check(extra: [try vault.documents()])
        XCTAssertTrue(report.problems.contains { $0.store == "documents.db" && $0.record == "document \(prefix)" }, "\(what): \(report.problems)",
                      file: file, line: line)
    }

    func testAFlippedByteInADocumentRowIsAnIntegrityFailure() throws {
        for column in ["key_nonce", "key_sealed", "meta_nonce", "meta_sealed"] {
            let t = try TestVault()
            let doc = try makeDocument(t)
            try documentsDB(t) { db in
                var v = try Data.fetchOne(db, sql: "SELECT \(column) FROM documents")!
                v[v.count / 2] ^= 0x04
                try db.execute(sql: "UPDATE documents SET \(column) = ?", arguments: [v])
            }
            try assertTamperedDocument(t, doc.id, "documents.\(column): flipped byte")
        }
    }

    func testADocumentRowMovedToAnotherIdIsAnIntegrityFailure() throws {
        let t = try TestVault()
        _ = try makeDocument(t)
        let other = Random.bytes(16)
        try documentsDB(t) { db in try db.execute(sql: "UPDATE documents SET id = ?", arguments: [Data(other)]) }
        try assertTamperedDocument(t, other, "document row moved to another id")
    }

    func testADocumentRowCopiedFromAnotherVaultIsAnIntegrityFailure() throws {
        let a = try TestVault(), b = try TestVault()
        let docA = try makeDocument(a)
        _ = try makeDocument(b)
        var row: Row?
        try documentsDB(a) { db in row = try Row.fetchOne(db, sql: "SELECT * FROM documents") }
        try documentsDB(b) { db in
            try db.execute(sql: "DELETE FROM documents")
            try db.execute(sql: "INSERT INTO documents (id, key_nonce, key_sealed, meta_nonce, meta_sealed) VALUES (?, ?, ?, ?, ?)",
                           arguments: [row!["id"] as Data, row!["key_nonce"] as Data, row!["key_sealed"] as Data,
                                       row!["meta_nonce"] as Data, row!["meta_sealed"] as Data])
        }
        try assertTamperedDocument(b, docA.id, "document row copied from another vault")
    }
}
