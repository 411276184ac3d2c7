import Foundation
import XCTest
@testable import CaseVault

/// Names compared as they look (Fixtures/text/lookalike-names.json), with
/// ICU's UTS #39 confusable data.
final class LookalikeNameTests: XCTestCase {
    func testNamesThatLookAlikeShareAKeyAndOthersDoNot() throws {
        let fixture = try TextFixtures.load("lookalike-names")
        let same = try XCTUnwrap(fixture["same"] as? [[String]])
        let different = try XCTUnwrap(fixture["different"] as? [[String]])
        XCTAssertGreaterThanOrEqual(same.count, 15)
        for pair in same {
            XCTAssertTrue(try LookalikeName.lookAlike(pair[0], pair[1]), "\(TextFixtures.shown(pair[0])) / \(TextFixtures.shown(pair[1]))")
        }
        for pair in different {
            XCTAssertFalse(try LookalikeName.lookAlike(pair[0], pair[1]), "\(TextFixtures.shown(pair[0])) / \(TextFixtures.shown(pair[1]))")
        }
    }

    /// A flagged name is shown with what differs written out.
    func testRevealedWritesOutWhatMakesNamesDiffer() {
        XCTAssertEqual(LookalikeName.revealed("Maria\u{A0}Lopez"), "Maria\\u{A0}Lopez")
        XCTAssertEqual(LookalikeName.revealed("Mar\u{200D}ia Lopez"), "Mar\\u{200D}ia Lopez")
        XCTAssertEqual(LookalikeName.revealed("\u{41C}aria Lopez"), "\\u{41C}aria Lopez")
        XCTAssertEqual(LookalikeName.revealed("Mar\u{ED}a L\u{F3}pez"), "Mar\u{ED}a L\u{F3}pez", "accents are shown as they are")
        XCTAssertEqual(LookalikeName.revealed("Maria Lopez"), "Maria Lopez")
    }
}
