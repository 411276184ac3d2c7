import Foundation
import XCTest

/// `casevault recovery` end to end through the built binary: setup 2 of 3
/// with two paper sheets and one share sealed to an attorney's age identity;
/// any two open the copy and one does not; a typo names the share and the
/// word; after `refresh` the same shares open the new copy; the drill checks
/// shares without opening anything; another setup's shares open nothing.
final class RecoveryCLITests: CLITestCase {
    override var startsWithVault: Bool { true }

    /// The words of a sheet, in order (the sheet numbers them).
    private func words(ofSheet path: String) throws -> String {
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let re = try NSRegularExpression(pattern: #"<span class="n">\d+</span> ([a-z]+)</li>"#)
        return re.matches(in: html, range: NSRange(html.startIndex..., in: html))
            .map { String(html[Range($0.range(at: 1), in: html)!]) }.joined(separator: " ")
    }

    private func open(_ copy: String, typed: [String], sealed: [String] = [], identity: String? = nil, extract: String? = nil) throws -> CLIResult {
        var args = ["recovery", "open", copy]
        for s in sealed { args += ["--sealed-share", s] }
        if let identity { args += ["-i", identity] }
        if let extract { args += ["--extract", extract] }
        return try CLI.run(args, stdin: Data((typed.joined(separator: "\n") + "\n").utf8))
    }

    private struct Setup {
        let out: String, copy: String, sheet1: String, sheet2: String, sealed: String, identity: String
        let paper1: String, paper2: String
    }

    private func makeSetup() throws -> Setup {
        XCTAssertEqual(try runOn(vault, ["code", "add", "uscis"], stdin: "ABCD-1234\n").status, 0)
        XCTAssertEqual(try runOn(vault, ["id", "add", "receipt"], stdin: "IOE0123456789\n").status, 0)
        let identity = dir.path("attorney.key")
        // The attorney's identity is post-quantum, as `identity new` makes by default.
        XCTAssertEqual(try CLI.run(["age", "keygen", "--pq", "-o", identity]).status, 0)
        let recipient = try String(contentsOfFile: identity, encoding: .utf8).split(separator: "\n")
            .first { $0.hasPrefix("# public key: ") }.map { String($0.dropFirst("# public key: ".count)) } ?? ""
        let out = dir.path("recovery")
        let r = try runOn(vault, ["recovery", "setup", "--threshold", "2", "--person", "Ana <María>", "--person", "Bob Ng",
                                  "--person", "Jane Doe", "--seal-to", "Jane Doe=\(recipient)", "--all-codes", "--ids",
                                  "--as", "Maria Lopez", "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let s = Setup(out: out, copy: out + "/emergency-copy.age", sheet1: out + "/share-1-ana-mar-a.html", sheet2: out + "/share-2-bob-ng.html",
                      sealed: out + "/share-3-jane-doe.age", identity: identity,
                      paper1: "", paper2: "")
        for f in [s.copy, s.sheet1, s.sheet2, s.sealed] {
            let mode = (try FileManager.default.attributesOfItem(atPath: f)[.posixPermissions] as? NSNumber)?.intValue ?? 0
            XCTAssertEqual(mode & 0o777, 0o600, f)
        }
        // The copy and the sealed share are post-quantum age files: one
        // mlkem768x25519 stanza each, no X25519 one.
        XCTAssertTrue(recipient.hasPrefix("age1pq1"), recipient)
        let copyHeader = String(decoding: try Data(contentsOf: URL(fileURLWithPath: s.copy)).prefix(4000), as: UTF8.self)
        XCTAssertTrue(copyHeader.contains("\n-> mlkem768x25519 ") && !copyHeader.contains("\n-> X25519 "), "the emergency copy's stanzas")
        return Setup(out: out, copy: s.copy, sheet1: s.sheet1, sheet2: s.sheet2, sealed: s.sealed, identity: identity,
                     paper1: try words(ofSheet: s.sheet1), paper2: try words(ofSheet: s.sheet2))
    }

    func testTwoOfThreeAnyTwoOpenOneDoesNotATypoIsNamedRefreshKeepsTheShares() throws {
        let s = try makeSetup()
        XCTAssertEqual(s.paper1.split(separator: " ").count, 20)
        // The sheet: escaped names, the others named, the signer's fingerprint.
        let sheet = try String(contentsOfFile: s.sheet1, encoding: .utf8)
        XCTAssertTrue(sheet.contains("Ana &lt;María&gt;"))
        XCTAssertFalse(sheet.contains("<María>"))
        XCTAssertTrue(sheet.contains("Bob Ng, Jane Doe"))
        let status = try runOn(vault, ["recovery", "status", "--json"]).json()
        let signer = status["signerFingerprint"] as? String ?? "?"
        XCTAssertTrue(sheet.contains(signer))
        XCTAssertEqual(status["threshold"] as? Int, 2)
        XCTAssertEqual((status["holders"] as? [[String: String]])?.map { $0["kind"] ?? "" }, ["paper", "paper", "sealed"])

        // Any two open it: the two sheets, a sheet and the sealed share (either).
        let both = try open(s.copy, typed: [s.paper1, s.paper2], extract: dir.path("x1"))
        XCTAssertEqual(both.status, 0, both.stderr)
        XCTAssertTrue(try String(contentsOfFile: dir.path("x1/codes-and-identifiers.txt"), encoding: .utf8).contains("ABCD-1234"))
        XCTAssertTrue(both.stdout.contains("Signature: valid, key \(signer)"), both.stdout)
        for paper in [s.paper1, s.paper2] {
            let r = try open(s.copy, typed: [paper], sealed: [s.sealed], identity: s.identity)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("share 1 (sealed, Jane Doe's): good; signed by Maria Lopez (\(signer))"), r.stderr)
            XCTAssertTrue(r.stdout.contains("codes-and-identifiers.txt"), r.stdout)
        }
        // One opens nothing, and says how many more.
        for paper in [s.paper1, s.paper2] {
            let r = try open(s.copy, typed: [paper], extract: dir.path("never"))
            XCTAssertEqual(r.status, 7)
            XCTAssertTrue(r.stderr.contains("share 1: good. 1 more share is needed."), r.stderr)
            XCTAssertTrue(r.stderr.contains("error: not enough shares: 1 more is needed"), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("never")))
        }
        let sealedOnly = try open(s.copy, typed: [], sealed: [s.sealed], identity: s.identity)
        XCTAssertEqual(sealedOnly.status, 7)

        // A typo: the share and the word are named; with a good third share it still opens.
        var typo = s.paper2.split(separator: " ").map(String.init)
        typo[8] = typo[8] == "academic" ? "acid" : "academic"
        let t = try open(s.copy, typed: [s.paper1, typo.joined(separator: " ")])
        XCTAssertEqual(t.status, 7)
        XCTAssertTrue(t.stderr.contains("refused: share 2 does not check out (its checksum fails): word 9, \"\(typo[8])\", is most likely the wrong one"), t.stderr)
        let unknown = try open(s.copy, typed: [s.paper1.replacingOccurrences(of: s.paper1.split(separator: " ")[3], with: "bananna"), s.paper2])
        XCTAssertTrue(unknown.stderr.contains("refused: share 1: word 4, \"bananna\", is not a SLIP-0039 share word"), unknown.stderr)
        let t2 = try open(s.copy, typed: [typo.joined(separator: " "), s.paper1], sealed: [s.sealed], identity: s.identity)
        XCTAssertEqual(t2.status, 0, t2.stderr)
        XCTAssertTrue(t2.stderr.contains("refused: share 2 does not check out"), t2.stderr)

        // Refresh: a new code, the same shares open the new copy.
        XCTAssertEqual(try runOn(vault, ["code", "add", "login.gov"], stdin: "ZZZZ-9999\n").status, 0)
        let copy2 = dir.path("copy2.age")
        let refreshed = try runOn(vault, ["recovery", "refresh", "-o", copy2])
        XCTAssertEqual(refreshed.status, 0, refreshed.stderr)
        let after = try open(copy2, typed: [s.paper2, s.paper1], extract: dir.path("x2"))
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(try String(contentsOfFile: dir.path("x2/codes-and-identifiers.txt"), encoding: .utf8).contains("ZZZZ-9999"))
        let sealedAfter = try open(copy2, typed: [s.paper1], sealed: [s.sealed], identity: s.identity)
        XCTAssertEqual(sealedAfter.status, 0, sealedAfter.stderr)
        // The vault file holds no share word.
        let db = try Data(contentsOf: URL(fileURLWithPath: vault + "/vault.db"))
        XCTAssertNil(db.range(of: Data(s.paper1.utf8)), "a share is in vault.db")
    }

    /// On a terminal (as a trusted person uses it): each share is asked for
    /// with echo off, a mistyped one is named and the next asked for, and the
    /// copy opens once enough were typed.
    func testOnATerminalEachShareIsCheckedAsItComes() throws {
        let s = try makeSetup()
        var typo = s.paper1.split(separator: " ").map(String.init)
        typo[2] = typo[2] == "academic" ? "acid" : "academic"
        let r = try PTY.run(["recovery", "open", s.copy, "--extract", dir.path("xt")], steps: [
            PTYStep("Share 1 (its words, then Enter; an empty line stops): ", echo: .off, send: typo.joined(separator: " ") + "\n"),
            PTYStep("Share 2 (its words, then Enter; an empty line stops): ", echo: .off, send: s.paper1 + "\n"),
            PTYStep("Share 3 (its words, then Enter; an empty line stops): ", echo: .off, send: s.paper2 + "\n"),
            PTYStep("Extracted to"),
        ])
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.status, 0, r.transcript)
        for text in ["refused: share 1 does not check out (its checksum fails): word 3, \"\(typo[2])\", is most likely the wrong one",
                     "share 2: good. 1 more share is needed.", "share 3: good. Enough shares to open the copy."] {
            XCTAssertTrue(r.transcript.contains(text), "missing: \(text)")
        }
        XCTAssertFalse(r.transcript.contains(s.paper1), "a share was echoed")
        XCTAssertTrue(try String(contentsOfFile: dir.path("xt/codes-and-identifiers.txt"), encoding: .utf8).contains("ABCD-1234"))
        // An empty line stops: one share opens nothing.
        let one = try PTY.run(["recovery", "open", s.copy], steps: [
            PTYStep("Share 1 (its words", echo: .off, send: s.paper2 + "\n"),
            PTYStep("Share 2 (its words", echo: .off, send: "\n"),
            PTYStep("not enough shares: 1 more is needed"),
        ])
        XCTAssertEqual(one.failures, [])
        XCTAssertEqual(one.status, 7, one.transcript)
    }

    func testDrillChecksSharesAndOpensNothing() throws {
        let s = try makeSetup()
        let good = try runOn(vault, ["recovery", "drill"], stdin: s.paper1 + "\n" + s.paper2 + "\n")
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertTrue(good.stdout.contains("These 2 shares open the emergency copy. Nothing was opened."), good.stdout)
        let one = try runOn(vault, ["recovery", "drill"], stdin: s.paper2 + "\n")
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains("1 share checked and good; 1 more would be needed to open the copy."), one.stdout)
        // A share of another split is named as not this setup's.
        let other = try CLI.run(["shamir", "split", "--threshold", "2", "--shares", "3"], stdin: Data((String(repeating: "ab", count: 16) + "\n").utf8))
        let foreign = String(other.stdout.split(separator: "\n")[0])
        let r = try runOn(vault, ["recovery", "drill"], stdin: s.paper1 + "\n" + foreign + "\n")
        XCTAssertEqual(r.status, 7)
        XCTAssertTrue(r.stderr.contains("refused: share 2 is a valid SLIP-0039 share, but not one of this recovery setup's"), r.stderr)
    }

    func testAnotherSetupsSharesDoNotOpenTheCopy() throws {
        let s = try makeSetup()
        let again = try runOn(vault, ["recovery", "setup", "--threshold", "2", "--person", "A", "--person", "B", "--ids", "-o", dir.path("second")])
        XCTAssertEqual(again.status, 8, again.stderr)
        let replaced = try runOn(vault, ["recovery", "setup", "--threshold", "2", "--person", "A", "--person", "B", "--ids", "--replace", "-o", dir.path("second")])
        XCTAssertEqual(replaced.status, 0, replaced.stderr)
        let r = try open(dir.path("second/emergency-copy.age"), typed: [s.paper1, s.paper2])
        XCTAssertEqual(r.status, 6)
        XCTAssertTrue(r.stderr.contains("error: these shares fit together, but they do not open this emergency copy"), r.stderr)
    }
}
