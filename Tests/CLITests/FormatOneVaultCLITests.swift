import Foundation
import XCTest

/// A vault made by casevault before format 2 (Fixtures/vault-format1: every
/// file as that version left it, with codes, identifiers, a document, a
/// representative and an imported share; fixture.json says what is in it).
/// Today's binary must read all of it, check it, write to it (which makes it
/// format 2), and rotate its keys on a passphrase change.
final class FormatOneVaultCLITests: XCTestCase {
    var dir: TempDir!
    var vault: String { dir.path("vault") }
    var pass: String!
    var fixture: [String: Any]!
    var fixtureDir: URL!

    override func setUpWithError() throws {
        dir = try TempDir()
        fixtureDir = try XCTUnwrap(Bundle.module.url(forResource: "vault-format1", withExtension: nil, subdirectory: "Fixtures"))
        fixture = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: fixtureDir.appendingPathComponent("fixture.json"))) as? [String: Any])
        pass = try dir.write("pass", (fixture["passphrase"] as! String) + "\n")
        try FileManager.default.copyItem(at: fixtureDir.appendingPathComponent("vault"), to: URL(fileURLWithPath: vault))
        // Git keeps no modes: give the copy the ones casevault made.
        for sub in ["", "/documents", "/inbox"] { chmod(vault + sub, 0o700) }
        let files = try FileManager.default.subpathsOfDirectory(atPath: vault)
        for f in files where !["documents", "inbox"].contains(f) { chmod(vault + "/" + f, 0o600) }
    }

    @discardableResult
    func cv(_ args: [String], passphrase: String? = nil, stdin: String? = nil,
            file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try CLI.run(args + ["--vault", vault, "--passphrase-file", passphrase ?? pass, "--no-keyring"],
                    stdin: stdin.map { Data($0.utf8) }, env: ["XDG_STATE_HOME": dir.path("state")], file: file, line: line)
    }

    func format() throws -> String {
        let r = try CLI.tool(["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT value FROM meta WHERE key='format'\").fetchone()[0].decode())",
                              vault + "/vault.db"])
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testEveryReadingCommandAndCheck() throws {
        let scan = try Data(contentsOf: fixtureDir.appendingPathComponent("scan.pdf"))
        let reads: [[String]] = [["status"], ["status", "--json"], ["check"], ["check", "--json"], ["code", "list"], ["code", "list", "--json"],
                                 ["code", "show", "uscis"], ["code", "show", "login.gov", "--json"], ["id", "list"], ["id", "show", "a-number"],
                                 ["doc", "list"], ["doc", "verify", "passport"], ["emergency"], ["emergency", "--json"], ["identity", "show"],
                                 ["rep", "list"], ["share", "list"], ["share", "list", "--json"]]
        for args in reads {
            let r = try cv(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        }
        XCTAssertTrue(try cv(["code", "show", "uscis"]).stdout.contains("4F7K-9P2M-X3QD"))
        XCTAssertTrue(try cv(["id", "show", "receipt"]).stdout.contains("IOE-012-345-6789") || (try cv(["id", "show", "receipt", "--json"]).stdout.contains("IOE0123456789")))
        XCTAssertEqual(try cv(["doc", "get", "passport", "-o", "-"]).stdoutData, scan)
        XCTAssertTrue(try cv(["share", "list"]).stdout.contains("Maria Lopez"))
        let clients = try XCTUnwrap(try cv(["share", "list", "--json"]).json()["clients"] as? [[String: Any]])
        let shares = try XCTUnwrap(clients.first?["shares"] as? [[String: Any]])
        let shareID = try XCTUnwrap(shares.first?["shareID"] as? String)
        let extracted = dir.path("extracted")
        let x = try cv(["share", "extract", shareID, extracted])
        XCTAssertEqual(x.status, 0, x.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: extracted + "/documents/scan.pdf")), scan)
        // Reading writes nothing: the vault stays format 1.
        XCTAssertEqual(try format(), "1")
    }

    func testFirstWriteMakesItFormatTwoAndKeepsEverything() throws {
        XCTAssertEqual(try cv(["code", "use", "login.gov"]).stdout, "3333 4444\n")
        XCTAssertEqual(try format(), "2")
        XCTAssertEqual(try cv(["check"]).status, 0)
        XCTAssertEqual(try cv(["code", "use", "login.gov"]).stdout, "5555 6666\n")
        // From now on the state record guards it: an older copy put back is refused.
        XCTAssertEqual(try cv(["doc", "list"]).status, 0)
    }

    func testPassphraseChangeGivesANewRecoveryKeyForAnOldSlot() throws {
        let newPass = try dir.write("new", "the new passphrase\n")
        let r = try cv(["passwd", "--new-passphrase-file", newPass, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let fresh = try XCTUnwrap(try r.json()["newRecoveryKey"] as? String, "a format-1 recovery slot cannot follow: a new key is issued")
        XCTAssertEqual(try cv(["code", "list"]).status, 4)
        XCTAssertEqual(try cv(["check"], passphrase: newPass).status, 0)
        XCTAssertEqual(try cv(["doc", "verify", "passport"], passphrase: newPass).status, 0)
        XCTAssertEqual(try cv(["share", "list"], passphrase: newPass).status, 0)
        let old = try dir.write("old-rk", (fixture["recoveryKey"] as! String) + "\n")
        let oldKey = try CLI.run(["recover", "--vault", vault, "--recovery-key-file", old, "--new-passphrase-file", pass],
                                 env: ["XDG_STATE_HOME": dir.path("state")])
        XCTAssertEqual(oldKey.status, 4, oldKey.stderr)
        let newKey = try CLI.run(["recover", "--vault", vault, "--recovery-key-file", try dir.write("rk", fresh + "\n"),
                                  "--new-passphrase-file", pass], env: ["XDG_STATE_HOME": dir.path("state")])
        XCTAssertEqual(newKey.status, 0, newKey.stderr)
        XCTAssertTrue(try cv(["code", "show", "uscis"]).stdout.contains("4F7K-9P2M-X3QD"))
    }

    /// A vault as the first release's v1 migration left it: meta, key_slot,
    /// code_entry and identifier only, no shares tables and no v2 row (made
    /// here from the fixture by removing what came later: the shares tables,
    /// their v2 migration row and inbox/). Today's binary reads it, checks
    /// it, and runs v2 and v3, which create the shares tables and the inbox
    /// index's.
    func testAVaultMadeByAnEarlyV1Migrates() throws {
        let sql = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            for t in ["share_secret", "share_profile", "representative", "pinned_sender", "inbox_share"]:
                c.execute("DROP TABLE " + t)
            c.execute("DELETE FROM grdb_migrations WHERE identifier LIKE 'v2:%'")
            c.commit()
            c.execute("VACUUM")
            print(",".join(r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")))
            """
        let early = try CLI.tool(["python3", "-c", sql, vault + "/vault.db"])
        XCTAssertEqual(early.stdout, "code_entry,grdb_migrations,identifier,key_slot,meta\n", early.stderr)
        try FileManager.default.removeItem(atPath: vault + "/inbox")
        for args in [["status"], ["check"], ["code", "list"], ["id", "list"], ["doc", "verify", "passport"], ["emergency"]] {
            let r = try cv(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        }
        XCTAssertTrue(try cv(["code", "show", "uscis"]).stdout.contains("4F7K-9P2M-X3QD"))
        XCTAssertEqual(try cv(["rep", "list"]).status, 0)
        let tables = try CLI.tool(["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            print(",".join(r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")))
            print(c.execute("SELECT COUNT(*) FROM grdb_migrations").fetchone()[0])
            """, vault + "/vault.db"])
        XCTAssertEqual(tables.stdout, "code_entry,grdb_migrations,identifier,inbox_index,inbox_share,key_slot,meta,pinned_sender,recovery_setup,representative,share_profile,share_secret\n4\n")
        let recipient = try cv(["identity", "new"])
        XCTAssertEqual(recipient.status, 0, recipient.stderr)
        XCTAssertEqual(try cv(["check"]).status, 0)
        XCTAssertEqual(try format(), "2")
    }
}
