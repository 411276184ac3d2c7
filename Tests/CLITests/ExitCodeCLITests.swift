import CaseVault
import Foundation
import XCTest

/// The exit codes come from one place (Sources/casevault/ExitCode.swift):
/// docs/cli.md's table and the man page are what the binary generates, and
/// every library error kind has its documented code.
final class ExitCodeCLITests: XCTestCase {
    var repo: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// docs/cli.md's "Exit codes" table, exactly as the binary prints it:
    /// a code or a meaning changed on one side only fails here.
    func testDocsTableIsWhatTheBinaryGenerates() throws {
        let doc = try String(contentsOf: repo.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        let section = try XCTUnwrap(doc.components(separatedBy: "\n## Exit codes\n").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        let table = section.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("|") }
            .map { $0 + "\n" }.joined()
        let generated = try CLI.run(["help-exit-codes", "--markdown"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        XCTAssertEqual(table, generated.stdout, "regenerate docs/cli.md's table with `casevault help-exit-codes --markdown`")
        XCTAssertEqual(try CLI.run(["help-exit-codes"]).stdout, generated.stdout, "markdown is the default")
        for code in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 141] {
            XCTAssertTrue(generated.stdout.contains("\n| \(code) | "), "no row for \(code)")
        }
    }

    /// Each kind of library error exits with the code docs/cli.md gives it
    /// (wrong passphrase 4, not found 5, ...), and no kind is left unmapped.
    func testEveryErrorKindHasItsDocumentedExitCode() throws {
        let expected: [ErrorKind: Int32] = [
            .io: 1, .unsafeVault: 1, .noVault: 3, .wrongSecret: 4, .noSecret: 4, .weakSecret: 4,
            .notFound: 5, .exhausted: 5, .integrity: 6, .malformed: 6, .untrustedSigner: 6, .rolledBack: 6,
            .unsupportedFormat: 6, .invalidInput: 7, .alreadyExists: 8, .busy: 9, .changedMeanwhile: 9,
            .keyring: 10, .incomplete: 11,
        ]
        XCTAssertEqual(Set(expected.keys), Set(ErrorKind.allCases), "a new kind needs its exit code here and in ExitCode.init")
        let r = try CLI.run(["help-exit-codes", "--kinds"])
        XCTAssertEqual(r.status, 0, r.stderr)
        var mapped: [ErrorKind: Int32] = [:]
        for line in r.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            let kind = try XCTUnwrap(ErrorKind(rawValue: String(parts[0])), String(line))
            mapped[kind] = Int32(parts[1])
        }
        XCTAssertEqual(mapped, expected)
    }

    /// The man page's EXIT STATUS is the binary's table in roff, put in by
    /// scripts/gen-manpage.py as scripts/install.sh runs it.
    func testManPageExitStatusComesFromTheBinary() throws {
        let roff = try CLI.run(["help-exit-codes", "--roff"])
        XCTAssertEqual(roff.status, 0, roff.stderr)
        XCTAssertTrue(roff.stdout.hasPrefix(".TP\n\\fB0\\fR\nsuccess\n"), roff.stdout)
        XCTAssertTrue(roff.stdout.contains(".TP\n\\fB9\\fR\nbusy: another casevault process"), roff.stdout)
        XCTAssertTrue(roff.stdout.contains("(see \\fBaccept\\-older\\fR)"), "backquotes in bold, hyphens escaped")
        let dir = try TempDir()
        let fragment = try dir.write("exit-codes.roff", roff.stdout)
        let dump = try CLI.run(["--experimental-dump-help"])
        let page = try CLI.tool(["python3", repo.appendingPathComponent("scripts/gen-manpage.py").path, fragment],
                                stdin: dump.stdoutData, env: ["SOURCE_DATE_EPOCH": "0"])
        XCTAssertEqual(page.status, 0, page.stderr)
        XCTAssertTrue(page.stdout.contains(".SH EXIT STATUS\n" + roff.stdout), "the EXIT STATUS section is the binary's table")
        XCTAssertFalse(page.stdout.contains("help\\-exit\\-codes"), "the hidden command stays out of the page")
        // Without the fragment the page is not written (no silent empty section).
        let missing = try CLI.tool(["python3", repo.appendingPathComponent("scripts/gen-manpage.py").path, try dir.write("x", "nothing")],
                                   stdin: dump.stdoutData)
        XCTAssertNotEqual(missing.status, 0)
    }

    func testHelpExitCodesIsHiddenAndTakesOneFormat() throws {
        XCTAssertFalse(try CLI.run(["--help"]).stdout.contains("help-exit-codes"))
        let both = try CLI.run(["help-exit-codes", "--markdown", "--roff"])
        XCTAssertEqual(both.status, 2, both.stderr)
    }
}
