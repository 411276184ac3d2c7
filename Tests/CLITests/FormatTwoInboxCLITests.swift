import Foundation
import XCTest

/// A vault with an inbox made by casevault before the inbox index
/// (Fixtures/vault-format2-inbox: format 2, migrations v1 and v2; its
/// fixture.json says what is in it). Today's binary adds the index's table
/// at open (migration v3), makes the index from the inbox's records at the
/// first inbox command, and lists, checks, imports and pins as before.
final class FormatTwoInboxCLITests: XCTestCase {
    var dir: TempDir!
    var vault: String { dir.path("vault") }
    var pass: String!
    var fixtureDir: URL!

    override func setUpWithError() throws {
        dir = try TempDir()
        fixtureDir = try XCTUnwrap(Bundle.module.url(forResource: "vault-format2-inbox", withExtension: nil, subdirectory: "Fixtures"))
        let fixture = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: fixtureDir.appendingPathComponent("fixture.json"))) as? [String: Any])
        pass = try dir.write("pass", (fixture["passphrase"] as! String) + "\n")
        try FileManager.default.copyItem(at: fixtureDir.appendingPathComponent("vault"), to: URL(fileURLWithPath: vault))
        // Git keeps no modes: give the copy the ones casevault made.
        for sub in ["", "/inbox"] { chmod(vault + sub, 0o700) }
        for f in try FileManager.default.subpathsOfDirectory(atPath: vault) where f != "inbox" { chmod(vault + "/" + f, 0o600) }
    }

    @discardableResult
    func cv(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try CLI.run(args + ["--vault", vault, "--passphrase-file", pass, "--no-keyring"], env: ["XDG_STATE_HOME": dir.path("state")], file: file, line: line)
    }

    func sql(_ query: String) throws -> String {
        try CLI.tool(["python3", "-c", "import sqlite3,sys; print('\\n'.join(str(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))",
                      vault + "/vault.db", query]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testTheInboxIsListedAsBeforeAndKeepsItsPins() throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtureDir.appendingPathComponent("expected-list.json"))) as? NSDictionary
        let list = try cv(["share", "list", "--json"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(try JSONSerialization.jsonObject(with: list.stdoutData) as? NSDictionary, expected, list.stdout)
        // The tables came at open (v3 the index, v4 the recovery setup), the index at the first listing; the format stays 2.
        XCTAssertEqual(try sql("SELECT identifier FROM grdb_migrations ORDER BY rowid").split(separator: "\n").last, "v4: recovery setup")
        XCTAssertGreaterThan(Int(try sql("SELECT COUNT(*) FROM inbox_index")) ?? 0, 0)
        XCTAssertEqual(try sql("SELECT value FROM meta WHERE key = 'format'"), "b'2'")
        // Nothing of the clients' names in the clear.
        let plain = try CLI.tool(["grep", "-c", "-a", "-e", "Ahmed", "-e", "Maria", "-e", "李伟", vault + "/vault.db"])
        XCTAssertEqual(plain.stdout, "0\n")
        let check = try cv(["check", "--json"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertEqual((try check.json()["checked"] as? [String: Int])?["inbox index"], 1)

        // The pins made before the index decide as before.
        XCTAssertEqual(try cv(["share", "import", fixtureDir.appendingPathComponent("fake-ahmed.age").path]).status, 6)
        let a2 = try cv(["share", "import", fixtureDir.appendingPathComponent("a2.age").path])
        XCTAssertEqual(a2.status, 0, a2.stderr)
        XCTAssertTrue(a2.stdout.contains("signed by the key pinned for 'Ahmed Khan'"), a2.stdout)
        let text = try cv(["share", "list"]).stdout
        XCTAssertTrue(text.hasPrefix("Ahmed Khan  ("), text)
        XCTAssertTrue(text.contains("Ahmed Khan  (key 42SMF-E370G-BQ5RA-NPWPV, 2 shares)"), text)
        // The flagged look-alike, pinned after a phone call.
        let pin = try cv(["share", "pin", "37fbb02f7f0c"])
        XCTAssertEqual(pin.status, 0, pin.stderr)
        let after = try XCTUnwrap(try cv(["share", "list", "--json"]).json()["clients"] as? [[String: Any]])
        let alike = try XCTUnwrap(after.first { ($0["client"] as? String) == "Maria\u{A0}Lopez" })
        XCTAssertEqual(alike["pinned"] as? Bool, true)
        XCTAssertEqual(alike["looksLike"] as? [String], ["Maria Lopez"])
        // A passphrase change re-seals the index with everything else.
        let newPass = try dir.write("new", "a new passphrase for the inbox\n")
        XCTAssertEqual(try cv(["passwd", "--new-passphrase-file", newPass]).status, 0)
        pass = newPass
        XCTAssertEqual(try cv(["share", "list", "--json"]).stdout, try cv(["share", "list", "--json"]).stdout)
        XCTAssertEqual(try XCTUnwrap(try cv(["share", "list", "--json"]).json()["clients"] as? [[String: Any]]).count, 4)
        XCTAssertEqual(try cv(["check"]).status, 0)
    }
}
