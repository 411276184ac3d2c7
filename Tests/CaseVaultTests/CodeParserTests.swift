import Foundation
import XCTest
@testable import CaseVault

/// Codes files as sites save them (Fixtures/codes/*.txt) parse to the codes in *.expected.
final class CodeParserTests: XCTestCase {
    func testSiteFilesParseToTheirCodes() throws {
        let dir = try XCTUnwrap(Bundle.module.url(forResource: "codes", withExtension: nil, subdirectory: "Fixtures"))
        let inputs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertGreaterThanOrEqual(inputs.count, 4)
        for name in inputs {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let expected = try String(contentsOf: dir.appendingPathComponent(name.replacingOccurrences(of: ".txt", with: ".expected")), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            XCTAssertEqual(try CodeParser.parse(text), expected, name)
        }
    }

    func testDuplicatesAreDroppedAndNoCodesIsAnError() throws {
        XCTAssertEqual(try CodeParser.parse("1234-5678\n1234-5678\n"), ["1234-5678"])
        for bad in ["", "\n\n", "SAVE YOUR BACKUP CODES\n", "* Generated on: Nov 21, 2026", "https://example.org/x1"] {
            XCTAssertThrowsVaultError(try CodeParser.parse(bad), { if case .invalidInput = $0 { return true }; return false }, bad)
        }
    }

    func testOversizedInputIsRefused() {
        let big = String(repeating: "1234-5678\n", count: 120_000)
        XCTAssertThrowsVaultError(try CodeParser.parse(big), { if case .invalidInput = $0 { return true }; return false })
    }
}
