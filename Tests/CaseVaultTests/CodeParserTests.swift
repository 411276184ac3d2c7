import Foundation
import XCTest
@testable import CaseVault

/// Codes files as sites save them, or as people copy them (Fixtures/codes/*.txt),
/// read to the codes in *.expected; files with a line that is neither a code
/// nor a heading or note (Fixtures/codes/refused) are refused whole, naming
/// each such line and why.
final class CodeParserTests: XCTestCase {
    static let fixtures = Bundle.module.url(forResource: "codes", withExtension: nil, subdirectory: "Fixtures")

    func testSiteFilesParseToTheirCodes() throws {
        let dir = try XCTUnwrap(Self.fixtures)
        let inputs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertGreaterThanOrEqual(inputs.count, 9)
        for name in inputs {
            let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            let expected = try String(contentsOf: dir.appendingPathComponent(name.replacingOccurrences(of: ".txt", with: ".expected")), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            XCTAssertEqual(try CodeParser.read(bytes).codes, expected, name)
        }
    }

    /// Finding 6: each of these lines was dropped without a word (the NUL
    /// one, the one that is not UTF-8, the one with a cross...), and a list
    /// whose other lines were dropped became a single-code entry. Now nothing
    /// is stored, and the refusal names every line and why, but never a code.
    func testLinesNotUnderstoodRefuseTheWholeInputAndAreNamed() throws {
        let dir = try XCTUnwrap(Self.fixtures).appendingPathComponent("refused")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        XCTAssertGreaterThanOrEqual(inputs.count, 9)
        for name in inputs {
            let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            let expected = try String(contentsOf: dir.appendingPathComponent(name.replacingOccurrences(of: ".txt", with: ".expected")), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
            XCTAssertThrowsVaultError(try CodeParser.read(bytes), { e in
                guard case .invalidInput("codes", let reason, let hint, _) = e else { return false }
                for line in expected where !reason.contains("line \(line[0]) \(line[1])") {
                    XCTFail("\(name): expected 'line \(line[0]) \(line[1])' in: \(reason)")
                }
                let named = reason.components(separatedBy: "line ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
                XCTAssertEqual(named, expected.map { Int($0[0])! }, "\(name): only the lines not understood are named")
                XCTAssertTrue(reason.contains("nothing was stored") && hint.contains("fix or delete those lines"), reason)
                // (The hint's examples are 4F7K-9P2M and 6990 7734.)
                for code in ["6990", "7734", "1234", "5678", "2431", "2546", "1852", "0917", "8830", "6152", "4F7K9P2M", "ABCD"] {
                    XCTAssertFalse(reason.contains(code), "\(name): a code is echoed: \(reason)")
                }
                return true
            }, name)
        }
    }

    /// The summary's numbers: headings and notes skipped, repeats skipped.
    func testSkippedAndDuplicateLinesAreCounted() throws {
        let google = [UInt8](try Data(contentsOf: try XCTUnwrap(Self.fixtures).appendingPathComponent("google.txt")))
        let r = try CodeParser.read(google)
        XCTAssertEqual(r.codes.count, 10)
        XCTAssertEqual(r.skippedLines, [1, 2, 10, 12, 13, 14])
        XCTAssertEqual(r.duplicateLines, [])
        let d = try CodeParser.read(Array("1234-5678\n\n1234-5678\n".utf8))
        XCTAssertEqual(d.codes, ["1234-5678"])
        XCTAssertEqual(d.duplicateLines, [3])
    }

    /// Headings and notes stay headings and notes; letter-only words never
    /// become codes; what has no code is still "no backup code found".
    func testHeadingsAndWordsAreNotCodes() throws {
        for bad in ["", "\n\n", "SAVE YOUR BACKUP CODES\n", "* Generated on: Nov 21, 2026", "https://example.org/x1",
                    "GitHub recovery codes\nPut these in a safe spot.\n", "Passwords\nRecovery\n-----\n"] {
            XCTAssertThrowsVaultError(try CodeParser.read(Array(bad.utf8)), { e in
                if case .invalidInput(_, let reason, _, _) = e { return reason == "no backup code found in the input" }
                return false
            }, bad)
        }
        XCTAssertEqual(try CodeParser.parse("Backup codes for login.gov\n1234-5678\n"), ["1234-5678"])
        XCTAssertEqual(try CodeParser.parse("(maria.lopez1985@gmail.com)\n1234-5678\n"), ["1234-5678"], "an e-mail address is not a code")
        XCTAssertEqual(try CodeParser.parse("1. Keep them safe\n2. abcdefgh\n"), ["abcdefgh"])
    }

    func testOversizedInputIsRefused() {
        let big = String(repeating: "1234-5678\n", count: 120_000)
        XCTAssertThrowsVaultError(try CodeParser.parse(big), { if case .invalidInput = $0 { return true }; return false })
    }
}
