import Foundation
import XCTest

/// `casevault kit`: the printable sheet's content, escaping, file handling and
/// the recovery key only on request. (Rendering is checked in headless
/// Chromium by `make kit-screenshot`.)
final class KitCLITests: XCTestCase {
    var dir: TempDir!
    var vault: String { dir.path("va<u>lt & co") }
    var pass: String!
    var recoveryKey: String!

    override func setUpWithError() throws {
        dir = try TempDir()
        pass = try dir.write("pass", "correct horse battery staple\n")
        let r = try cv(["init", "--kdf", "interactive", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        recoveryKey = try XCTUnwrap(try r.json()["recoveryKey"] as? String)
    }

    @discardableResult
    func cv(_ args: [String], vault v: String? = nil) throws -> CLIResult {
        try CLI.run(args + ["--vault", v ?? vault, "--passphrase-file", pass, "--no-keyring"])
    }

    func cells(_ html: String) -> [String] {
        html.components(separatedBy: "<span class=\"cell\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    func testBlankSheetHasBoxesAndNoSecret() throws {
        let out = dir.path("kit.html")
        let r = try cv(["kit", "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            Wrote the emergency sheet to \(out).
            Open it in a browser, print it, write the recovery key in the boxes,
            and keep the paper away from this computer.

            """)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int, 0o600)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(cells(html), Array(repeating: "", count: 36), "36 empty boxes for nine groups of four")
        for group in recoveryKey.split(separator: "-") {
            XCTAssertFalse(html.contains(String(group)), "a recovery key group is in a blank sheet")
        }
        // The user's path is escaped, never markup.
        XCTAssertTrue(html.contains("va&lt;u&gt;lt &amp; co"), "path not escaped")
        XCTAssertFalse(html.contains("va<u>lt"))
        let id = try XCTUnwrap(try cv(["status", "--json"]).json()["vaultId"] as? String)
        XCTAssertTrue(html.contains(stride(from: 0, to: 32, by: 8).map { String(Array(id)[$0..<$0 + 8]) }.joined(separator: " ")))
        for section in ["1. Your vault", "2. Recovery key", "3. Representatives", "4. If the laptop is lost, stolen or broken",
                        "casevault recover", "No representative is stored in the vault"] {
            XCTAssertTrue(html.contains(section), section)
        }
        XCTAssertFalse(html.contains("<script"), "the sheet must be inert")
        XCTAssertFalse(html.contains("http"), "the sheet must load nothing")
    }

    func testRefusesToOverwriteWithoutForce() throws {
        let out = try dir.write("kit.html", "keep me")
        var r = try cv(["kit", "-o", out])
        XCTAssertEqual(r.status, 8)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "keep me")
        r = try cv(["kit", "-o", out, "--force"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    /// --force never renames the sheet over a FIFO or device (it replaced
    /// the node with a regular file before).
    func testForceNeverReplacesAFIFO() throws {
        let fifo = dir.path("fifo")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let r = try cv(["kit", "-o", fifo, "--force"])
        XCTAssertEqual(r.status, 7, r.stderr)
        XCTAssertEqual(r.stderr, "error: invalid output \(fifo): not a regular file (a device, FIFO or socket); nothing was written\n"
                       + "hint: expected a file name for the sheet\n")
        try assertNotReplaced([(fifo, S_IFIFO)])
    }

    func testIncludesTheRecoveryKeyOnlyWhenAskedAndOnlyIfItOpensThisVault() throws {
        let keyFile = try dir.write("key", recoveryKey + "\n")
        let out = dir.path("with-key.html")
        let r = try cv(["kit", "-o", out, "--include-recovery-key", "--recovery-key-file", keyFile])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: the sheet holds the recovery key"), r.stderr)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertEqual(cells(html).joined(), recoveryKey.replacingOccurrences(of: "-", with: ""))
        XCTAssertFalse(r.stdout.contains(recoveryKey) || r.stderr.contains(recoveryKey))

        // Another vault's key: refused, nothing written.
        let other = dir.path("other")
        let o = try cv(["init", "--kdf", "interactive", "--json"], vault: other)
        let otherKey = try dir.write("otherkey", try XCTUnwrap(try o.json()["recoveryKey"] as? String) + "\n")
        let bad = dir.path("bad.html")
        let b = try cv(["kit", "-o", bad, "--include-recovery-key", "--recovery-key-file", otherKey])
        XCTAssertEqual(b.status, 4, b.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bad))

        // A typo: refused as a typo.
        let typo = try dir.write("typo", String(recoveryKey.dropLast()) + (recoveryKey.hasSuffix("0") ? "1" : "0") + "\n")
        XCTAssertEqual(try cv(["kit", "-o", bad, "--include-recovery-key", "--recovery-key-file", typo]).status, 4)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bad))

        XCTAssertEqual(try cv(["kit", "-o", bad, "--recovery-key-file", keyFile]).status, 2, "--recovery-key-file alone is a usage error")
    }

    func testStandardOutputAndJSON() throws {
        let r = try cv(["kit", "-o", "-"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("<!DOCTYPE html>") && r.stdout.hasSuffix("</html>\n"))
        let out = dir.path("kit.html")
        let j = try cv(["kit", "-o", out, "--json"]).json()
        XCTAssertEqual(j["output"] as? String, out)
        XCTAssertEqual(j["recoveryKeyIncluded"] as? Bool, false)
        XCTAssertEqual(j["representatives"] as? Int, 0)
        XCTAssertEqual(try cv(["kit", "-o", "-", "--json"]).status, 2, "two documents on stdout")
    }

    func testRepresentativesWithTheirFingerprints() throws {
        // Real age recipients, from the real age-keygen.
        var fingerprints: [String] = []
        for name in ["Jane Doe, Esq.", "<b>Legal Aid</b> & Co"] {
            let identity = dir.path("id-\(fingerprints.count)")
            XCTAssertEqual(try tool("age-keygen", ["-o", identity]).0, 0)
            let (status, recipientLine) = try tool("age-keygen", ["-y", identity])
            XCTAssertEqual(status, 0)
            let recipient = recipientLine.trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertTrue(recipient.hasPrefix("age1"), recipient)
            let add = try cv(["rep", "add", name, recipient, "--json"])
            XCTAssertEqual(add.status, 0, add.stderr)
            fingerprints.append(try XCTUnwrap(try add.json()["fingerprint"] as? String))
        }
        let out = dir.path("kit.html")
        XCTAssertEqual(try cv(["kit", "-o", out]).status, 0)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(html.contains("<tr><td>Jane Doe, Esq.</td><td><code>\(fingerprints[0])</code></td>"), html)
        XCTAssertTrue(html.contains("<tr><td>&lt;b&gt;Legal Aid&lt;/b&gt; &amp; Co</td><td><code>\(fingerprints[1])</code></td>"))
        XCTAssertFalse(html.contains("<b>Legal Aid"))
        XCTAssertEqual(try cv(["kit", "-o", dir.path("k2.html"), "--json"]).json()["representatives"] as? Int, 2)
    }

    /// Runs a system tool; returns its status and stdout.
    func tool(_ name: String, _ args: [String]) throws -> (Int32, String) {
        let r = try CLI.tool([name] + args)
        return (r.status, r.stdout)
    }

    func testNoVault() throws {
        let r = try cv(["kit", "-o", dir.path("k.html")], vault: dir.path("none"))
        XCTAssertEqual(r.status, 3)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("k.html")))
    }
}
