import SodiumKit
import XCTest
@testable import KeyringKit

final class SecretTextTests: XCTestCase {
    func testEveryByteRoundTripsThroughLowerCaseHex() throws {
        let all = try SecureBytes(copying: (0...255).map { UInt8($0) })
        let text = try SecretText.encode(all)
        let string = text.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(string, Bytes.hex((0...255).map { UInt8($0) }))
        let back = try text.withUnsafeBytes { try SecretText.decode($0) }
        XCTAssertTrue(back?.constantTimeEquals(all) == true)
    }

    func testUpperCaseDecodes() throws {
        let back = try Array("00FFaB".utf8).withUnsafeBytes { try SecretText.decode($0) }
        XCTAssertTrue(back?.constantTimeEquals(try SecureBytes(copying: [0x00, 0xff, 0xab])) == true)
    }

    func testNonHexOddLengthAndEmptyAreRefused() throws {
        for bad in ["0g", "abc", "", "0x00", " 00", "zz", "@@", "GG", "::", "//"] {
            XCTAssertNil(try Array(bad.utf8).withUnsafeBytes { try SecretText.decode($0) }, bad)
        }
    }
}
