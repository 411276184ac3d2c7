import Foundation
import XCTest

/// The first hour on a real pseudo-terminal: `casevault` alone, and the `init`
/// walkthrough (passphrase with echo off, the recovery key's last group typed
/// back, keyring, first backup code); and that scripts stay non-interactive.
final class FirstRunCLITests: XCTestCase {
    var dir: TempDir!
    var vault: String { dir.path("vault") }
    let passphrase = "correct horse battery staple"
    let backupCode = "ABCD-9876-ZYXW"
    /// The recovery key line of the walkthrough; group 1 is its last group.
    let lastGroup = #"\n    (?:[0-9A-Z]{4}-){8}([0-9A-Z]{4})\n"#

    override func setUpWithError() throws {
        dir = try TempDir()
    }

    func passFile() throws -> String { try dir.write("pass", passphrase + "\n") }

    func assertNoSecrets(_ r: PTYResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(r.transcript.contains(passphrase), "the passphrase was echoed", file: file, line: line)
        XCTAssertFalse(r.transcript.contains(backupCode), "the backup code was echoed", file: file, line: line)
    }

    func testInitWalkthroughOnATerminal() throws {
        let r = try PTY.run(["init", "--kdf", "interactive", "--vault", vault], steps: [
            PTYStep("Passphrase: ", echo: .off, send: "short\n"),
            PTYStep("Let's try again.", echo: nil),
            PTYStep("Passphrase: ", echo: .off, send: passphrase + "\n"),
            PTYStep("Type it again: ", echo: .off, send: passphrase + "\n"),
            PTYStep("after the last dash): ", echo: .on, send: "QQQQ\n"),
            PTYStep("after the last dash): ", echo: .on, send: "\n", sendMatch: lastGroup, lower: true),
            PTYStep("Use the keyring? [Y/n] ", echo: .on, send: "n\n"),
            PTYStep("USCIS backup code: ", echo: .off, send: backupCode + "\n"),
        ])
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.status, 0, r.transcript)
        assertNoSecrets(r)
        for text in ["Step 1 of 4: passphrase", "passphrase refused: it is shorter than 10 characters. Let's try again.", "Step 2 of 4: recovery key",
                     "That does not match \"QQQQ\".", "That matches. Keep the paper safe.",
                     "Skipped. Later: casevault keyring enable",
                     "Stored your USCIS backup code as 'uscis'.", "Done. Your vault is ready."] {
            XCTAssertTrue(r.transcript.contains(text), "missing: \(text)\n\(r.transcript)")
        }
        // The vault works non-interactively with what was typed.
        let show = try CLI.run(["code", "show", "uscis", "--json", "--vault", vault, "--passphrase-file", try passFile(), "--no-keyring"])
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertEqual((try show.json()["codes"] as? [[String: Any]])?.first?["code"] as? String, backupCode)
        let status = try CLI.run(["status", "--json", "--vault", vault, "--passphrase-file", try passFile(), "--no-keyring"])
        XCTAssertEqual(try status.json()["unlock"] as? [String], ["passphrase", "recovery"])
    }

    /// Needs the session keyring of `make test` (scripts/with-keyring.sh).
    func testWalkthroughEnablesTheKeyringAndSkipsTheCode() throws {
        let r = try PTY.run(["init", "--kdf", "interactive", "--vault", vault], steps: [
            PTYStep("Passphrase: ", echo: .off, send: passphrase + "\n"),
            PTYStep("Type it again: ", echo: .off, send: passphrase + "\n"),
            PTYStep("after the last dash): ", echo: .on, send: "\n", sendMatch: lastGroup),
            PTYStep("Use the keyring? [Y/n] ", echo: .on, send: "\n"),
            PTYStep("USCIS backup code: ", echo: .off, send: "\n"),
        ])
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.status, 0, r.transcript)
        XCTAssertTrue(r.transcript.contains("Keyring unlock is on"), r.transcript)
        XCTAssertTrue(r.transcript.contains("Skipped. Later: casevault code add uscis"), r.transcript)
        // Opens without any passphrase now.
        let status = try CLI.run(["status", "--json", "--vault", vault])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertEqual(try status.json()["unlock"] as? [String], ["passphrase", "recovery", "keyring"])
        XCTAssertEqual(try CLI.run(["keyring", "disable", "--vault", vault]).status, 0)
    }

    func testRecoveryKeyNotConfirmedRemovesTheEmptyVault() throws {
        let r = try PTY.run(["init", "--kdf", "interactive", "--vault", vault], steps: [
            PTYStep("Passphrase: ", echo: .off, send: passphrase + "\n"),
            PTYStep("Type it again: ", echo: .off, send: passphrase + "\n"),
            PTYStep("after the last dash): ", echo: .on, send: "AAAA\n"),
            PTYStep("after the last dash): ", echo: .on, send: "BBBB\n"),
            PTYStep("after the last dash): ", echo: .on, send: "\n"),
        ])
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.status, 7, r.transcript)
        XCTAssertTrue(r.transcript.contains("error: invalid recovery key: its last group was typed wrong 3 times; the new, empty vault was removed"),
                      r.transcript)
        XCTAssertFalse(FileManager.default.fileExists(atPath: vault), "the unconfirmed vault was left behind")

        // A directory the user made beforehand stays (empty), only the vault's files go.
        try FileManager.default.createDirectory(atPath: vault, withIntermediateDirectories: false)
        let again = try PTY.run(["init", "--kdf", "interactive", "--vault", vault, "--no-keyring"], steps: [
            PTYStep("Passphrase: ", echo: .off, send: passphrase + "\n"),
            PTYStep("Type it again: ", echo: .off, send: passphrase + "\n"),
            PTYStep("after the last dash): ", echo: .on, send: "\n"),
            PTYStep("after the last dash): ", echo: .on, send: "\n"),
            PTYStep("after the last dash): ", echo: .on, send: "\n"),
        ])
        XCTAssertEqual(again.status, 7, again.transcript)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: vault), [])
    }

    func testMismatchedPassphraseAsksAgain() throws {
        let r = try PTY.run(["init", "--kdf", "interactive", "--vault", vault, "--no-keyring"], steps: [
            PTYStep("Passphrase: ", echo: .off, send: passphrase + "\n"),
            PTYStep("Type it again: ", echo: .off, send: passphrase + "!\n"),
            PTYStep("the two entries differ", echo: nil),
            PTYStep("Passphrase: ", echo: .off, send: passphrase + "\n"),
            PTYStep("Type it again: ", echo: .off, send: passphrase + "\n"),
            PTYStep("after the last dash): ", echo: .on, send: "\n", sendMatch: lastGroup),
            PTYStep("Skipped (--no-keyring)", echo: nil),
            PTYStep("USCIS backup code: ", echo: .off, send: "\n"),
        ])
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.status, 0, r.transcript)
        assertNoSecrets(r)
    }

    func testNoCommandWithoutAVaultOffersInitOnATerminal() throws {
        let env = ["CASEVAULT_DIR": vault]
        var r = try PTY.run([], steps: [PTYStep("Create one now? [Y/n] ", echo: .on, send: "n\n")], env: env)
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.transcript.contains("There is no vault yet at \(vault)."), r.transcript)
        XCTAssertTrue(r.transcript.contains("Nothing was created. When you are ready: casevault init"), r.transcript)
        XCTAssertFalse(FileManager.default.fileExists(atPath: vault))

        r = try PTY.run([], steps: [
            PTYStep("Create one now? [Y/n] ", echo: .on, send: "y\n"),
            PTYStep("Passphrase: ", echo: .off, send: passphrase + "\n"),
            PTYStep("Type it again: ", echo: .off, send: passphrase + "\n"),
            PTYStep("after the last dash): ", echo: .on, send: "\n", sendMatch: lastGroup),
            PTYStep("Use the keyring? [Y/n] ", echo: .on, send: "n\n"),
            PTYStep("USCIS backup code: ", echo: .off, send: backupCode + "\n"),
        ], env: env)
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.status, 0, r.transcript)
        assertNoSecrets(r)
        XCTAssertTrue(FileManager.default.fileExists(atPath: vault + "/vault.db"))
    }

    func testNoCommandWithoutATerminalExplainsAndCreatesNothing() throws {
        let r = try PTY.runWithoutTerminal([], env: ["CASEVAULT_DIR": vault])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, """
            CaseVault keeps your USCIS backup code, other sites' backup codes,
            your case numbers (A-Number, receipt numbers, card numbers) and
            scans of your documents encrypted on this computer, so that you
            have them at an airport counter or a help desk.

            There is no vault yet at \(vault).
            Create one with: casevault init

            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: vault))
    }

    func testNoCommandWithAVaultNamesTheEverydayCommands() throws {
        XCTAssertEqual(try CLI.run(["init", "--kdf", "interactive", "--json", "--vault", vault, "--passphrase-file", try passFile()]).status, 0)
        let r = try PTY.runWithoutTerminal([], env: ["CASEVAULT_DIR": vault])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.hasPrefix("CaseVault: your vault is at \(vault).\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("casevault emergency"))
    }

    /// Scripts: --passphrase-file on a terminal, and no terminal at all, stay as before.
    func testInitWithAPassphraseFileOrWithoutATerminalIsNotInteractive() throws {
        let r = try PTY.run(["init", "--kdf", "interactive", "--vault", vault, "--passphrase-file", try passFile()], steps: [])
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.status, 0, r.transcript)
        XCTAssertTrue(r.transcript.hasPrefix("Created a vault at \(vault)\n"), r.transcript)
        XCTAssertFalse(r.transcript.contains("Step 1"))

        let other = dir.path("other")
        let j = try PTY.run(["init", "--kdf", "interactive", "--vault", other, "--passphrase-file", try passFile(), "--json"], steps: [])
        XCTAssertEqual(j.status, 0, j.transcript)
        let doc = try JSONSerialization.jsonObject(with: Data(j.transcript.utf8)) as? [String: Any]
        XCTAssertNotNil(doc?["recoveryKey"] as? String)

        let none = try PTY.runWithoutTerminal(["init", "--kdf", "interactive", "--vault", dir.path("third")])
        XCTAssertEqual(none.status, 4)
        XCTAssertTrue(none.stderr.hasPrefix("error: "), none.stderr)
        XCTAssertEqual(none.stdout, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("third/vault.db")))
    }

    /// A file or a non-empty folder given as the vault: refused before the
    /// walkthrough asks anything (it asked for the passphrase twice, then said
    /// "a vault already exists"), by name, with nothing written.
    func testInitRefusesAFileOrANonEmptyDirectoryBeforeAsking() throws {
        let folder = dir.path("Documents")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let note = try dir.write("Documents/taxes.txt", "keep me")
        let message = "error: \(folder) is not a vault but a file or a directory with files in it; nothing was written\n"
            + "hint: choose a new or empty directory with --vault DIR (a new one is created)\n"
        let r = try PTY.run(["init", "--kdf", "interactive", "--vault", folder], steps: [])
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.status, 8, r.transcript)
        XCTAssertEqual(r.transcript, message)
        for path in [folder, note] {
            for args in [["init", "--kdf", "interactive"], ["restore", dir.path("backup.age")]] {
                let res = try CLI.run(args + ["--vault", path, "--passphrase-file", try passFile(), "--no-keyring"])
                XCTAssertEqual(res.status, 8, res.stderr)
                XCTAssertEqual(res.stderr, message.replacingOccurrences(of: folder, with: path))
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["taxes.txt"])
        XCTAssertEqual(try String(contentsOfFile: note, encoding: .utf8), "keep me")
    }
}
