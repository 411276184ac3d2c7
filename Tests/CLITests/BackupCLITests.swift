import Foundation
import XCTest

/// Backup and restore through the built binary.
final class BackupCLITests: XCTestCase {
    var dir: TempDir!
    var pass: String!

    override func setUpWithError() throws {
        dir = try TempDir()
        pass = try dir.write("pass", "correct horse battery staple\n")
    }

    @discardableResult
    func cv(_ vault: String, _ args: [String], stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try CLI.run(args + ["--vault", dir.path(vault), "--passphrase-file", pass, "--no-keyring"], stdin: stdin.map { Data($0.utf8) },
                    file: file, line: line)
    }

    /// A vault with codes (and history), identifiers, documents, a representative, keys, and an imported share.
    func populate() throws -> String {
        let i = try cv("v", ["init", "--kdf", "interactive", "--json"])
        XCTAssertEqual(i.status, 0, i.stderr)
        let recovery = try XCTUnwrap(try i.json()["recoveryKey"] as? String)
        XCTAssertEqual(try cv("v", ["code", "add", "USCIS"], stdin: "ABCD-1234-EF\n").status, 0)
        XCTAssertEqual(try cv("v", ["code", "replace", "USCIS"], stdin: "ZXCV-9876-QW\n").status, 0)
        XCTAssertEqual(try cv("v", ["code", "add", "login.gov"], stdin: "1111 2222\n3333 4444\n5555 6666\n").status, 0)
        XCTAssertEqual(try cv("v", ["code", "use", "login.gov"]).status, 0)
        XCTAssertEqual(try cv("v", ["id", "add", "receipt", "--note", "I-485"], stdin: "IOE0912345678\n").status, 0)
        try Data((0..<50_000).map { UInt8($0 % 253) }).write(to: URL(fileURLWithPath: dir.path("passport.jpg")))
        XCTAssertEqual(try cv("v", ["doc", "add", dir.path("passport.jpg")]).status, 0)
        let id = try cv("v", ["identity", "new", "--json"]).json()
        let recipient = try XCTUnwrap(id["recipient"] as? String)
        XCTAssertEqual(try cv("v", ["rep", "add", "Jane Doe", recipient]).status, 0)
        XCTAssertEqual(try cv("v", ["export", "--to", "Jane Doe", "--ids", "--as", "Maria Lopez", "-o", dir.path("s.age")]).status, 0)
        XCTAssertEqual(try cv("v", ["share", "import", dir.path("s.age")]).status, 0)
        return recovery
    }

    /// Commands whose answers must not change across backup and restore.
    let queries: [[String]] = [
        ["code", "list", "--json"], ["code", "show", "USCIS", "--history", "--json"], ["code", "show", "login.gov", "--json"],
        ["id", "list", "--json"], ["id", "show", "receipt", "--json"], ["doc", "list", "--json"], ["rep", "list", "--json"],
        ["identity", "show", "--json"], ["share", "list", "--json"],
    ]

    func assertSameAnswers(_ restored: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for q in queries {
            let a = try cv("v", q), b = try cv(restored, q)
            XCTAssertEqual(a.status, 0, "\(q) \(a.stderr)", file: file, line: line)
            XCTAssertEqual(a.stdout, b.stdout, q.joined(separator: " "), file: file, line: line)
            XCTAssertEqual(b.status, a.status, file: file, line: line)
        }
        let got = try cv(restored, ["doc", "get", "passport.jpg", "-o", dir.path("\(restored)-passport.jpg")])
        XCTAssertEqual(got.status, 0, got.stderr, file: file, line: line)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.path("\(restored)-passport.jpg"))),
                       try Data(contentsOf: URL(fileURLWithPath: dir.path("passport.jpg"))), file: file, line: line)
    }

    func testPassphraseBackupRestoresAVaultThatAnswersTheSame() throws {
        _ = try populate()
        let bp = try dir.write("bp", "a backup passphrase\n")
        let b = try cv("v", ["backup", "-o", dir.path("b.age"), "--backup-passphrase-file", bp])
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: dir.path("b.age"))[.posixPermissions] as? NSNumber, 0o600)
        let r = try cv("restored", ["restore", dir.path("b.age"), "--backup-passphrase-file", bp])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Restored and verified") && r.stdout.contains("1 document") && r.stdout.contains("1 imported share"), r.stdout)
        try assertSameAnswers("restored")
        // Never over an existing vault.
        let again = try cv("restored", ["restore", dir.path("b.age"), "--backup-passphrase-file", bp])
        XCTAssertEqual(again.status, 8, again.stderr)
    }

    func testRecoveryKeyBackupAndCorruptedBackups() throws {
        let recovery = try populate()
        let rk = try dir.write("rk", recovery + "\n")
        XCTAssertEqual(try cv("v", ["backup", "-o", dir.path("b.age"), "--recovery-key-file", rk]).status, 0)
        // The restored vault needs only the recovery key to be verified.
        let r = try CLI.run(["restore", dir.path("b.age"), "--vault", dir.path("rk-restored"), "--recovery-key-file", rk, "--no-keyring"])
        XCTAssertEqual(r.status, 0, r.stderr)
        try assertSameAnswers("rk-restored")

        let good = try Data(contentsOf: URL(fileURLWithPath: dir.path("b.age")))
        var flipped = good
        flipped[good.count / 2] ^= 0x01
        try flipped.write(to: URL(fileURLWithPath: dir.path("flipped.age")))
        try good.prefix(good.count - 700).write(to: URL(fileURLWithPath: dir.path("short.age")))
        for bad in ["flipped.age", "short.age"] {
            let res = try CLI.run(["restore", dir.path(bad), "--vault", dir.path("x-\(bad)"), "--recovery-key-file", rk, "--no-keyring"])
            XCTAssertEqual(res.status, 6, bad + res.stderr)
            XCTAssertTrue(res.stderr.hasPrefix("error: ") && res.stderr.contains("hint: "), res.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("x-\(bad)")))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix(".casevault") }
        XCTAssertEqual(leftovers, [])
        // A wrong recovery key is refused before anything is written.
        let wrong = try dir.write("wrong", "0000-0000-0000-0000-0000-0000-0000-0000-0000\n")
        XCTAssertNotEqual(try cv("v", ["backup", "-o", dir.path("w.age"), "--recovery-key-file", wrong]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("w.age")))
    }

    /// Age files that are not backups: a passphrase-encrypted file of plain
    /// text and a file encrypted to a recipient. The error speaks of a backup
    /// (it spoke of a share and told to ask the sender to `export` again, or
    /// to pass -i, which restore does not take), and nothing is left behind.
    func testRestoreOfAnAgeFileThatIsNotABackupSaysSo() throws {
        let bp = try dir.write("bp", "a backup passphrase\n")
        let plain = try dir.write("plain.txt", "hello\n")
        XCTAssertEqual(try CLI.run(["age", "encrypt", "--passphrase-file", bp, "-o", dir.path("p.age"), plain]).status, 0)
        let key = try CLI.run(["age", "keygen", "-o", dir.path("key.txt")])
        XCTAssertEqual(key.status, 0, key.stderr)
        let recipient = key.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try CLI.run(["age", "encrypt", "-r", recipient, "-o", dir.path("r.age"), plain]).status, 0)
        for (file, detail) in [("p.age", "the archive ends without its end marker (cut short?)"),
                               ("r.age", "it is encrypted to age recipients, not with a backup passphrase or recovery key")] {
            let r = try cv("x-\(file)", ["restore", dir.path(file), "--backup-passphrase-file", bp])
            XCTAssertEqual(r.status, 6, r.stderr)
            XCTAssertEqual(r.stderr, "error: not a valid casevault backup: \(detail)\n"
                           + "hint: use another copy of the backup; this one is damaged or is not a casevault backup\n")
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("x-\(file)")))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix(".casevault") }, [])
    }
}
