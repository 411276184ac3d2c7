import XCTest
@testable import SodiumKit

/// PBKDF2-HMAC-SHA-256 against RFC 7914's section 11 vectors.
final class PBKDF2Tests: XCTestCase {
    private func hex(_ s: SecureBytes) -> String {
        s.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
    }

    func testRFC7914VectorOneIteration() throws {
        let out = try PBKDF2.hmacSHA256(password: SecureBytes(copying: Array("passwd".utf8)),
                                        salt: SecureBytes(copying: Array("salt".utf8)), iterations: 1, length: 64)
        XCTAssertEqual(hex(out), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                       + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    func testRFC7914Vector80000Iterations() throws {
        let out = try PBKDF2.hmacSHA256(password: SecureBytes(copying: Array("Password".utf8)),
                                        salt: SecureBytes(copying: Array("NaCl".utf8)), iterations: 80000, length: 64)
        XCTAssertEqual(hex(out), "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                       + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")
    }
}
