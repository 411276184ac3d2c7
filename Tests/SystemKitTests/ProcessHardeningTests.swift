import SystemKit
import XCTest

final class ProcessHardeningTests: XCTestCase {
    func testProcessHardeningMakesProcessNonDumpable() {
        ProcessHardening.apply()
        XCTAssertFalse(ProcessHardening.isDumpable)
    }
}
