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
        let r = try t.reopen().check()
        XCTAssertEqual(Set(r.problems.map(\.record)), ["code_entry/\(a.id)", "identifier/\(i.id)"])
        XCTAssertEqual(r.checked["code_entry"], 2)
    }
}
