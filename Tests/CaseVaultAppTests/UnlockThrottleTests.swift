import AgeKit
import CaseVault
import Foundation
import XCTest
@testable import CaseVaultApp

/// The throttle of typed secrets on a clock the test moves: three wrong in
/// a row, then waits of 2, 4, 8 … 60 seconds; a refused check is not tried;
/// a right secret starts the count again; other failures do not count.
final class UnlockThrottleTests: XCTestCase {
    /// A clock that moves only when told.
    private final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var t = ContinuousClock.now
        var now: ContinuousClock.Instant { lock.withLock { t } }
        func advance(_ seconds: Double) { lock.withLock { t = t + .milliseconds(Int(seconds * 1000)) } }
    }

    private let clock = Clock()
    private lazy var throttle = UnlockThrottle(now: { [clock] in clock.now })
    private var tried = 0

    private func wrong() throws {
        _ = try throttle.check { () -> Int in tried += 1; throw CaseVaultError.wrongPassphrase }
    }

    private func right() throws {
        _ = try throttle.check { () -> Int in tried += 1; return 1 }
    }

    private func assertWait(_ seconds: Int, _ what: String, line: UInt = #line) {
        let before = tried
        XCTAssertThrowsError(try right(), what, line: line) { error in
            XCTAssertEqual((error as? UnlockThrottle.Wait)?.seconds, seconds, what, line: line)
        }
        XCTAssertEqual(tried, before, "\(what): a check was tried during the wait", line: line)
    }

    func testThreeWrongThenWaitsThatDoubleUpToAMinute() throws {
        for _ in 0..<2 { XCTAssertThrowsError(try wrong()) }
        XCTAssertNil(throttle.secondsToWait(), "two wrong: no wait yet")
        XCTAssertThrowsError(try wrong()) { XCTAssertTrue(UnlockThrottle.isWrongSecret($0)) }
        assertWait(2, "after three wrong")
        clock.advance(1.5)
        assertWait(1, "half a second left, rounded up")
        for expected in [4, 8, 16, 32, 60, 60] {
            clock.advance(Double(throttle.secondsToWait() ?? 0))
            XCTAssertNil(throttle.secondsToWait())
            XCTAssertThrowsError(try wrong())
            assertWait(expected, "the next wrong one")
        }
        clock.advance(60)
        try right()
        XCTAssertNil(throttle.secondsToWait(), "a right secret ends the wait")
        for _ in 0..<2 { XCTAssertThrowsError(try wrong()) }
        XCTAssertNil(throttle.secondsToWait(), "the count started again")
    }

    func testOnlyWrongSecretsCount() throws {
        for _ in 0..<5 {
            XCTAssertThrowsError(try throttle.check { () -> Int in throw CaseVaultError.integrity(record: "backup", detail: "test") })
            XCTAssertThrowsError(try throttle.check { () -> Int in throw AgeError.notAgeFile })
            XCTAssertThrowsError(try throttle.check { () -> Int in throw CaseVaultError.malformedRecoveryKey(reason: "a typo") })
        }
        XCTAssertNil(throttle.secondsToWait(), "damaged files and mistyped keys are not wrong secrets")
        XCTAssertThrowsError(try wrong())
        XCTAssertThrowsError(try throttle.check { () -> Int in throw CaseVaultError.wrongRecoveryKey })
        XCTAssertThrowsError(try throttle.check { () -> Int in throw AgeError.incorrectPassphrase })
        assertWait(2, "a wrong passphrase, recovery key and backup passphrase count together")
    }
}
