import Foundation
import XCTest

/// `casevault shamir split|combine` through the built binary, against the
/// SLIP-0039 reference implementation (`shamir-mnemonic` from PyPI, pinned in
/// Tests/Python/requirements.txt, run by Tests/Python/slip39_reference.py):
/// its shares combine here and ours combine there, at 128 and 256 bits, with
/// and without a passphrase, extendable and not, with groups. Then each
/// invalid case, with its own message and exit code.
///
/// Secrets here are random test values; failure messages never print them.
final class ShamirCLITests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let python: String = {
        let r = try? CLI.tool([root.appendingPathComponent("scripts/python-env.sh").path], timeout: 600)
        return r?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }()

    private var dir: TempDir!

    override func setUpWithError() throws {
        try super.setUpWithError()
        dir = try TempDir()
        guard !Self.python.isEmpty, FileManager.default.isExecutableFile(atPath: Self.python) else {
            // A failure, not a skip: a missing reference must not count as passing.
            XCTFail("scripts/python-env.sh did not make the reference environment (shamir-mnemonic)")
            throw CocoaError(.featureUnsupported)
        }
    }

    /// One request to the reference; its `ok` value (fails the test on `error`).
    private func reference(_ request: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        let r = try CLI.tool([Self.python, Self.root.appendingPathComponent("Tests/Python/slip39_reference.py").path],
                             stdin: try JSONSerialization.data(withJSONObject: request))
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        let doc = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any] ?? [:]
        if let e = doc["error"] as? String { XCTFail("reference refused: \(e)", file: file, line: line) }
        return doc["ok"] as Any
    }

    private func randomHex(_ bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    private func passphraseFile(_ p: String) throws -> [String] {
        p.isEmpty ? [] : ["--passphrase-file", try dir.write("slip39-pass", p + "\n")]
    }

    private func split(_ secret: String, _ args: [String], passphrase: String = "") throws -> [String] {
        let r = try CLI.run(["shamir", "split", "--iteration-exponent", "0"] + args + (try passphraseFile(passphrase)), stdin: Data((secret + "\n").utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    private func combine(_ shares: [String], passphrase: String = "") throws -> CLIResult {
        try CLI.run(["shamir", "combine"] + (try passphraseFile(passphrase)), stdin: Data((shares.joined(separator: "\n") + "\n").utf8))
    }

    func testWordListIsTheReferences() throws {
        let theirs = try reference(["op": "wordlist"]) as? [String] ?? []
        XCTAssertEqual(theirs.count, 1024)
        // Our list, as the binary uses it: every word of a share made here is
        // in theirs at the position the reference reads back.
        let shares = try split(randomHex(32), ["--threshold", "2", "--shares", "3"])
        for share in shares { for w in share.split(separator: " ") { XCTAssertTrue(theirs.contains(String(w)), "word not in the reference list") } }
        let parsed = try reference(["op": "parse", "mnemonic": shares[2]]) as? [String: Any]
        XCTAssertEqual(parsed?["index"] as? Int, 2)
    }

    func testReferenceSharesCombineHere() throws {
        for bytes in [16, 32] {
            for passphrase in ["", "TREZOR"] {
                for extendable in [true, false] {
                    let secret = randomHex(bytes)
                    let groups = try reference(["op": "split", "secret": secret, "group_threshold": 1, "groups": [[2, 3]],
                                                "passphrase": passphrase, "extendable": extendable, "e": 0]) as? [[String]] ?? []
                    let shares = groups.first ?? []
                    XCTAssertEqual(shares.count, 3)
                    XCTAssertEqual(shares[0].split(separator: " ").count, bytes == 16 ? 20 : 33)
                    let r = try combine([shares[2], shares[0]], passphrase: passphrase)
                    XCTAssertEqual(r.status, 0, r.stderr)
                    XCTAssertTrue(r.stdout == secret + "\n", "the reference's \(bytes * 8)-bit shares (passphrase: \(!passphrase.isEmpty), extendable: \(extendable)) did not combine to the secret")
                }
            }
        }
    }

    func testOurSharesCombineThere() throws {
        for bytes in [16, 32] {
            for passphrase in ["", "TREZOR"] {
                for extendable in [true, false] {
                    let secret = randomHex(bytes)
                    let shares = try split(secret, ["--threshold", "3", "--shares", "5"] + (extendable ? [] : ["--no-extendable"]), passphrase: passphrase)
                    XCTAssertEqual(shares.count, 5)
                    let parsed = try reference(["op": "parse", "mnemonic": shares[0]]) as? [String: Any]
                    XCTAssertEqual(parsed?["extendable"] as? Bool, extendable)
                    let back = try reference(["op": "combine", "mnemonics": [shares[4], shares[1], shares[3]], "passphrase": passphrase]) as? String
                    XCTAssertTrue(back == secret, "our \(bytes * 8)-bit shares (passphrase: \(!passphrase.isEmpty), extendable: \(extendable)) did not combine there")
                }
            }
        }
    }

    func testTheDefaultIterationExponentMatchesThere() throws {
        let secret = randomHex(16)
        let r = try CLI.run(["shamir", "split", "--threshold", "2", "--shares", "2"] + (try passphraseFile("pass phrase")), stdin: Data((secret + "\n").utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        let shares = r.stdout.split(separator: "\n").map(String.init)
        let parsed = try reference(["op": "parse", "mnemonic": shares[0]]) as? [String: Any]
        XCTAssertEqual(parsed?["iteration_exponent"] as? Int, 1)
        XCTAssertTrue(try reference(["op": "combine", "mnemonics": shares, "passphrase": "pass phrase"]) as? String == secret)
    }

    func testGroupsBothWays() throws {
        // Theirs here: 2 of 3 groups (1 of 1, 2 of 3, 3 of 5).
        let secret = randomHex(32)
        let g = try reference(["op": "split", "secret": secret, "group_threshold": 2, "groups": [[1, 1], [2, 3], [3, 5]],
                               "passphrase": "TREZOR", "e": 0]) as? [[String]] ?? []
        XCTAssertEqual(g.map(\.count), [1, 3, 5])
        let r = try combine([g[2][4], g[1][0], g[2][1], g[1][2], g[2][0]], passphrase: "TREZOR")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout == secret + "\n", "the reference's group shares did not combine here")
        let r2 = try combine([g[0][0], g[2][3], g[2][1], g[2][2]], passphrase: "TREZOR")
        XCTAssertTrue(r2.stdout == secret + "\n", "the reference's group shares did not combine here")
        // One complete group of two needed.
        let few = try combine([g[0][0], g[1][1]], passphrase: "TREZOR")
        XCTAssertEqual(few.status, 7)
        XCTAssertTrue(few.stderr.contains("error: not enough shares: 1 more group of the 2 needed must be complete (at least 1 more share)"), few.stderr)

        // Ours there.
        let secret2 = randomHex(16)
        let out = try CLI.run(["shamir", "split", "--iteration-exponent", "0", "--group-threshold", "2", "--group", "1/1", "--group", "2/3", "--group", "3/5"],
                              stdin: Data((secret2 + "\n").utf8))
        XCTAssertEqual(out.status, 0, out.stderr)
        let groups = out.stdout.components(separatedBy: "\n\n").map { $0.split(separator: "\n").map(String.init) }
        XCTAssertEqual(groups.map(\.count), [1, 3, 5])
        let back = try reference(["op": "combine", "mnemonics": [groups[1][2], groups[0][0], groups[1][1]]]) as? String
        XCTAssertTrue(back == secret2, "our group shares did not combine there")
    }

    // MARK: each invalid case, its own message and exit code

    private func shares2of3(_ bytes: Int = 16) throws -> [String] {
        try split(randomHex(bytes), ["--threshold", "2", "--shares", "3"])
    }

    func testAMistypedWordNamesTheShareAndTheWord() throws {
        let shares = try shares2of3()
        var words = shares[1].split(separator: " ").map(String.init)
        let theirs = try reference(["op": "wordlist"]) as? [String] ?? []
        words[7] = theirs[(theirs.firstIndex(of: words[7])! + 3) % 1024]
        let r = try combine([shares[0], words.joined(separator: " ")])
        XCTAssertEqual(r.status, 7)
        XCTAssertTrue(r.stderr.contains("error: share 2 does not check out (its checksum fails): word 8, \"\(words[7])\", is most likely the wrong one"), r.stderr)
        XCTAssertTrue(r.stderr.contains("hint: compare the share word by word with the paper"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testAnUnknownWordIsNamed() throws {
        let shares = try shares2of3()
        var words = shares[0].split(separator: " ").map(String.init)
        words[11] = "zebrra"
        let r = try combine([words.joined(separator: " "), shares[1]])
        XCTAssertEqual(r.status, 7)
        XCTAssertTrue(r.stderr.contains("error: share 1: word 12, \"zebrra\", is not a SLIP-0039 share word"), r.stderr)
    }

    func testSharesOfDifferentSetsAreRefused() throws {
        let a = try shares2of3(), b = try shares2of3()
        let r = try combine([a[0], b[1]])
        XCTAssertEqual(r.status, 7)
        XCTAssertTrue(r.stderr.contains("error: share 2 is not from the same set as share 1 (their identifiers differ)")
                      || r.stderr.contains("error: share 2 is not from the same set as share 1"), r.stderr)
        XCTAssertTrue(r.stderr.contains("hint: use shares of one split only"), r.stderr)
    }

    func testTooFewSaysHowManyMore() throws {
        let shares = try split(randomHex(16), ["--threshold", "3", "--shares", "5"])
        let r = try combine([shares[3]])
        XCTAssertEqual(r.status, 7)
        XCTAssertTrue(r.stderr.contains("error: not enough shares: 2 more are needed"), r.stderr)
        let r2 = try combine([shares[3], shares[0]])
        XCTAssertTrue(r2.stderr.contains("error: not enough shares: 1 more is needed"), r2.stderr)
    }

    func testARepeatedShareOrIndexIsRefused() throws {
        let shares = try shares2of3()
        let r = try combine([shares[1], shares[1]])
        XCTAssertEqual(r.status, 7)
        XCTAssertTrue(r.stderr.contains("error: share 2 was already given (it is share 1 again)"), r.stderr)
        // Same index, one value word changed, checksum made valid again by the reference's own RS1024.
        let changed = try reference(["op": "rechecksum", "mnemonic": shares[1], "position": 9, "flip": 1]) as? String ?? ""
        let r2 = try combine([shares[1], changed])
        XCTAssertEqual(r2.status, 7)
        XCTAssertTrue(r2.stderr.contains("error: share 2 has the same index as share 1 in the same group, but different words"), r2.stderr)
    }

    func testBadPaddingIsRefused() throws {
        let shares = try shares2of3()
        // Word 5 (index 4) is the first value word: its top bit is padding for 128-bit shares.
        let padded = try reference(["op": "rechecksum", "mnemonic": shares[0], "position": 4, "flip": 0x200]) as? String ?? ""
        let r = try combine([padded, shares[2]])
        XCTAssertEqual(r.status, 7)
        XCTAssertTrue(r.stderr.contains("error: share 1 does not check out: its value's padding bits are not zero"), r.stderr)
    }

    func testAWrongDigestIsRefused() throws {
        let shares = try shares2of3()
        let changed = try reference(["op": "rechecksum", "mnemonic": shares[2], "position": 14, "flip": 0x155]) as? String ?? ""
        let r = try combine([shares[0], changed])
        XCTAssertEqual(r.status, 6)
        XCTAssertTrue(r.stderr.contains("error: the shares do not combine: their digest does not verify"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testAWrongLengthIsRefused() throws {
        let shares = try shares2of3()
        let short = shares[0].split(separator: " ").dropLast().joined(separator: " ")
        let r = try combine([short, shares[1]])
        XCTAssertEqual(r.status, 7)
        XCTAssertTrue(r.stderr.contains("error: share 1 has 19 words; a SLIP-0039 share has 20 words"), r.stderr)
    }

    func testBadInputAndParameters() throws {
        let notHex = try CLI.run(["shamir", "split", "--threshold", "2", "--shares", "3"], stdin: Data("not hex\n".utf8))
        XCTAssertEqual(notHex.status, 7)
        XCTAssertTrue(notHex.stderr.contains("error: the secret on standard input is not hex"), notHex.stderr)
        let short = try CLI.run(["shamir", "split", "--threshold", "2", "--shares", "3"], stdin: Data((randomHex(8) + "\n").utf8))
        XCTAssertEqual(short.status, 7)
        XCTAssertTrue(short.stderr.contains("error: the master secret is 8 bytes; SLIP-0039 takes 16 to 32 bytes"), short.stderr)
        let k = try CLI.run(["shamir", "split", "--threshold", "4", "--shares", "3"], stdin: Data((randomHex(16) + "\n").utf8))
        XCTAssertEqual(k.status, 2)
        XCTAssertTrue(k.stderr.contains("error: the threshold must be 1 to the number of shares (3)"), k.stderr)
        let none = try combine([])
        XCTAssertEqual(none.status, 7)
        XCTAssertTrue(none.stderr.contains("error: no shares were given"), none.stderr)
        let accent = try CLI.run(["shamir", "split", "--threshold", "2", "--shares", "3"] + (try passphraseFile("caf\u{e9}")), stdin: Data((randomHex(16) + "\n").utf8))
        XCTAssertEqual(accent.status, 7)
        XCTAssertTrue(accent.stderr.contains("error: a SLIP-0039 passphrase may hold only printable ASCII characters"), accent.stderr)
    }
}
