import Foundation
import XCTest

/// The vault core through the built `casevault` binary: commands, JSON,
/// exit codes, file modes, and no secret left in plaintext anywhere.
final class VaultCLITests: CLITestCase {
    /// Runs with --vault and --passphrase-file, and with the keyring off.
    @discardableResult
    func cv(_ args: [String], stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try runOn(vault, args, stdin: stdin, file: file, line: line)
    }

    func initVault() throws -> String {
        let r = try cv(["init", "--kdf", "interactive", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(try r.json()["recoveryKey"] as? String)
    }

    func testFullSessionLeavesNoPlaintextAndOwnerOnlyModes() throws {
        let secrets = ["QX7P-44ZR-MMTN", "7Y2B-KK9D-PLQ3", "HJ4K-5522-WWER", "applicant.name@example.org", "secret-label-lgv",
                       "IOE0987654321", "A087654321", "note-about-I485", "NEWC-ODE1-2345"]
        _ = try initVault()
        XCTAssertEqual(try cv(["code", "add", secrets[4], "--account", secrets[3]], stdin: "\(secrets[0])\n\(secrets[1])\n\(secrets[2])\n").status, 0)
        let codesFile = try dir.write("codes.txt", "USCIS backup code\n\nABCD-9876-ZYXW\n")
        XCTAssertEqual(try cv(["code", "add", "uscis", "--from-file", codesFile]).status, 0)
        XCTAssertEqual(try cv(["id", "add", "receipt", "--note", secrets[7]], stdin: "IOE 098-765-4321\n").status, 0)
        XCTAssertEqual(try cv(["id", "add", "a-number", "--label", "mine"], stdin: "a87654321\n").status, 0)

        // Commands that do not reveal secrets print none.
        for args in [["code", "list"], ["code", "list", "--json"], ["status"], ["status", "--json"], ["id", "list"], ["id", "list", "--json"]] {
            let r = try cv(args)
            XCTAssertEqual(r.status, 0, args.joined(separator: " "))
            for s in [secrets[0], secrets[1], secrets[2], "ABCD-9876-ZYXW", secrets[5], secrets[6]] {
                XCTAssertFalse(r.stdout.contains(s) || r.stderr.contains(s), "`\(args.joined(separator: " "))` printed a secret")
            }
        }
        // Commands that reveal, reveal exactly what was asked.
        let use = try cv(["code", "use", secrets[4]])
        XCTAssertEqual(use.stdout, "\(secrets[0])\n")
        let show = try cv(["code", "show", secrets[4], "--json"])
        let codes = try XCTUnwrap(try show.json()["codes"] as? [[String: Any]])
        XCTAssertEqual(codes.map { $0["code"] as? String }, [secrets[0], secrets[1], secrets[2]])
        XCTAssertNotNil(codes[0]["usedAt"])
        XCTAssertNil(codes[1]["usedAt"])
        XCTAssertEqual(try cv(["id", "show", "receipt", "--json"]).json()["value"] as? String, secrets[5])
        XCTAssertEqual(try cv(["id", "show", "mine"]).stdout, "A-Number (mine): A-087-654-321\n")
        XCTAssertEqual(try cv(["code", "replace", "uscis"], stdin: secrets[8] + "\n").status, 0)
        let hist = try cv(["code", "show", "uscis", "--history"]).stdout
        XCTAssertTrue(hist.contains(secrets[8]) && hist.contains("ABCD-9876-ZYXW") && hist.contains("superseded"), hist)

        // Nothing typed is in any vault file, WAL and journal included.
        let fm = FileManager.default
        XCTAssertEqual(try fm.attributesOfItem(atPath: vault)[.posixPermissions] as? Int, 0o700)
        for name in try fm.contentsOfDirectory(atPath: vault) {
            let path = vault + "/" + name
            XCTAssertEqual(try fm.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o600, name)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            for s in secrets + ["ABCD-9876-ZYXW", "uscis", "mine"] {
                XCTAssertNil(data.range(of: Data(s.utf8)), "a typed value appears in plaintext in \(name)")
            }
        }
        XCTAssertEqual(try cv(["code", "remove", "uscis", "--yes"]).status, 0)
        XCTAssertEqual(try cv(["id", "remove", "mine", "--yes"]).status, 0)
        XCTAssertEqual(try cv(["code", "list", "--json"]).json()["entries"].map { ($0 as? [Any])?.count }, 1)
    }

    func testUseWarnsWhenTwoOrFewerAreLeftAndFailsWhenNoneAre() throws {
        _ = try initVault()
        try cv(["code", "add", "gh"], stdin: "1111-1111\n2222-2222\n3333-3333\n4444-4444\n")
        XCTAssertFalse(try cv(["code", "use", "gh"]).stderr.contains("warning"))
        XCTAssertTrue(try cv(["code", "use", "gh"]).stderr.contains("warning: 2 unused codes left in 'gh'"))
        let second = try cv(["code", "use", "gh"])
        XCTAssertTrue(second.stderr.contains("warning: 1 unused code left in 'gh'"), second.stderr)
        XCTAssertEqual(try cv(["code", "use", "gh"]).status, 0)
        let none = try cv(["code", "use", "gh"])
        XCTAssertEqual(none.status, 5)
        XCTAssertTrue(none.stderr.hasPrefix("error: no unused codes left in 'gh'\nhint: "), none.stderr)
    }

    /// A directory given as the codes or value file (or as standard input)
    /// fails as what it is; it was read as empty and reported as "no backup
    /// code found in the input".
    func testCodesFromADirectoryFailAsSuch() throws {
        _ = try initVault()
        let folder = dir.path("downloads")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for args in [["code", "add", "gov", "--from-file", folder], ["id", "add", "other", "--from-file", folder]] {
            let r = try cv(args)
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertEqual(r.stderr, "error: cannot read \(folder): Is a directory\n"
                           + "hint: check that \(folder) exists and is readable or writable as needed, and that its disk has free space\n")
        }
        let piped = try CLI.tool(["sh", "-c", "exec \"$0\" \"$@\" < \"$DIR\"", CLI.binary.path, "code", "add", "gov",
                                  "--vault", vault, "--passphrase-file", pass, "--no-keyring"], env: ["DIR": folder])
        XCTAssertEqual(piped.status, 7, piped.stderr)
        XCTAssertEqual(piped.stderr, "error: invalid standard input: it cannot be read (Is a directory)\n"
                       + "hint: expected codes on standard input, or --from-file FILE\n")
        XCTAssertEqual(try cv(["code", "list", "--json"]).stdout.contains("gov"), false)
    }

    /// A codes file saved with Windows line ends: Swift reads CRLF as one
    /// Character, and the parser split on "\n" or "\r" only, so the whole
    /// file was one line and `code add` said "no backup code found".
    func testCodesFileWithCRLFLineEnds() throws {
        _ = try initVault()
        let file = try dir.write("codes.txt", "Backup codes for login.gov\r\n\r\n1. ABCD-1234\r\n2. EFGH-5678\r\n")
        let r = try cv(["code", "add", "login.gov", "--from-file", file])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Stored 2 codes as 'login.gov' (one-time codes).\nSkipped line 1 as heading or note.\n")
        let piped = try cv(["code", "add", "other"], stdin: "WXYZ-9876\r\nQRST-5432\r\n")
        XCTAssertEqual(piped.status, 0, piped.stderr)
        let codes = try cv(["code", "show", "login.gov", "--json"]).json()["codes"] as? [[String: Any]]
        XCTAssertEqual(codes?.compactMap { $0["code"] as? String }, ["ABCD-1234", "EFGH-5678"])
    }

    /// A codes file that starts with a UTF-8 byte-order mark (Windows
    /// Notepad): its first code was silently dropped ("Stored 1 code ...
    /// single backup code" for two). Identifiers with one were refused.
    func testByteOrderMarkDoesNotDropTheFirstCode() throws {
        _ = try initVault()
        let bom = Data([0xEF, 0xBB, 0xBF])
        let codes = dir.path("codes.txt")
        try (bom + Data("ABCD-1111\nEFGH-2222\n".utf8)).write(to: URL(fileURLWithPath: codes))
        let r = try cv(["code", "add", "gov", "--from-file", codes])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Stored 2 codes as 'gov' (one-time codes).\n")
        let shown = try cv(["code", "show", "gov", "--json"]).json()["codes"] as? [[String: Any]]
        XCTAssertEqual(shown?.compactMap { $0["code"] as? String }, ["ABCD-1111", "EFGH-2222"])
        let number = dir.path("anumber.txt")
        try (bom + Data("A012345678\n".utf8)).write(to: URL(fileURLWithPath: number))
        let id = try cv(["id", "add", "a-number", "--from-file", number])
        XCTAssertEqual(id.status, 0, id.stderr)
    }

    /// A directory given as the passphrase file is named in the error; it
    /// said "cannot read the secret: Is a directory" with the hint "try again".
    func testPassphraseFileThatIsADirectoryIsNamed() throws {
        _ = try initVault()
        let folder = dir.path("keys")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let r = try CLI.run(["status", "--vault", vault, "--passphrase-file", folder, "--no-keyring"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "error: cannot read \(folder): Is a directory\nhint: check the path and its permissions\n")
    }

    func testPassphraseFromStdinThenCodesFromTheRest() throws {
        _ = try initVault()
        let r = try CLI.run(["code", "add", "lgv", "--vault", vault, "--passphrase-file", "-", "--no-keyring"],
                            stdin: Data("correct horse battery staple\nAAAA-1111\nBBBB-2222\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try cv(["code", "list", "--json"]).stdout.contains("\"total\" : 2"), true)
    }

    func testExitCodesAndMessages() throws {
        // No vault: 3.
        let none = try cv(["code", "list"])
        XCTAssertEqual(none.status, 3)
        XCTAssertTrue(none.stderr.contains("error: no vault at \(vault)") && none.stderr.contains("hint: create one with `casevault init`"), none.stderr)
        _ = try initVault()
        // Existing vault: 8, untouched.
        XCTAssertEqual(try cv(["init", "--kdf", "interactive"]).status, 8)
        // Wrong passphrase: 4.
        let wrong = try CLI.run(["code", "list", "--vault", vault, "--passphrase-file", try dir.write("bad", "not the passphrase\n"), "--no-keyring"])
        XCTAssertEqual(wrong.status, 4)
        XCTAssertEqual(wrong.stderr, "error: wrong passphrase\nhint: try again; if it is lost, set a new one with `casevault recover` and your recovery key\n")
        // Not found: 5.
        XCTAssertEqual(try cv(["code", "show", "nope"]).status, 5)
        XCTAssertEqual(try cv(["id", "show", "nope"]).status, 5)
        // Invalid value: 7, with the expected format.
        let bad = try cv(["id", "add", "receipt"], stdin: "XYZ0123456789\n")
        XCTAssertEqual(bad.status, 7)
        XCTAssertTrue(bad.stderr.contains("is not a USCIS service-centre prefix") && bad.stderr.contains("hint: expected 3 letters"), bad.stderr)
        // Usage: 2.
        XCTAssertEqual(try cv(["code", "frobnicate"]).status, 2)
        XCTAssertEqual(try cv(["id", "add", "passport-number"]).status, 2)
        // Duplicate label: 8.
        try cv(["code", "add", "x"], stdin: "1234-5678\n")
        XCTAssertEqual(try cv(["code", "add", "X"], stdin: "1234-5679\n").status, 8)
        // --json errors: one JSON document on stdout too.
        let j = try cv(["code", "show", "nope", "--json"])
        let err = try XCTUnwrap(try j.json()["error"] as? [String: Any])
        XCTAssertEqual(err["exitCode"] as? Int, 5)
        // Removal without a terminal needs --yes.
        XCTAssertEqual(try cv(["code", "remove", "x"]).status, 7)
        XCTAssertEqual(try cv(["code", "list", "--json"]).stdout.contains("\"label\" : \"x\""), true)
    }

    func testNoTerminalAndNoPassphraseFileFailsClearly() throws {
        _ = try initVault()
        // setsid: no controlling terminal, as in cron or CI.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        p.arguments = ["--wait", CLI.binary.path, "code", "list", "--vault", vault, "--no-keyring"]
        let err = Pipe()
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 4)
        XCTAssertTrue(text.contains("error: no passphrase") && text.contains("--passphrase-file"), text)
    }

    func testTamperedRecordIsIntegrityFailureNamingIt() throws {
        _ = try initVault()
        try cv(["code", "add", "uscis"], stdin: "ABCD-1234\n")
        let id = try XCTUnwrap((try cv(["code", "list", "--json"]).json()["entries"] as? [[String: Any]])?.first?["id"] as? String)
        try python("""
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            ct = bytearray(c.execute("SELECT ciphertext FROM code_entry").fetchone()[0])
            ct[10] ^= 1
            c.execute("UPDATE code_entry SET ciphertext = ?", (bytes(ct),))
            c.commit()
            """, vault + "/vault.db")
        let r = try cv(["code", "show", "uscis"])
        XCTAssertEqual(r.status, 6)
        XCTAssertTrue(r.stderr.contains("error: integrity failure in code_entry/\(id)"), r.stderr)
        XCTAssertFalse(r.stderr.contains("passphrase"), r.stderr)
    }

    func testPasswdAndRecover() throws {
        let recovery = try initVault()
        try cv(["code", "add", "uscis"], stdin: "ABCD-1234\n")
        let newPass = try dir.write("new", "a second good passphrase\n")
        XCTAssertEqual(try cv(["passwd", "--new-passphrase-file", newPass]).status, 0)
        XCTAssertEqual(try cv(["code", "list"]).status, 4)
        let third = try dir.write("third", "a third good passphrase\n")
        // A typo in the recovery key is caught by its checksum (exit 4, says mistyped).
        var typo = Array(recovery)
        typo[0] = typo[0] == "Q" ? "R" : "Q"
        let typoFile = try dir.write("typo", String(typo) + "\n")
        let t = try cv(["recover", "--recovery-key-file", typoFile, "--new-passphrase-file", third])
        XCTAssertEqual(t.status, 4)
        XCTAssertTrue(t.stderr.contains("mistyped"), t.stderr)
        let rk = try dir.write("rk", recovery.lowercased().replacingOccurrences(of: "-", with: " ") + "\n")
        XCTAssertEqual(try cv(["recover", "--recovery-key-file", rk, "--new-passphrase-file", third]).status, 0)
        let r = try CLI.run(["code", "show", "uscis", "--vault", vault, "--passphrase-file", third, "--no-keyring"])
        XCTAssertEqual(r.stdout, "uscis\n  ABCD-1234\n")
    }

    func testFilesStayOwnerOnlyUnderPermissiveUmask() throws {
        // The parent's umask is inherited; casevault must not depend on it.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", CLI.binary.path, "init", "--kdf", "interactive",
                       "--vault", vault, "--passphrase-file", pass, "--no-keyring"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: vault)[.posixPermissions] as? Int, 0o700)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: vault + "/vault.db")[.posixPermissions] as? Int, 0o600)
    }

    func python(_ script: String, _ args: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script] + args
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
    }
}
