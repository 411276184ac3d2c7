import XCTest
@testable import CaseVault

final class IdentifierKindTests: XCTestCase {
    func testValidValuesNormalise() throws {
        let table: [(IdentifierKind, String, String)] = [
            (.aNumber, "A123456789", "A123456789"),
            (.aNumber, "a-12345678", "A012345678"),
            (.aNumber, "1234567", "A001234567"),
            (.aNumber, " A 123 456 789 ", "A123456789"),
            (.receipt, "IOE0123456789", "IOE0123456789"),
            (.receipt, "eac-20-123-45678", "EAC2012345678"),
            (.receipt, "WAC 2190012345", "WAC2190012345"),
            (.receipt, "YSC1234567890", "YSC1234567890"),
            (.accountNumber, "0123 4567 8901", "012345678901"),
            (.cardNumber, "src0123456789", "SRC0123456789"),
            (.other, "  Case #42 at the consulate ", "Case #42 at the consulate"),
        ]
        for (kind, input, normal) in table {
            XCTAssertEqual(try kind.normalise(input), normal, "\(kind) \(input)")
        }
    }

    func testInvalidValuesAreRefusedWithTheExpectedFormat() {
        let table: [(IdentifierKind, String)] = [
            (.aNumber, "A123456"), (.aNumber, "A1234567890"), (.aNumber, "B123456789"), (.aNumber, ""), (.aNumber, "A12345678X"),
            (.receipt, "XYZ0123456789"), (.receipt, "IOE012345678"), (.receipt, "IOE01234567890"), (.receipt, "IO0123456789"),
            (.accountNumber, "01234567890"), (.accountNumber, "0123456789012"), (.accountNumber, "01234567890A"),
            (.cardNumber, "SRC012345678"), (.cardNumber, "1230123456789"), (.other, ""), (.other, String(repeating: "x", count: 201)),
            (.receipt, "IOE0123456789\u{0}"),
        ]
        for (kind, input) in table {
            XCTAssertThrowsVaultError(try kind.normalise(input), { e in
                guard case .invalidInput(_, _, let expected, _) = e else { return false }
                return expected == kind.expectedFormat
            }, "\(kind) \(input)")
        }
    }

    func testFormattingAndMasking() {
        XCTAssertEqual(IdentifierKind.aNumber.formatted("A012345678"), "A-012-345-678")
        XCTAssertEqual(IdentifierKind.accountNumber.formatted("012345678901"), "0123 4567 8901")
        XCTAssertEqual(IdentifierKind.receipt.masked("IOE0123456789"), "•••••••••6789")
    }
}
