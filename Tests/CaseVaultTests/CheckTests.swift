import Foundation
import GRDB
import XCTest
@testable import CaseVault

final class CheckTests: XCTestCase {
    func testCleanVaultChecksAndCountsEverything() throws {
        let t = try TestVault()
        try t.vault.codes.add(label: "a", account: nil, codes: ["1111-1111"])
        try t.vault.identifiers.add(kind: .aNumber, value: "A12345678", label: nil, note: nil)
        let r = try t.vault.check()
        XCTAssertTrue(r.ok, "\(r.problems)")
        XCTAssertEqual(r.checked["code_entry"], 1)
        XCTAssertEqual(r.checked["identifier"], 1)
        XCTAssertEqual(r.checked["key slots"], 2)
    }

    func testEveryDamagedRecordIsReportedByName() throws {
        let t = try TestVault()
        let a = try t.vault.codes.add(label: "a", account: nil, codes: ["1111-1111"])
        try t.vault.codes.add(label: "b", account: nil, codes: ["2222-2222"])
        let i = try t.vault.identifiers.add(kind: .aNumber, value: "A12345678", label: nil, note: nil)
        try t.raw { db in
            try db.execute(sql: "UPDATE code_entry SET nonce = zeroblob(24) WHERE id = ?", arguments: [a.id])
            try db.execute(sql: "UPDATE identifier SET ciphertext = substr(ciphertext, 1, 20) WHERE id = ?", arguments: [i.id])
        }
        // As `casevault check` unlocks: the state record is one item of the
        // report, so the unlock does not stop at the first damaged record.
        let locked = try LockedVault.open(t.location)
        locked.verifiesState = false
        let r = try locked.unlock(passphrase: secure(t.passphrase)).check()
        XCTAssertEqual(Set(r.problems.map(\.record)), ["code_entry/\(a.id)", "identifier/\(i.id)"])
        XCTAssertEqual(r.checked["code_entry"], 2)
    }
}

final class DocumentCheckTests: XCTestCase {
    func testDamagedDocumentChunkIsReportedAndOthersStillChecked() throws {
        let t = try TestVault()
        let docs = try t.vault.documents()
        var ids: [String] = []
        for i in 0..<2 {
            let src = t.root.appendingPathComponent("scan\(i).bin")
            try Data((0..<200_000).map { UInt8(($0 * (i + 3)) & 0xff) }).write(to: src)
            ids.append(try docs.add(file: src.path).idHex)
        }
        XCTAssertTrue(try t.vault.check(extra: [docs]).ok)
        // Flip one byte in the middle of the first document's ciphertext.
        let blob = t.location.documentsDirectory.appendingPathComponent(ids[0] + ".cvdoc")
        var data = try Data(contentsOf: blob)
        data[data.count / 2] ^= 0x01
        try data.write(to: blob)
        let report = try t.vault.check(extra: [try t.vault.documents()])
        XCTAssertEqual(report.problems.map(\.record), ["document \(ids[0].prefix(8))"])
        XCTAssertEqual(report.checked["documents"], 2)
    }
}
