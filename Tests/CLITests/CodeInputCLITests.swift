import Foundation
import XCTest

/// Finding 6, through the built binary: `code add` and `code replace` never
/// drop a line without saying so. A line that is not a code, a heading or a
/// note refuses the whole input (exit 7, nothing stored) naming its number;
/// what was read is summed up.
final class CodeInputCLITests: CLITestCase {
    override var passphrase: String { "codes input passphrase 9e1f\n" }
    override var startsWithVault: Bool { true }

    func codeAdd(_ label: String, _ bytes: [UInt8], extra: [String] = []) throws -> CLIResult {
        try CLI.run(["code", "add", label] + extra + base, stdin: Data(bytes))
    }

    func stored(_ label: String) throws -> [String] {
        let show = try CLI.run(["code", "show", label, "--json"] + base)
        guard show.status == 0 else { return [] }
        return (try show.json()["codes"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    /// The finding's input: a no-break space inside the second code. All
    /// three codes are stored; fullwidth digits, en dashes and check marks too.
    func testCodesWrittenWithOtherSpacesDashesDigitsAndMarksAreRead() throws {
        let r = try codeAdd("x", Array("6990 7734\n1234\u{A0}5678\n9876 5432\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Stored 3 codes as 'x' (one-time codes).\n")
        XCTAssertEqual(try stored("x"), ["6990 7734", "1234 5678", "9876 5432"])
        let more = try codeAdd("y", Array("My codes\n1. 6990\u{2013}7734 \u{2713}\n2. \u{FF11}\u{FF12}\u{FF13}\u{FF14} 5678\n3. abcdefgh\nfbcde-abcde\n".utf8))
        XCTAssertEqual(more.status, 0, more.stderr)
        XCTAssertEqual(more.stdout, "Stored 4 codes as 'y' (one-time codes).\nSkipped line 1 as heading or note.\n")
        XCTAssertEqual(try stored("y"), ["6990-7734", "1234 5678", "abcdefgh", "fbcde-abcde"])
    }

    /// A NUL, bytes that are not UTF-8, an escape or a cross mark in a line:
    /// nothing is stored (the list does not silently become one code), the
    /// line numbers are named, and no code appears in the output.
    func testALineNotUnderstoodRefusesEverythingAndIsNamed() throws {
        let cases: [([UInt8], String)] = [
            (Array("6990 7734\n1234".utf8) + [0] + Array("5678\n9876 5432\n".utf8), "line 2 contains U+0000, a NUL character"),
            (Array("6990 7734\n1234 5678".utf8) + [0xFF] + Array("\n".utf8), "line 2 is not valid UTF-8 text"),
            (Array("1234\u{A0}5678\u{2717}\n\u{1B}[8m9876 5432\n6990 7734\n".utf8),
             "2 lines were not understood, so nothing was stored: line 1 has a cross mark (U+2717), which may mark a used code; line 2 contains U+001B"),
        ]
        for (i, (input, expected)) in cases.enumerated() {
            for json in [false, true] {
                let r = try codeAdd("c\(i)", input, extra: json ? ["--json"] : [])
                XCTAssertEqual(r.status, 7, r.stderr)
                XCTAssertTrue(r.stderr.hasPrefix("error: invalid codes: ") && r.stderr.contains(expected), r.stderr)
                XCTAssertTrue(r.stderr.contains("nothing was stored") && r.stderr.contains("\nhint: expected each line to be a code"), r.stderr)
                for code in ["1234", "5678", "9876", "5432"] { XCTAssertFalse((r.stdout + r.stderr).contains(code), "a code is echoed: \(r.stderr)") }
                XCTAssertEqual(try stored("c\(i)"), [], "nothing stored")
            }
        }
        // `code replace` refuses the same way and keeps the old set.
        XCTAssertEqual(try codeAdd("keep", Array("1111 2222\n3333 4444\n".utf8)).status, 0)
        let replace = try CLI.run(["code", "replace", "keep"] + base, stdin: Data(Array("5555 6666\n7777".utf8) + [0] + Array("8888\n".utf8)))
        XCTAssertEqual(replace.status, 7, replace.stderr)
        XCTAssertTrue(replace.stderr.contains("line 2 contains U+0000"), replace.stderr)
        XCTAssertEqual(try stored("keep"), ["1111 2222", "3333 4444"])
    }

    /// The summary says what was read: a site's file with its headings and
    /// notes, and one code that makes a single-code entry, said so.
    func testSummarySaysWhatWasReadAndSkipped() throws {
        let google = """
            SAVE YOUR BACKUP CODES
            Keep these backup codes somewhere safe but accessible.

            1. 6990 7734\t\t6. 2431 2546
            2. 1852 0917\t\t7. 8830 6152

            * You can only use each backup code once.
            * Generated on: Nov 21, 2026

            """
        let file = try dir.write("codes.txt", google)
        let r = try CLI.run(["code", "add", "google", "--from-file", file] + base)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Stored 4 codes as 'google' (one-time codes).\nSkipped 4 lines (1, 2, 7, 8) as headings or notes.\n")
        let json = try CLI.run(["code", "replace", "google", "--from-file", file, "--json"] + base).json()
        XCTAssertEqual(json["skippedLines"] as? [Int], [1, 2, 7, 8])
        let single = try codeAdd("uscis", Array("USCIS backup code\nABCD-1234-EFGH\n".utf8))
        XCTAssertEqual(single.stdout, "Stored 1 code as 'uscis' (a single backup code).\nSkipped line 1 as heading or note.\n")
    }
}
