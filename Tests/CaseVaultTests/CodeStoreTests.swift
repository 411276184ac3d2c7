import Foundation
import XCTest
@testable import CaseVault

final class CodeStoreTests: XCTestCase {
    func testSingleAndListKinds() throws {
        let t = try TestVault()
        XCTAssertEqual(try t.vault.codes.add(label: "uscis", account: nil, codes: ["ABCD-1234"]).entry.kind, .single)
        XCTAssertEqual(try t.vault.codes.add(label: "login.gov", account: "me@example.org", codes: ["1111-1111", "2222-2222"]).entry.kind, .list)
        XCTAssertEqual(try t.vault.codes.list().map(\.entry.label), ["uscis", "login.gov"])
    }

    func testUseHandsOutEachCodeOnceThenReportsExhaustion() throws {
        let t = try TestVault()
        try t.vault.codes.add(label: "google", account: nil, codes: ["1111 1111", "2222 2222", "3333 3333"])
        let first = try t.vault.codes.use(label: "google")
        XCTAssertEqual(first.code, "1111 1111")
        XCTAssertEqual(first.remaining, 2)
        XCTAssertEqual(try t.reopen().codes.use(label: "GOOGLE").code, "2222 2222")
        XCTAssertEqual(try t.vault.codes.use(label: "google").remaining, 0)
        XCTAssertThrowsVaultError(try t.vault.codes.use(label: "google"), { $0 == .exhausted(label: "google") })
        let shown = try t.vault.codes.find(label: "google").entry
        XCTAssertTrue(shown.codes.allSatisfy(\.isUsed))
    }

    func testSingleCodeIsGivenAgainWithItsLastUse() throws {
        let t = try TestVault()
        try t.vault.codes.add(label: "uscis", account: nil, codes: ["ABCD-1234"])
        let when = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertNil(try t.vault.codes.use(label: "uscis", now: when).previouslyUsedAt)
        let again = try t.vault.codes.use(label: "uscis")
        XCTAssertEqual(again.code, "ABCD-1234")
        XCTAssertEqual(again.previouslyUsedAt, when)
    }

    func testReplaceKeepsHistory() throws {
        let t = try TestVault()
        try t.vault.codes.add(label: "uscis", account: nil, codes: ["OLD1-2345"])
        _ = try t.vault.codes.use(label: "uscis")
        let replaced = try t.vault.codes.replace(label: "uscis", codes: ["NEW1-2345"])
        XCTAssertEqual(replaced.entry.codes, [BackupCode(code: "NEW1-2345")])
        XCTAssertEqual(replaced.entry.history.count, 1)
        XCTAssertEqual(replaced.entry.history[0].codes.map(\.code), ["OLD1-2345"])
        XCTAssertTrue(replaced.entry.history[0].codes[0].isUsed)
    }

    func testDuplicateLabelsAndMissingEntries() throws {
        let t = try TestVault()
        try t.vault.codes.add(label: "uscis", account: nil, codes: ["ABCD-1234"])
        XCTAssertThrowsVaultError(try t.vault.codes.add(label: "USCIS", account: nil, codes: ["X1"]),
                                  { $0 == .alreadyExists(what: "code entry", name: "USCIS") })
        XCTAssertThrowsVaultError(try t.vault.codes.use(label: "nope"), { $0 == .notFound(what: "code", name: "nope") })
        try t.vault.codes.remove(label: "uscis")
        XCTAssertTrue(try t.vault.codes.list().isEmpty)
    }

    /// A label is at most 100 characters and 400 bytes: combining marks make
    /// one visible character of any length.
    func testLabelsAreBoundedInBytesToo() throws {
        let t = try TestVault()
        let heavy = "a" + String(repeating: "\u{0301}", count: 300)   // one character, 601 bytes
        XCTAssertEqual(heavy.count, 1)
        XCTAssertThrowsVaultError(try t.vault.codes.add(label: heavy, account: nil, codes: ["ABCD-1234"]), {
            if case .invalidInput(field: "label", _, _, _) = $0 { return true } else { return false }
        })
        XCTAssertEqual(try t.vault.codes.add(label: String(repeating: "é", count: 100), account: nil, codes: ["ABCD-1234"]).entry.label.count, 100)
    }

    func testPrimaryIsUnique() throws {
        let t = try TestVault()
        try t.vault.codes.add(label: "a", account: nil, codes: ["1111-1111"], primary: true)
        try t.vault.codes.add(label: "b", account: nil, codes: ["2222-2222"])
        try t.vault.codes.setPrimary(label: "b")
        XCTAssertEqual(try t.vault.codes.list().filter(\.entry.primary).map(\.entry.label), ["b"])
    }

    func testIdentifiersDefaultLabelsAndLookup() throws {
        let t = try TestVault()
        let a = try t.vault.identifiers.add(kind: .receipt, value: "IOE0123456789", label: nil, note: "I-485")
        let b = try t.vault.identifiers.add(kind: .receipt, value: "IOE0123456780", label: nil, note: nil)
        XCTAssertEqual([a.identifier.label, b.identifier.label], ["receipt", "receipt-2"])
        XCTAssertEqual(try t.vault.identifiers.find("RECEIPT-2").identifier.value, "IOE0123456780")
        XCTAssertEqual(try t.vault.identifiers.find(String(a.id.prefix(6))).id, a.id)
        try t.vault.identifiers.remove("receipt")
        XCTAssertEqual(try t.vault.identifiers.list().map(\.identifier.label), ["receipt-2"])
    }
}
