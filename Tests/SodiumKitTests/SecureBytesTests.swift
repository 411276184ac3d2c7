import XCTest
@testable import SodiumKit

final class SecureBytesTests: XCTestCase {
    func testRandomBuffersDifferAndCompareInConstantTime() throws {
        let a = try SecureBytes.random(count: 32)
        let b = try SecureBytes.random(count: 32)
        XCTAssertFalse(a.constantTimeEquals(b))
        XCTAssertTrue(a.constantTimeEquals(a))
        let c = try SecureBytes(slice: a, offset: 0, count: 32)
        XCTAssertTrue(a.constantTimeEquals(c))
    }

    func testDescriptionNeverShowsContents() throws {
        let s = try SecureBytes(copying: Array("hunter2hunter2".utf8))
        XCTAssertFalse("\(s)".contains("hunter2"))
        XCTAssertFalse(String(reflecting: s).contains("hunter2"))
    }

    func testWipeZeroes() throws {
        let s = try SecureBytes.random(count: 16)
        s.wipe()
        s.withUnsafeBytes { XCTAssertTrue($0.allSatisfy { $0 == 0 }) }
    }
}
