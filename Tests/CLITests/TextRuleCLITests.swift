import Foundation
import XCTest

/// Finding 8, through the built binary: every label, name and note that
/// enters the vault follows one rule. `code add` took U+202E, U+009B and
/// DEL in a label, and `--json` then printed them raw.
final class TextRuleCLITests: CLITestCase {
    override var passphrase: String { "text rule passphrase 71c3\n" }
    override var startsWithVault: Bool { true }

    func testLabelsNamesAndNotesWithControlsBidiOrInvisibleCharactersAreRefused() throws {
        let scan = try dir.write("scan.pdf", "%PDF-1.4\n")
        let recipient = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
        XCTAssertEqual(try CLI.run(["rep", "add", "Jane", recipient] + base).status, 0)
        for (c, what) in [("\u{202E}", "U+202E, a bidirectional control"), ("\u{9B}", "U+009B, a control character"),
                          ("\u{7F}", "U+007F, a control character"), ("\u{200B}", "U+200B, an invisible or format character")] {
            let bad = "Qz\(c)Xw"
            let attempts: [([String], String?)] = [
                (["code", "add", bad], "1234-5678\n"),
                (["code", "add", "ok", "--account", bad], "1234-5678\n"),
                (["id", "add", "a-number", "--label", bad], "A012345678\n"),
                (["id", "add", "a-number", "--note", bad], "A012345678\n"),
                (["id", "add", "other"], bad + "\n"),
                (["doc", "add", scan, "--label", bad], nil),
                (["doc", "add", scan, "--note", bad], nil),
                (["rep", "add", bad, recipient], nil),
                (["export", "--to", "Jane", "--ids", "--as", bad, "-o", dir.path("s.age")], nil),
            ]
            for (args, stdin) in attempts {
                for json in [false, true] {
                    let r = try CLI.run(args + base + (json ? ["--json"] : []), stdin: stdin.map { Data($0.utf8) })
                    let shown = args.joined(separator: " ").replacingOccurrences(of: bad, with: "BAD")
                    XCTAssertEqual(r.status, 7, "\(shown) with \(what): \(r.stderr)")
                    XCTAssertTrue(r.stderr.hasPrefix("error: invalid ") && r.stderr.contains("it contains \(what)") && r.stderr.contains("\nhint: "),
                                  "\(shown): \(r.stderr)")
                    XCTAssertFalse((r.stdout + r.stderr).contains("Qz") || (r.stdout + r.stderr).contains("Xw"), "\(shown): the text is echoed")
                    if json { XCTAssertEqual(((try r.json()["error"]) as? [String: Any])?["exitCode"] as? Int, 7, shown) }
                }
            }
        }
        // Nothing got in.
        let list = try CLI.run(["code", "list", "--json"] + base).json()
        XCTAssertEqual((list["entries"] as? [Any])?.count, 0)
        XCTAssertEqual((try CLI.run(["id", "list", "--json"] + base).json()["identifiers"] as? [Any])?.count, 0)
        // Names that need joiners, and plain ones, still go in.
        XCTAssertEqual(try CLI.run(["code", "add", "\u{0645}\u{06CC}\u{200C}\u{0646}\u{0627}"] + base, stdin: Data("1234-5678\n".utf8)).status, 0)
        XCTAssertEqual(try CLI.run(["doc", "add", scan, "--note", "line one\nline two"] + base).status, 0)
    }

    /// A document whose file name carries a bidi override, a C1 control or a
    /// zero-width space is refused at `doc add` (its name enters the vault).
    func testDocumentFileNamesFollowTheRule() throws {
        for (name, what) in [("I-797 notice\u{202E}fdp.exe", "U+202E"), ("csi\u{9B}31mred", "U+009B"), ("zw\u{200B}sp", "U+200B")] {
            let path = dir.path(name)
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("%PDF".utf8)))
            let r = try CLI.run(["doc", "add", path, "--label", "scan-\(what)"] + base)
            XCTAssertEqual(r.status, 7, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("error: invalid file name: it contains \(what)"), r.stderr)
        }
    }
}
