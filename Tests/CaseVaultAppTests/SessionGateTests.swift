import XCTest
@testable import CaseVaultApp

/// The launch tokens: each opens one session, once; a menu launch while the
/// app runs adds one; at most `maxUnspent` wait, the oldest dropped first.
final class SessionGateTests: XCTestCase {
    func testEachTokenOpensOneSessionOnce() {
        let gate = SessionGate()
        let second = gate.newToken()
        XCTAssertNotEqual(second, gate.token)
        let s2 = gate.exchange(token: second)
        XCTAssertNotNil(s2)
        XCTAssertNil(gate.exchange(token: second), "a spent token opened a second session")
        let s1 = gate.exchange(token: gate.token)
        XCTAssertNotNil(s1, "a new token spent the first")
        XCTAssertNil(gate.exchange(token: gate.token))
        XCTAssertTrue(gate.isValid(session: s1))
        XCTAssertTrue(gate.isValid(session: s2))
        XCTAssertFalse(gate.isValid(session: second), "a token is not a session")
    }

    func testTheOldestUnspentTokensAreDropped() {
        let gate = SessionGate()
        let tokens = (0..<SessionGate.maxUnspent).map { _ in gate.newToken() }
        XCTAssertNil(gate.exchange(token: gate.token), "the first token outlived \(SessionGate.maxUnspent) newer ones")
        for t in tokens { XCTAssertNotNil(gate.exchange(token: t)) }
    }
}
