import XCTest
@testable import CaseVaultApp

final class AppOptionsTests: XCTestCase {
    func testDurationsParse() {
        XCTAssertEqual(AppOptions.parseDuration("4s"), .seconds(4))
        XCTAssertEqual(AppOptions.parseDuration("300"), .seconds(300))
        XCTAssertEqual(AppOptions.parseDuration("5m"), .seconds(300))
        XCTAssertEqual(AppOptions.parseDuration("1h"), .seconds(3600))
        XCTAssertEqual(AppOptions.parseDuration("24h"), .seconds(86_400))
    }

    func testBadDurationsAreRefused() {
        for bad in ["", "0", "0s", "-5", "5x", "s", "25h", "1.5m", "٣s", "99999999999999999999"] {
            XCTAssertNil(AppOptions.parseDuration(bad), bad)
        }
    }
}
