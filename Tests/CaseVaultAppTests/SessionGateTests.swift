import XCTest
@testable import CaseVaultApp

final class SessionGateTests: XCTestCase {
    func testTheTokenOpensOneSessionOnce() throws {
        let gate = SessionGate()
        XCTAssertEqual(gate.token.count, 64)
        XCTAssertNil(gate.exchange(token: String(repeating: "0", count: 64)), "a wrong token opens nothing")
        let session = try XCTUnwrap(gate.exchange(token: gate.token))
        XCTAssertTrue(gate.isValid(session: session))
        XCTAssertNil(gate.exchange(token: gate.token), "a replayed token opens nothing")
        XCTAssertTrue(gate.isValid(session: session), "the replay does not end the session")
    }

    func testOnlyTheIssuedSessionIsValid() throws {
        let gate = SessionGate()
        let session = try XCTUnwrap(gate.exchange(token: gate.token))
        XCTAssertFalse(gate.isValid(session: nil))
        XCTAssertFalse(gate.isValid(session: ""))
        XCTAssertFalse(gate.isValid(session: gate.token), "the token is not a session id")
        var flipped = Array(session)
        flipped[10] = flipped[10] == "a" ? "b" : "a"
        XCTAssertFalse(gate.isValid(session: String(flipped)))
        XCTAssertFalse(SessionGate().isValid(session: session), "another run's gate does not know it")
    }
}
