import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Concurrency, busy, full-disk and read-only behaviour of the real binary.
final class FaultCLITests: CLITestCase {
    func args(_ a: [String], vault: String) -> [String] { a + vaultFlags(vault) }

    func makeVault(_ path: String) throws {
        let r = try CLI.run(args(["init", "--kdf", "interactive"], vault: path))
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// Runs several casevault processes at once; returns their results in start order.
    func concurrently(_ runs: [([String], String?)]) -> [CLIResult] {
        let results = UnsafeResults(count: runs.count)
        DispatchQueue.concurrentPerform(iterations: runs.count) { i in
            results.set(i, try? CLI.run(runs[i].0, stdin: runs[i].1.map { Data($0.utf8) }))
        }
        return results.all()
    }

    func testConcurrentUsesNeverHandOutACodeTwice() throws {
        let vault = dir.path("v")
        try makeVault(vault)
        let codes = (1...4).map { "CODE-000\($0)" }
        XCTAssertEqual(try CLI.run(args(["code", "add", "gov"], vault: vault), stdin: Data(codes.joined(separator: "\n").utf8)).status, 0)
        let results = concurrently(Array(repeating: (args(["code", "use", "gov"], vault: vault), nil), count: 7))
        XCTAssertEqual(results.count, 7)
        let ok = results.filter { $0.status == 0 }
        XCTAssertEqual(ok.count, 4, results.map(\.stderr).joined())
        XCTAssertEqual(Set(ok.map { $0.stdout.trimmingCharacters(in: .whitespacesAndNewlines) }), Set(codes))
        for r in results where r.status != 0 {
            XCTAssertEqual(r.status, 5, r.stderr)
            XCTAssertFalse(r.stderr.contains("database is locked"), r.stderr)
        }
        XCTAssertEqual(try CLI.run(args(["check"], vault: vault)).status, 0)
    }

    /// Several `init` at once on one directory: exactly one creates the vault,
    /// every other says a vault already exists (exit 8), never a raw SQLite
    /// error; the vault left behind opens with the winner's recovery key.
    /// (Before the fix, losers printed "SQLite error 19" or "SQLite error 1",
    /// exit 1, in most rounds.)
    func testConcurrentInitsExactlyOneSucceedsTheOthersSayItExists() throws {
        for round in 0..<4 {
            let vault = dir.path("race\(round)")
            let results = concurrently(Array(repeating: (args(["init", "--kdf", "interactive", "--json"], vault: vault), nil), count: 8))
            XCTAssertEqual(results.count, 8)
            let winners = results.filter { $0.status == 0 }
            XCTAssertEqual(winners.count, 1, "round \(round): " + results.map { "\($0.status) \($0.stderr)" }.joined(separator: " | "))
            for r in results where r.status != 0 {
                XCTAssertEqual(r.status, 8, "round \(round): \(r.stderr)")
                XCTAssertTrue(r.stderr.hasPrefix("error: ") && r.stderr.contains("already") && r.stderr.contains("hint: "), r.stderr)
                XCTAssertFalse(r.stderr.contains("SQLite"), r.stderr)
            }
            guard let winner = winners.first else { continue }
            let rk = try dir.write("rk\(round)", (try XCTUnwrap(try winner.json()["recoveryKey"] as? String)) + "\n")
            let np = try dir.write("np\(round)", "another good passphrase\n")
            let recover = try CLI.run(["recover", "--vault", vault, "--recovery-key-file", rk, "--new-passphrase-file", np, "--no-keyring"])
            XCTAssertEqual(recover.status, 0, recover.stderr)
            XCTAssertEqual(try CLI.run(["check", "--vault", vault, "--passphrase-file", np, "--no-keyring"]).status, 0)
        }
    }

    func testAddsWhileListingAllSucceed() throws {
        let vault = dir.path("v")
        try makeVault(vault)
        var runs: [([String], String?)] = []
        for i in 0..<4 {
            runs.append((args(["code", "add", "site\(i)"], vault: vault), "AAAA-\(i)111\nBBBB-\(i)222\n"))
            runs.append((args(["code", "list", "--json"], vault: vault), nil))
        }
        for r in concurrently(runs) { XCTAssertEqual(r.status, 0, r.stderr) }
        let list = try CLI.run(args(["code", "list", "--json"], vault: vault))
        XCTAssertEqual((try list.json()["entries"] as? [Any])?.count, 4)
    }

    func testBusyVaultWaitsThenSaysSo() throws {
        let vault = dir.path("v")
        try makeVault(vault)
        XCTAssertEqual(try CLI.run(args(["code", "add", "gov"], vault: vault), stdin: Data("1111-2222\n".utf8)).status, 0)
        // Another process holds the write lock for 13 s (longer than the 10 s bound).
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN IMMEDIATE"); print("locked", flush=True); time.sleep(13); c.execute("ROLLBACK")
            """, vault + "/vault.db"]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData  // "locked"
        let start = Date()
        let r = try CLI.run(args(["code", "use", "gov"], vault: vault))
        let waited = Date().timeIntervalSince(start)
        holder.waitUntilExit()
        XCTAssertEqual(r.status, 9, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("error: the vault is busy"), r.stderr)
        XCTAssertGreaterThanOrEqual(waited, 9.5)
        // Reads are not blocked by a writer (WAL), and the code was not consumed.
        let show = try CLI.run(args(["code", "show", "gov", "--json"], vault: vault))
        XCTAssertFalse(show.stdout.contains("usedAt"), show.stdout)
    }

    func testFullDiskLosesNothing() throws {
        let mnt = try SmallFilesystem(dir: dir, bytes: 1 << 20)
        let vault = mnt.path + "/v"
        try makeVault(vault)
        XCTAssertEqual(try CLI.run(args(["code", "add", "gov"], vault: vault), stdin: Data("1111-2222\n3333-4444\n".utf8)).status, 0)
        try mnt.fill()
        // Enough codes that the write cannot fit in what is left.
        let many = (0..<200).map { String(format: "Z%03d-%04d-QQQQ-WWWW-EEEE-RRRR-TTTT-YYYY", $0, $0) }.joined(separator: "\n")
        let r = try CLI.run(args(["code", "add", "big"], vault: vault), stdin: Data(many.utf8))
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("disk") && r.stderr.contains("hint:"), r.stderr)
        mnt.unfill()
        let list = try CLI.run(args(["code", "list", "--json"], vault: vault))
        XCTAssertEqual((try list.json()["entries"] as? [[String: Any]])?.map { $0["label"] as? String }, ["gov"])
        XCTAssertEqual(try CLI.run(args(["check"], vault: vault)).status, 0)
    }

    /// A document larger than the space left: the write thread hits ENOSPC
    /// mid-stream. The add fails with exit 1, leaves no document and no
    /// temporary file, and the vault checks clean.
    func testDocumentAddOnAFullDiskLeavesNothing() throws {
        let mnt = try SmallFilesystem(dir: dir, bytes: 6 << 20)
        let vault = mnt.path + "/v"
        try makeVault(vault)
        let scan = dir.path("scan.pdf")
        try Data((0..<(12 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 12) }).write(to: URL(fileURLWithPath: scan))
        let r = try CLI.run(args(["doc", "add", scan], vault: vault))
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("disk") && r.stderr.contains("hint:"), r.stderr)
        let list = try CLI.run(args(["doc", "list", "--json"], vault: vault))
        XCTAssertEqual((try list.json()["documents"] as? [Any])?.count, 0, list.stdout)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: vault + "/documents").filter { !$0.hasPrefix(".lock") }
        XCTAssertEqual(leftovers, [], "no ciphertext or temporary file is left")
        XCTAssertEqual(try CLI.run(args(["check"], vault: vault)).status, 0)
    }

    /// A share written to a disk that fills up mid-export: the document
    /// stream's decrypting thread is stopped, the export fails with exit 1,
    /// and no share file (partial or temporary) is left.
    func testExportToAFullDiskLeavesNoFile() throws {
        let vault = dir.path("v")
        try makeVault(vault)
        XCTAssertEqual(try CLI.run(["identity", "new", "-o", dir.path("rep.key")]).status, 0)
        let recipient = try String(contentsOfFile: dir.path("rep.key"), encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("# public key: ") }.map { String($0.dropFirst(14)) } ?? ""
        XCTAssertEqual(try CLI.run(args(["rep", "add", "Jane Doe", recipient], vault: vault)).status, 0)
        let scan = dir.path("scan.pdf")
        try Data((0..<(12 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 10) }).write(to: URL(fileURLWithPath: scan))
        XCTAssertEqual(try CLI.run(args(["doc", "add", scan], vault: vault)).status, 0)

        let mnt = try SmallFilesystem(dir: dir, bytes: 4 << 20)
        let r = try CLI.run(args(["export", "--to", "Jane Doe", "--all-docs", "--as", "Maria", "-o", mnt.path + "/share.age"], vault: vault))
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot write \(mnt.path)/share.age: the disk is full") && r.stderr.contains("hint:"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mnt.path), [], "no share file is left")
        // The same export to a disk with room works.
        XCTAssertEqual(try CLI.run(args(["export", "--to", "Jane Doe", "--all-docs", "-o", dir.path("share.age")], vault: vault)).status, 0)
    }

    /// Standard output that goes away (`casevault code list | head -1`, a
    /// reader that stops) ends the command quietly with 141, as for tools
    /// that die of SIGPIPE, and output that cannot be written (/dev/full)
    /// is an I/O error: no trap, no stack trace, in either case.
    /// Runs argv[2:] with a standard output whose reader is already gone,
    /// SIGPIPE at its default (argv[1] "default") or ignored; prints the
    /// return code, then the child's stderr.
    static let closedPipeScript = """
        import os, subprocess, sys
        r, w = os.pipe()
        os.close(r)
        p = subprocess.run(sys.argv[2:], stdout=w, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                           restore_signals=(sys.argv[1] == "default"))
        sys.stdout.write("%d\\n%s" % (p.returncode, p.stderr.decode()))
        """

    func testClosedOrFullStandardOutput() throws {
        let v = dir.path("v")
        try makeVault(v)
        XCTAssertEqual(try CLI.run(args(["code", "add", "gov"], vault: v), stdin: Data("AAAA-1111\nBBBB-2222\n".utf8)).status, 0)
        // The pipe's read end is closed before casevault starts, so its first
        // write fails. With SIGPIPE at its default (a terminal's shell) the
        // kernel ends the process (-13 here, 141 in the shell); with SIGPIPE
        // ignored (inherited from some service managers and runners: Python
        // ignores it, and restore_signals=False passes that on) the write
        // returns EPIPE, which casevault turns into the same 141, quietly.
        for (sigpipe, expected) in [("default", "-13"), ("ignored", "141")] {
            for command in [["code", "list"], ["code", "list", "--json"], ["status"]] {
                let r = try CLI.tool(["python3", "-c", Self.closedPipeScript, sigpipe, CLI.binary.path] + args(command, vault: v))
                let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                XCTAssertEqual(lines.first.map(String.init), expected, "\(command), SIGPIPE \(sigpipe): \(r.stdout) \(r.stderr)")
                XCTAssertEqual(lines.dropFirst().joined(), "", "\(command), SIGPIPE \(sigpipe) wrote to stderr: \(r.stdout)")
            }
        }
        let full = try CLI.tool(["sh", "-c", "\"$0\" \"$@\" > /dev/full", CLI.binary.path] + args(["code", "list"], vault: v))
        XCTAssertEqual(full.status, 1, full.stderr)
        XCTAssertTrue(full.stderr.contains("error: cannot write to standard output: No space left on device"), full.stderr)
        XCTAssertFalse(full.stderr.contains("Fatal error") || full.stderr.contains("stack trace"), full.stderr)
    }

    /// `code use` whose standard output cannot take the code (/dev/full
    /// opened as its stdout, or a pipe whose reader is gone) fails and leaves
    /// the code unused: the next `code use` hands out the same code. (Before,
    /// the code was marked used, then the write failed: a one-time code lost
    /// unseen.)
    func testCodeUseThatCannotWriteTheCodeLeavesItUnused() throws {
        let v = dir.path("v")
        try makeVault(v)
        XCTAssertEqual(try CLI.run(args(["code", "add", "gov"], vault: v), stdin: Data("AAAA-1111\nBBBB-2222\nCCCC-3333\n".utf8)).status, 0)
        XCTAssertEqual(try CLI.run(args(["code", "add", "uscis"], vault: v), stdin: Data("USCI-SCOD-E123\n".utf8)).status, 0)
        for label in ["gov", "uscis"] {
            for extra in [[], ["--json"]] {
                let r = try runWithStdout("/dev/full", args(["code", "use", label] + extra, vault: v))
                XCTAssertEqual(r.status, 1, "\(label) \(extra): \(r.stderr)")
                XCTAssertEqual(r.stderr, "error: cannot write to standard output: No space left on device; the code was not marked used\n"
                               + "hint: check where the output is redirected (a full disk?), then run the command again\n")
            }
            // A reader that has gone: quiet 141 (SIGPIPE ignored) or killed by SIGPIPE; either way nothing marked.
            for (sigpipe, expected) in [("default", "-13"), ("ignored", "141")] {
                let r = try CLI.tool(["python3", "-c", Self.closedPipeScript, sigpipe, CLI.binary.path] + args(["code", "use", label], vault: v))
                XCTAssertEqual(r.stdout, expected + "\n", "\(label), SIGPIPE \(sigpipe): \(r.stderr)")
            }
            let show = try CLI.run(args(["code", "show", label, "--json"], vault: v))
            XCTAssertEqual(show.status, 0, show.stderr)
            XCTAssertFalse(show.stdout.contains("usedAt"), "\(label): a code was marked used although it was never written out")
        }
        let next = try CLI.run(args(["code", "use", "gov"], vault: v))
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(next.stdout, "AAAA-1111\n")
        let json = try CLI.run(args(["code", "use", "gov", "--json"], vault: v))
        XCTAssertEqual(try json.json()["code"] as? String, "BBBB-2222")
        XCTAssertEqual(try CLI.run(args(["check"], vault: v)).status, 0)
    }

    /// Runs casevault with `path` opened for writing as its standard output.
    func runWithStdout(_ path: String, _ arguments: [String]) throws -> CLIResult {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = arguments
        p.standardOutput = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        p.standardInput = FileHandle.nullDevice
        let err = Pipe()
        p.standardError = err
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLIResult(status: p.terminationStatus, stdout: "", stderr: String(decoding: data, as: UTF8.self), stdoutData: Data())
    }

    func testReadOnlyVaultSaysSoAndLosesNothing() throws {
        let mnt = try SmallFilesystem(dir: dir, bytes: 4 << 20)
        let vault = mnt.path + "/v"
        try makeVault(vault)
        XCTAssertEqual(try CLI.run(args(["code", "add", "gov"], vault: vault), stdin: Data("1111-2222\n3333-4444\n".utf8)).status, 0)
        try mnt.setReadOnly(true)
        let r = try CLI.run(args(["code", "use", "gov"], vault: vault))
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("read-only") || r.stderr.contains("cannot"), r.stderr)
        XCTAssertFalse(r.stdout.contains("1111-2222"), "a code was printed although it could not be marked used")
        try mnt.setReadOnly(false)
        let show = try CLI.run(args(["code", "show", "gov", "--json"], vault: vault))
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertFalse(show.stdout.contains("usedAt"), show.stdout)
        XCTAssertEqual(try CLI.run(args(["check"], vault: vault)).status, 0)
    }
}

/// A real small filesystem: a tmpfs mounted for the test (the test command runs as root,
/// as CI does). Unmounted at deinit.
final class SmallFilesystem {
    let path: String
    private var filler: String { path + "/filler" }

    init(dir: TempDir, bytes: Int) throws {
        path = dir.path("mnt")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard geteuid() == 0 else {
            throw NeedsRootError("mounting a tmpfs needs root; `make test` runs as root in CI")
        }
        try Self.sh("mount", "-t", "tmpfs", "-o", "size=\(bytes),mode=0700", "tmpfs", path)
    }

    func fill() throws {
        // Write until ENOSPC.
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(fd) }
        var block = [UInt8](repeating: 0x5a, count: 4096)
        while block.withUnsafeMutableBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
    }

    func unfill() { unlink(filler) }

    func setReadOnly(_ ro: Bool) throws {
        try Self.sh("mount", "-o", "remount,\(ro ? "ro" : "rw")", path)
    }

    deinit { try? Self.sh("umount", "-l", path) }

    static func sh(_ args: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw NSError(domain: "SmallFilesystem", code: Int(p.terminationStatus), userInfo: [NSLocalizedDescriptionKey: args.joined(separator: " ")])
        }
    }
}

struct NeedsRootError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Results written from concurrentPerform; each index is written once.
final class UnsafeResults: @unchecked Sendable {
    private var items: [CLIResult?]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: CLIResult?) { lock.lock(); items[i] = r; lock.unlock() }
    func all() -> [CLIResult] { items.compactMap { $0 } }
}

final class CheckCLITests: XCTestCase {
    func testCheckListsEachDamagedRecordAndExits6() throws {
        let dir = try TempDir()
        let pass = try dir.write("pass", "correct horse battery staple\n")
        let vault = dir.path("v")
        func cv(_ a: [String], _ stdin: String? = nil) throws -> CLIResult {
            try CLI.run(a + ["--vault", vault, "--passphrase-file", pass, "--no-keyring"], stdin: stdin.map { Data($0.utf8) })
        }
        XCTAssertEqual(try cv(["init", "--kdf", "interactive"]).status, 0)
        XCTAssertEqual(try cv(["code", "add", "a"], "1111-1111\n").status, 0)
        XCTAssertEqual(try cv(["code", "add", "b"], "2222-2222\n").status, 0)
        let clean = try cv(["check"])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertTrue(clean.stdout.contains("Everything checks."), clean.stdout)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE code_entry SET nonce = zeroblob(24)'); c.commit()", vault + "/vault.db"]
        try p.run(); p.waitUntilExit()
        let bad = try cv(["check", "--json"])
        XCTAssertEqual(bad.status, 6, bad.stderr)
        let problems = try XCTUnwrap(try bad.json()["problems"] as? [[String: Any]])
        XCTAssertEqual(problems.count, 2)
        XCTAssertTrue(problems.allSatisfy { ($0["record"] as? String)?.hasPrefix("code_entry/") == true })
        XCTAssertTrue(bad.stderr.hasPrefix("error: integrity check failed: 2 problems"), bad.stderr)
    }
}
