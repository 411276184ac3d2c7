import XCTest
@testable import ShamirKit

/// The constant-time field arithmetic against a plain (branching) reference.
final class GF256Tests: XCTestCase {
    /// Schoolbook multiplication with branches, for comparison only.
    private func slowMultiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a, b = b, p: UInt8 = 0
        while b != 0 {
            if b & 1 == 1 { p ^= a }
            a = a & 0x80 != 0 ? (a << 1) ^ 0x1B : a << 1
            b >>= 1
        }
        return p
    }

    func testEveryProductMatchesTheReference() {
        for a in 0...255 {
            for b in 0...255 {
                XCTAssertEqual(GF256.multiply(UInt8(a), UInt8(b)), slowMultiply(UInt8(a), UInt8(b)))
            }
        }
    }

    func testEveryInverse() {
        XCTAssertEqual(GF256.inverse(0), 0)
        for a in 1...255 {
            XCTAssertEqual(GF256.multiply(UInt8(a), GF256.inverse(UInt8(a))), 1, "inverse of \(a)")
        }
    }

    /// 0x53 · 0xCA = 1 in the AES field (FIPS 197, section 4.2).
    func testFIPS197Example() {
        XCTAssertEqual(GF256.multiply(0x57, 0x83), 0xC1)
        XCTAssertEqual(GF256.inverse(0x53), 0xCA)
    }
}
