import Foundation
import XCTest

/// Secrets hygiene across a whole session: no secret in any vault file, in the
/// temporary directory, or in the output of a command that does not reveal it.
final class HygieneCLITests: XCTestCase {
    func testFullSessionLeaksNoSecret() throws {
        let dir = try TempDir()
        let tmp = dir.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let vault = dir.path("vault")
        let passphrase = "hygiene passphrase 7f3a"
        let newPassphrase = "hygiene passphrase two 9c1e"
        let pass = try dir.write("pass", passphrase + "\n")
        let pass2 = try dir.write("pass2", newPassphrase + "\n")
        let codes = ["HYG1-7Q2W-ZX9P", "HYG2-3K8L-MN4B", "HYG3-5T6Y-UU1I"]
        let values = ["A087651234", "EAC2187654321", "987612345678"]
        let docMarker = "HYGIENE-DOC-CONTENT-" + UUID().uuidString
        let docPath = try dir.write("scan.txt", String(repeating: docMarker + "\n", count: 2000))
        var current = pass

        var revealed = Set<String>()   // outputs allowed to contain a secret
        var transcripts: [(String, CLIResult)] = []
        func cv(_ args: [String], stdin: String? = nil, reveals: Bool = false) throws -> CLIResult {
            let r = try CLI.run(args + ["--vault", vault, "--passphrase-file", current, "--no-keyring"],
                                stdin: stdin.map { Data($0.utf8) }, env: ["TMPDIR": tmp])
            XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)")
            if !reveals { transcripts.append((args.joined(separator: " "), r)) } else { revealed.insert(args.joined(separator: " ")) }
            return r
        }
        let initOut = try cv(["init", "--kdf", "interactive", "--json"], reveals: true)
        let recoveryKey = try XCTUnwrap(try initOut.json()["recoveryKey"] as? String)
        _ = try cv(["code", "add", "gov", "--account", "someone@example.org"], stdin: codes.joined(separator: "\n"))
        _ = try cv(["id", "add", "a-number"], stdin: values[0])
        _ = try cv(["id", "add", "receipt"], stdin: values[1])
        _ = try cv(["id", "add", "account-number"], stdin: values[2])
        _ = try cv(["doc", "add", docPath, "--type", "passport", "--expires", "2030-01-01"])
        for args in [["code", "list"], ["code", "list", "--json"], ["id", "list"], ["id", "list", "--json"], ["doc", "list"],
                     ["doc", "list", "--json"], ["status"], ["status", "--json"], ["check"], ["check", "--json"], ["doc", "verify"]] {
            _ = try cv(args)
        }
        _ = try cv(["code", "use", "gov"], reveals: true)
        _ = try cv(["code", "show", "gov"], reveals: true)
        _ = try cv(["id", "show", "a-number"], reveals: true)
        _ = try cv(["doc", "get", "scan.txt", "-o", dir.path("out.txt")])
        _ = try cv(["passwd", "--new-passphrase-file", pass2])
        current = pass2
        let rk = try dir.write("rk", recoveryKey + "\n")
        _ = try cv(["recover", "--recovery-key-file", rk, "--new-passphrase-file", pass])
        current = pass
        _ = try cv(["code", "replace", "gov"], stdin: "HYG4-NEWC-ODE1\n")
        _ = try cv(["status"])

        let secrets = codes + values + ["HYG4-NEWC-ODE1", passphrase, newPassphrase, recoveryKey, docMarker]
        // Account names are listed by `code list` (that is their use) but are never stored in plaintext.
        let stored = secrets + ["someone@example.org"]
        // 1. No vault file holds a secret in plaintext (database, WAL, journal, documents).
        let fm = FileManager.default
        let files = (fm.enumerator(atPath: vault)?.allObjects as? [String] ?? []).map { vault + "/" + $0 }
        XCTAssertGreaterThanOrEqual(files.count, 3)
        for path in files where !isDirectory(path) {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            for s in stored { XCTAssertNil(data.range(of: Data(s.utf8)), "a secret is in \(path)") }
        }
        // 2. Nothing was left in the temporary directory.
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: tmp), [], "casevault left files in TMPDIR")
        // 3. Commands that do not reveal secrets printed none (stdout and stderr).
        for (name, r) in transcripts {
            for s in secrets {
                XCTAssertFalse(r.stdout.contains(s) || r.stderr.contains(s), "`\(name)` printed a secret")
            }
        }
        XCTAssertEqual(revealed.count, 4)
    }

    func testRunningProcessHasCoreDumpsOff() throws {
        let dir = try TempDir()
        let p = Process()
        p.executableURL = CLI.binary
        // Waits for a passphrase on stdin: a process that would hold secrets.
        p.arguments = ["status", "--vault", dir.path("v"), "--passphrase-file", "-", "--no-keyring"]
        try FileManager.default.createDirectory(atPath: dir.path("v"), withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: dir.path("v") + "/vault.db", contents: nil))
        let input = Pipe()
        p.standardInput = input
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        defer { try? input.fileHandleForWriting.close(); p.waitUntilExit() }
        var limits = ""
        for _ in 0..<50 {
            limits = (try? String(contentsOfFile: "/proc/\(p.processIdentifier)/limits", encoding: .utf8)) ?? ""
            if limits.contains("Max core file size") && limits.range(of: #"Max core file size\s+0\s+0"#, options: .regularExpression) != nil { break }
            usleep(20_000)
        }
        XCTAssertNotNil(limits.range(of: #"Max core file size\s+0\s+0"#, options: .regularExpression), limits)
    }

    func isDirectory(_ p: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: p, isDirectory: &d) && d.boolValue
    }

    /// Text that reaches the terminal cannot steer it: an escape sequence or
    /// a bidi override in something the user typed (or a client's name from
    /// a share) is written out as `\u{…}`, on stdout and stderr alike, while
    /// joiners in Persian or Indic text pass unchanged.
    func testTerminalControlsInOutputAreWrittenOut() throws {
        let dir = try TempDir()
        let vault = dir.path("vault")
        let pass = try dir.write("pass", "terminal passphrase 4d2c\n")
        let base = ["--vault", vault, "--passphrase-file", pass, "--no-keyring"]
        XCTAssertEqual(try CLI.run(["init", "--kdf", "interactive"] + base).status, 0)
        let hostile = "x\u{1B}]0;owned\u{07}\u{1B}[2J\u{202E}y"
        let r = try CLI.run(["doc", "get", hostile] + base)
        XCTAssertEqual(r.status, 5, r.stderr)
        XCTAssertTrue(r.stderr.contains("x\\u{1B}]0;owned\\u{7}\\u{1B}[2J\\u{202E}y"), r.stderr)
        for scalar in r.stderr.unicodeScalars + r.stdout.unicodeScalars {
            XCTAssertFalse(scalar.value == 0x1B || scalar.value == 0x07 || scalar.value == 0x202E, "raw U+\(String(scalar.value, radix: 16)) reached the terminal")
        }
        let persian = "\u{0645}\u{06CC}\u{200C}\u{0646}\u{0627}"
        let p = try CLI.run(["doc", "get", persian] + base)
        XCTAssertTrue(p.stderr.contains(persian), p.stderr)
    }
}
