import Foundation
import XCTest
@testable import CaseVault

/// `VaultAttention`, the one decision of what needs attention (Home,
/// reminders): code lists running low, a used single code, a USCIS code not
/// replaced for a year, and the reminder thresholds.
final class AttentionTests: XCTestCase {
    func testThresholdsAreTheSmallestCrossed() {
        XCTAssertNil(AttentionItem.threshold(daysLeft: 181))
        XCTAssertEqual(AttentionItem.threshold(daysLeft: 180), 180)
        XCTAssertEqual(AttentionItem.threshold(daysLeft: 91), 180)
        XCTAssertEqual(AttentionItem.threshold(daysLeft: 90), 90)
        XCTAssertEqual(AttentionItem.threshold(daysLeft: 30), 30)
        XCTAssertEqual(AttentionItem.threshold(daysLeft: 8), 30)
        XCTAssertEqual(AttentionItem.threshold(daysLeft: 7), 7)
        XCTAssertEqual(AttentionItem.threshold(daysLeft: 0), 7)
        XCTAssertEqual(AttentionItem.threshold(daysLeft: -1), 0)
    }

    func testStageKeysChangeOnlyWhenAThresholdIsCrossed() {
        let day = try! CalendarDay(parsing: "2030-01-01")
        func doc(_ days: Int) -> AttentionItem {
            .documentExpiring(documentID: "ab", type: .passport, label: "p", expires: day, daysLeft: days)
        }
        XCTAssertEqual(doc(89).stageKey, doc(31).stageKey)
        XCTAssertNotEqual(doc(31).stageKey, doc(30).stageKey)
        XCTAssertNotEqual(doc(0).stageKey, doc(-1).stageKey)
        XCTAssertEqual(AttentionItem.codesRunningLow(label: "x", unused: 2).stageKey,
                       AttentionItem.codesRunningLow(label: "x", unused: 1).stageKey)
    }

    func testCodesAndAYearOldUSCISCode() throws {
        let t = try TestVault()
        let added = Date(timeIntervalSince1970: 1_900_000_000)
        _ = try t.vault.codes.add(label: "uscis", account: nil, codes: ["ABCD-EFGH-1234"], kind: .single, now: added)
        _ = try t.vault.codes.add(label: "login.gov", account: nil, codes: ["11112222", "33334444", "55556666"], kind: .list, now: added)
        let soon = try VaultAttention(t.vault, now: added.addingTimeInterval(364 * 86_400))
        XCTAssertEqual(soon.items, [])
        XCTAssertEqual(soon.uscisCodeAgeDays, 364)
        let later = try VaultAttention(t.vault, now: added.addingTimeInterval(366 * 86_400))
        XCTAssertEqual(later.items, [.uscisCodeNotReplaced(label: "uscis", days: 366)])
        _ = try t.vault.codes.use(label: "login.gov")
        XCTAssertEqual(try VaultAttention(t.vault, now: added).items, [.codesRunningLow(label: "login.gov", unused: 2)])
    }

    func testAddingDaysCrossesMonthsAndLeapYears() throws {
        XCTAssertEqual(try CalendarDay(parsing: "2028-02-28").adding(days: 1).description, "2028-02-29")
        XCTAssertEqual(try CalendarDay(parsing: "2027-12-31").adding(days: 1).description, "2028-01-01")
        XCTAssertEqual(try CalendarDay(parsing: "2027-03-01").adding(days: -1).description, "2027-02-28")
        XCTAssertEqual(try CalendarDay(parsing: "2026-12-06").adding(days: 365).description, "2027-12-06")
    }
}
