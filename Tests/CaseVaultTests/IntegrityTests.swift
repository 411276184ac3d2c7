import Foundation
import GRDB
import SodiumKit
import XCTest
@testable import CaseVault

/// Tampering with vault.db is reported as an integrity failure naming the
/// record, never as a wrong passphrase.
final class IntegrityTests: XCTestCase {
    func isIntegrity(_ record: String? = nil) -> (CaseVaultError) -> Bool {
        { e in
            guard case .integrity(let r, _) = e else { return false }
            return record.map { r == $0 } ?? true
        }
    }

    func testFlippedByteInEveryCiphertextByteIsIntegrityFailure() throws {
        let t = try TestVault()
        let s = try t.vault.codes.add(label: "uscis", account: nil, codes: ["ABCD-1234"])
        var original = Data()
        try t.raw { db in original = try Data.fetchOne(db, sql: "SELECT ciphertext FROM code_entry")! }
        // Every 7th byte, and the last (tag) byte.
        for i in Array(stride(from: 0, to: original.count, by: 7)) + [original.count - 1] {
            var bad = original
            bad[i] ^= 0x40
            try t.raw { db in try db.execute(sql: "UPDATE code_entry SET ciphertext = ?", arguments: [bad]) }
            XCTAssertThrowsVaultError(try t.reopen().codes.list(), isIntegrity("code_entry/\(s.id)"), "byte \(i)")
        }
        try t.raw { db in try db.execute(sql: "UPDATE code_entry SET ciphertext = ?", arguments: [original]) }
        XCTAssertEqual(try t.reopen().codes.list().count, 1)
    }

    func testFlippedNonceIsIntegrityFailure() throws {
        let t = try TestVault()
        let s = try t.vault.identifiers.add(kind: .receipt, value: "IOE0123456789", label: nil, note: nil)
        try t.raw { db in
            var n = try Data.fetchOne(db, sql: "SELECT nonce FROM identifier")!
            n[3] ^= 1
            try db.execute(sql: "UPDATE identifier SET nonce = ?", arguments: [n])
        }
        XCTAssertThrowsVaultError(try t.reopen().identifiers.list(), isIntegrity("identifier/\(s.id)"))
    }

    func testRecordSwappedBetweenRowsIsDetected() throws {
        let t = try TestVault()
        let a = try t.vault.codes.add(label: "a", account: nil, codes: ["1111-1111"])
        let b = try t.vault.codes.add(label: "b", account: nil, codes: ["2222-2222"])
        try t.raw { db in
            // Give row a the ciphertext (and nonce) of row b.
            try db.execute(sql: """
                UPDATE code_entry SET nonce = (SELECT nonce FROM code_entry WHERE id = ?),
                    ciphertext = (SELECT ciphertext FROM code_entry WHERE id = ?) WHERE id = ?
                """, arguments: [b.id, b.id, a.id])
        }
        XCTAssertThrowsVaultError(try t.reopen().codes.list(), isIntegrity("code_entry/\(a.id)"))
    }

    func testRecordMovedToAnotherTableIsDetected() throws {
        let t = try TestVault()
        let c = try t.vault.codes.add(label: "a", account: nil, codes: ["1111-1111"])
        try t.raw { db in
            try db.execute(sql: "INSERT INTO identifier SELECT * FROM code_entry WHERE id = ?", arguments: [c.id])
        }
        XCTAssertThrowsVaultError(try t.reopen().identifiers.list(), isIntegrity("identifier/\(c.id)"))
    }

    func testRecordCopiedFromAnotherVaultIsDetected() throws {
        let a = try TestVault(), b = try TestVault()
        try a.vault.codes.add(label: "a", account: nil, codes: ["1111-1111"])
        var row: Row?
        try a.raw { db in row = try Row.fetchOne(db, sql: "SELECT * FROM code_entry") }
        try b.raw { db in
            try db.execute(sql: "INSERT INTO code_entry (id, nonce, ciphertext) VALUES (?, ?, ?)",
                           arguments: [row!["id"] as String, row!["nonce"] as Data, row!["ciphertext"] as Data])
        }
        XCTAssertThrowsVaultError(try b.reopen().codes.list(), isIntegrity())
    }

    func testDamagedKeySlotIsIntegrityNotWrongPassphrase() throws {
        let t = try TestVault()
        try t.raw { db in
            var w = try Data.fetchOne(db, sql: "SELECT wrapped FROM key_slot WHERE kind = 'passphrase'")!
            w[5] ^= 0x80
            try db.execute(sql: "UPDATE key_slot SET wrapped = ? WHERE kind = 'passphrase'", arguments: [w])
        }
        XCTAssertThrowsVaultError(try t.reopen(), isIntegrity("key_slot/passphrase"))
        // A wrong passphrase on the same damaged slot is still called wrong.
        XCTAssertThrowsVaultError(try LockedVault.open(t.location).unlock(passphrase: secure("not the passphrase")),
                                  { $0 == .wrongPassphrase })
        // The recovery slot is untouched and still opens the vault.
        XCTAssertNoThrow(try LockedVault.open(t.location).unlock(recoveryKey: t.recovery))
    }

    func testChangedVaultIDIsIntegrityFailure() throws {
        let t = try TestVault()
        try t.raw { db in
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'vault_id'", arguments: [Data(Random.bytes(16))])
        }
        XCTAssertThrowsVaultError(try t.reopen(), isIntegrity("key_slot/passphrase"))
    }

    func testOutOfBoundsKDFParametersAreRefusedBeforeRunning() throws {
        let t = try TestVault()
        try t.raw { db in
            let blob = try Data.fetchOne(db, sql: "SELECT kdf FROM key_slot WHERE kind = 'passphrase'")!
            var obj = try JSONSerialization.jsonObject(with: blob) as! [String: Any]
            obj["memLimit"] = UInt64(1) << 40
            try db.execute(sql: "UPDATE key_slot SET kdf = ? WHERE kind = 'passphrase'",
                           arguments: [try JSONSerialization.data(withJSONObject: obj)])
        }
        XCTAssertThrowsVaultError(try t.reopen(), isIntegrity("key_slot/passphrase"))
    }

    func testNoPlaintextInDatabaseFiles() throws {
        let t = try TestVault()
        let secrets = ["QX7P-44ZR-MMTN", "someone@example.org", "my-google-label", "IOE0987654321", "note about I-485"]
        try t.vault.codes.add(label: secrets[2], account: secrets[1], codes: [secrets[0], "ZZZZ-9999"])
        try t.vault.identifiers.add(kind: .receipt, value: secrets[3], label: "receipt-label-x", note: secrets[4])
        _ = try t.vault.codes.use(label: secrets[2])
        for name in try FileManager.default.contentsOfDirectory(atPath: t.location.path) {
            let data = try Data(contentsOf: t.location.directory.appendingPathComponent(name))
            for s in secrets + ["receipt-label-x"] {
                XCTAssertNil(data.range(of: Data(s.utf8)), "a secret appears in plaintext in \(name)")
            }
        }
    }
}
