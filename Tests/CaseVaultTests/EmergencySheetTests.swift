import Foundation
import XCTest
@testable import CaseVault

/// The emergency sheet from a real vault, at injected moments: which codes are
/// revealed, that gathering marks nothing used, and document states by date.
final class EmergencySheetTests: XCTestCase {
    var tv: TestVault!
    var vault: Vault { tv.vault }

    override func setUpWithError() throws {
        tv = try TestVault()
    }

    func day(_ s: String) throws -> Date {
        let f = ISO8601DateFormatter()
        return try XCTUnwrap(f.date(from: s + "T12:00:00Z"))
    }

    func testRevealsPrimaryAndSingleCodesNamesOtherListsAndMarksNothingUsed() throws {
        try vault.codes.add(label: "github", account: nil, codes: ["g1", "g2", "g3"])
        try vault.codes.add(label: "uscis", account: nil, codes: ["ABCD-9876-ZYXW"])
        try vault.codes.add(label: "login.gov", account: "me@example.org", codes: ["L1", "L2", "L3"], primary: true)
        _ = try vault.codes.use(label: "login.gov")
        let before = try vault.codes.list()

        let sheet = try vault.emergencySheet(now: try day("2026-11-22"))
        XCTAssertEqual(sheet.codes.map(\.label), ["login.gov", "uscis"])
        XCTAssertEqual(sheet.codes[0].code, "L2")
        XCTAssertEqual(sheet.codes[0].number, 2)
        XCTAssertEqual(sheet.codes[0].unused, 2)
        XCTAssertEqual(sheet.codes[1].code, "ABCD-9876-ZYXW")
        XCTAssertNil(sheet.codes[1].usedAt)
        XCTAssertEqual(sheet.otherCodeLists, [.init(label: "github", account: nil, unused: 3, total: 3)])
        XCTAssertEqual(try vault.codes.list(), before, "gathering the sheet changed a code entry")
    }

    func testExhaustedPrimaryListAndUsedSingleCode() throws {
        try vault.codes.add(label: "site", account: nil, codes: ["a", "b"], primary: true)
        _ = try vault.codes.use(label: "site")
        _ = try vault.codes.use(label: "site")
        try vault.codes.add(label: "uscis", account: nil, codes: ["ONLY-CODE"])
        let used = try day("2026-10-01")
        _ = try vault.codes.use(label: "uscis", now: used)
        let sheet = try vault.emergencySheet(now: try day("2026-11-22"))
        XCTAssertNil(sheet.codes[0].code)
        XCTAssertNil(sheet.codes[0].number)
        XCTAssertEqual(sheet.codes[1].code, "ONLY-CODE", "a used single code is still the code until replaced")
        XCTAssertEqual(sheet.codes[1].usedAt, used)
    }

    func testIdentifiersInHelpDeskOrder() throws {
        try vault.identifiers.add(kind: .cardNumber, value: "SRC0123456789", label: nil, note: nil)
        try vault.identifiers.add(kind: .receipt, value: "IOE0987654321", label: nil, note: "I-485")
        try vault.identifiers.add(kind: .aNumber, value: "A87654321", label: nil, note: nil)
        try vault.identifiers.add(kind: .receipt, value: "EAC1234567890", label: nil, note: nil)
        let sheet = try vault.emergencySheet()
        XCTAssertEqual(sheet.identifiers.map(\.value), ["A087654321", "IOE0987654321", "EAC1234567890", "SRC0123456789"])
        XCTAssertEqual(sheet.identifiers[0].formatted, "A-087-654-321")
        XCTAssertEqual(sheet.identifiers[1].note, "I-485")
    }

    func testDocumentStatesFollowTheInjectedDay() throws {
        let scan = tv.root.appendingPathComponent("scan.jpg")
        try Data("not really a scan".utf8).write(to: scan)
        let docs = try vault.documents()
        _ = try docs.add(file: scan.path, .init(type: .greenCard, label: "gc", expires: try CalendarDay(parsing: "2027-05-20")))
        _ = try docs.add(file: scan.path, .init(type: .passport, label: "pp", expires: try CalendarDay(parsing: "2026-01-31")))
        _ = try docs.add(file: scan.path, .init(type: .i797, label: "notice"))

        func states(_ d: String) throws -> [String] {
            try vault.emergencySheet(now: try day(d)).documents.map { "\($0.label):\($0.state.rawValue):\($0.daysUntilExpiry.map(String.init) ?? "-")" }
        }
        XCTAssertEqual(try states("2025-01-01"), ["pp:valid:395", "gc:valid:869", "notice:no-expiry:-"])
        // 2027-05-20 is exactly 180 days after 2026-11-21: the edge of the renewal window.
        XCTAssertEqual(try states("2026-11-21"), ["pp:expired:-294", "gc:renew-soon:180", "notice:no-expiry:-"])
        XCTAssertEqual(try states("2026-11-20"), ["pp:expired:-293", "gc:valid:181", "notice:no-expiry:-"])
        XCTAssertEqual(try states("2027-05-21"), ["pp:expired:-475", "gc:expired:-1", "notice:no-expiry:-"])
    }

    func testNoDocumentStoreIsCreatedByLooking() throws {
        let sheet = try vault.emergencySheet()
        XCTAssertTrue(sheet.isEmpty)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tv.location.documentsDatabase.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: tv.location.documentsDirectory.path))
    }
}
