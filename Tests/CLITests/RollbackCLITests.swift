import Foundation
import XCTest

/// Key rotation and the state record, through the built binary: a changed
/// passphrase (or a used recovery key) opens nothing written after the
/// change, and a vault.db put back whole or record by record is reported
/// before any code is handed out (docs/design.md, "Key rotation", "State and
/// rollback"). Each vault file is edited here the way an attacker with the
/// folder, or a careless sync tool, would: with SQLite, from outside.
final class RollbackCLITests: XCTestCase {
    var dir: TempDir!
    var vault: String { dir.path("vault") }
    var pass: String!
    var newPass: String!
    /// This computer's memory of vault states, private to each test.
    var stateHome: String { dir.path("state") }

    override func setUpWithError() throws {
        dir = try TempDir()
        pass = try dir.write("pass", "correct horse battery staple\n")
        newPass = try dir.write("new-pass", "a brand new passphrase\n")
    }

    @discardableResult
    func cv(_ args: [String], passphrase: String? = nil, stdin: String? = nil,
            file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try CLI.run(args + ["--vault", vault, "--passphrase-file", passphrase ?? pass, "--no-keyring"],
                    stdin: stdin.map { Data($0.utf8) }, env: ["XDG_STATE_HOME": stateHome], file: file, line: line)
    }

    func initVault() throws -> String {
        let r = try cv(["init", "--kdf", "interactive", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(try r.json()["recoveryKey"] as? String)
    }

    /// Runs Python's sqlite3 on a vault file (an outside edit).
    func sql(_ db: String, _ script: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.tool(["python3", "-c", """
            import sqlite3, sys
            a = sqlite3.connect(sys.argv[1])
            \(script)
            a.commit()
            """, db], file: file, line: line)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
    }

    /// Copies vault.db (checkpointed, so it holds everything) to `name`.
    func snapshot(_ name: String) throws -> String {
        try sql(vault + "/vault.db", "a.execute('PRAGMA wal_checkpoint(TRUNCATE)')")
        let to = dir.path(name)
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: vault + "/vault.db", toPath: to)
        return to
    }

    /// Puts a copy back in place of vault.db (and drops its WAL).
    func putBack(_ copy: String) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: vault + "/vault.db" + suffix) }
        try FileManager.default.copyItem(atPath: copy, toPath: vault + "/vault.db")
    }

    func testOldKeySlotPutBackOpensNothingWrittenAfterTheChange() throws {
        _ = try initVault()
        XCTAssertEqual(try cv(["code", "add", "uscis"], stdin: "OLDC-ODE1-1111\n").status, 0)
        let old = try snapshot("old.db")
        let passwd = try cv(["passwd", "--new-passphrase-file", newPass])
        XCTAssertEqual(passwd.status, 0, passwd.stderr)
        XCTAssertEqual(try cv(["code", "add", "after"], passphrase: newPass, stdin: "NEWC-ODE2-2222\n").status, 0)
        // The attack: the old passphrase slot copied back into today's vault.db.
        try sql(vault + "/vault.db", """
            o = sqlite3.connect('\(old)')
            r = o.execute("SELECT kdf, check_value, nonce, wrapped FROM key_slot WHERE kind = 'passphrase'").fetchone()
            a.execute("UPDATE key_slot SET kdf = ?, check_value = ?, nonce = ?, wrapped = ? WHERE kind = 'passphrase'", r)
            """)
        for args in [["code", "list"], ["code", "show", "after"], ["code", "use", "after"], ["emergency"]] {
            let r = try cv(args)
            XCTAssertEqual(r.status, 6, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args) printed something")
            XCTAssertFalse(r.stderr.contains("NEWC") || r.stderr.contains("OLDC"))
            XCTAssertTrue(r.stderr.contains("put back from an older copy"), r.stderr)
        }
        // check lists the state record as the problem, and no code.
        let check = try cv(["check"])
        XCTAssertEqual(check.status, 6, check.stderr)
        XCTAssertTrue(check.stdout.contains("PROBLEM vault.db meta/state"), check.stdout)
        XCTAssertFalse(check.stdout.contains("NEWC") || check.stdout.contains("OLDC"))
    }

    func testPassphraseChangeReEncryptsEveryRecordAndDocumentKey() throws {
        _ = try initVault()
        XCTAssertEqual(try cv(["code", "add", "uscis"], stdin: "OLDC-ODE1-1111\n").status, 0)
        XCTAssertEqual(try cv(["id", "add", "a-number"], stdin: "A123456789\n").status, 0)
        let scan = try dir.write("scan.pdf", "%PDF-1.4 a scan\n")
        XCTAssertEqual(try cv(["doc", "add", scan, "--label", "passport"]).status, 0)
        try sql(vault + "/documents.db", "a.execute('PRAGMA wal_checkpoint(TRUNCATE)')")
        let before = try rows()
        let files = try FileManager.default.contentsOfDirectory(atPath: vault + "/documents").filter { $0.hasSuffix(".cvdoc") }
        let fileBytes = try files.map { try Data(contentsOf: URL(fileURLWithPath: vault + "/documents/" + $0)) }

        XCTAssertEqual(try cv(["passwd", "--new-passphrase-file", newPass]).status, 0)
        let after = try rows()
        XCTAssertEqual(Set(before.keys), Set(after.keys))
        for (row, sealed) in before {
            XCTAssertNotEqual(after[row], sealed, "\(row) was not re-encrypted")
        }
        // Document files are not rewritten: their own keys are re-wrapped.
        XCTAssertEqual(try files.map { try Data(contentsOf: URL(fileURLWithPath: vault + "/documents/" + $0)) }, fileBytes)
        XCTAssertEqual(try cv(["doc", "get", "passport", "-o", "-"], passphrase: newPass).stdout, "%PDF-1.4 a scan\n")
        XCTAssertEqual(try cv(["code", "use", "uscis"], passphrase: newPass).stdout, "OLDC-ODE1-1111\n")
        XCTAssertEqual(try cv(["check"], passphrase: newPass).status, 0)
        XCTAssertEqual(try cv(["code", "list"]).status, 4, "the old passphrase still opens the vault")
    }

    /// Every sealed column of both databases, by table and row.
    func rows() throws -> [String: String] {
        let r = try CLI.tool(["python3", "-c", """
            import sqlite3, sys, json
            out = {}
            v = sqlite3.connect(sys.argv[1] + '/vault.db')
            for (t,) in v.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN ('meta','key_slot','grdb_migrations')"):
                for i, c in v.execute('SELECT id, ciphertext FROM ' + t): out[t + '/' + i] = c.hex()
            d = sqlite3.connect(sys.argv[1] + '/documents.db')
            for i, k, m in d.execute('SELECT id, key_sealed, meta_sealed FROM documents'): out['documents/' + i.hex()] = k.hex() + m.hex()
            print(json.dumps(out))
            """, vault])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: String])
    }

    func testOlderVaultPutBackIsRefusedBeforeAnyCodeUntilAccepted() throws {
        _ = try initVault()
        XCTAssertEqual(try cv(["code", "add", "login.gov"], stdin: "1111 2222\n3333 4444\n5555 6666\n").status, 0)
        let old = try snapshot("old.db")
        XCTAssertEqual(try cv(["code", "use", "login.gov"]).stdout, "1111 2222\n")
        try putBack(old)
        for args in [["code", "use", "login.gov"], ["code", "list"], ["emergency"], ["status"]] {
            let r = try cv(args)
            XCTAssertEqual(r.status, 6, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "\(args) printed something")
            XCTAssertTrue(r.stderr.contains("older than the one this computer last saw") && r.stderr.contains("accept-older"), r.stderr)
        }
        let accepted = try cv(["accept-older"])
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        XCTAssertEqual(try cv(["code", "use", "login.gov"]).stdout, "1111 2222\n")
    }

    func testARecordPutBackToAnOlderVersionIsReported() throws {
        _ = try initVault()
        XCTAssertEqual(try cv(["code", "add", "login.gov"], stdin: "1111 2222\n3333 4444\n5555 6666\n").status, 0)
        let old = try snapshot("old.db")
        XCTAssertEqual(try cv(["code", "use", "login.gov"]).stdout, "1111 2222\n")
        // Only the code entry goes back; the state record stays current.
        try sql(vault + "/vault.db", """
            o = sqlite3.connect('\(old)')
            for i, n, c in o.execute('SELECT id, nonce, ciphertext FROM code_entry'):
                a.execute('UPDATE code_entry SET nonce = ?, ciphertext = ? WHERE id = ?', (n, c, i))
            """)
        let r = try cv(["code", "use", "login.gov"])
        XCTAssertEqual(r.status, 6, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("put back to an older version"), r.stderr)
        // A removed row is reported the same way.
        try sql(vault + "/vault.db", "a.execute('DELETE FROM code_entry')")
        XCTAssertEqual(try cv(["code", "list"]).status, 6)
        // The state record removed (to pass as a format-1 vault) is reported too.
        try sql(vault + "/vault.db", "a.execute(\"DELETE FROM meta WHERE key IN ('state', 'key_generation')\")")
        let stripped = try cv(["code", "list"])
        XCTAssertEqual(stripped.status, 6, stripped.stderr)
    }

    func testRecoverUsesUpTheRecoveryKey() throws {
        let recovery = try initVault()
        XCTAssertEqual(try cv(["code", "add", "uscis"], stdin: "OLDC-ODE1-1111\n").status, 0)
        let keyFile = try dir.write("rk", recovery + "\n")
        let r = try CLI.run(["recover", "--vault", vault, "--recovery-key-file", keyFile, "--new-passphrase-file", newPass, "--json"],
                            env: ["XDG_STATE_HOME": stateHome])
        XCTAssertEqual(r.status, 0, r.stderr)
        let fresh = try XCTUnwrap(try r.json()["newRecoveryKey"] as? String)
        XCTAssertNotEqual(fresh, recovery)
        XCTAssertEqual(try r.json()["recovered"] as? Bool, true)
        // The used key opens nothing now; the new one does.
        let again = try CLI.run(["recover", "--vault", vault, "--recovery-key-file", keyFile, "--new-passphrase-file", pass],
                                env: ["XDG_STATE_HOME": stateHome])
        XCTAssertEqual(again.status, 4, again.stderr)
        XCTAssertEqual(try cv(["code", "use", "uscis"], passphrase: newPass).stdout, "OLDC-ODE1-1111\n")
        let freshFile = try dir.write("rk2", fresh + "\n")
        let third = try CLI.run(["recover", "--vault", vault, "--recovery-key-file", freshFile, "--new-passphrase-file", pass],
                                env: ["XDG_STATE_HOME": stateHome])
        XCTAssertEqual(third.status, 0, third.stderr)
        XCTAssertTrue(third.stdout.contains("New recovery key"), third.stdout)
    }

    func testPasswdKeepsTheRecoveryKey() throws {
        let recovery = try initVault()
        XCTAssertEqual(try cv(["passwd", "--new-passphrase-file", newPass]).stdout, "Passphrase changed.\n")
        let keyFile = try dir.write("rk", recovery + "\n")
        let r = try CLI.run(["recover", "--vault", vault, "--recovery-key-file", keyFile, "--new-passphrase-file", pass],
                            env: ["XDG_STATE_HOME": stateHome])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testDocumentsAddedAfterTheChangeDoNotOpenWithTheOldVault() throws {
        _ = try initVault()
        let old = try snapshot("old.db")
        XCTAssertEqual(try cv(["passwd", "--new-passphrase-file", newPass]).status, 0)
        let scan = try dir.write("later.pdf", "%PDF-1.4 added after the change\n")
        XCTAssertEqual(try cv(["doc", "add", scan, "--label", "later"], passphrase: newPass).status, 0)
        // The whole old vault.db back, accepted on purpose, with the old passphrase.
        try putBack(old)
        XCTAssertEqual(try cv(["accept-older"]).status, 0)
        for args in [["doc", "list"], ["doc", "get", "later", "-o", "-"]] {
            let r = try cv(args)
            XCTAssertEqual(r.status, 6, "\(args): \(r.stderr)")
            XCTAssertFalse(r.stdout.contains("added after the change") || r.stdout.contains("later"), r.stdout)
        }
    }
}
