import Foundation
import XCTest

/// `casevault age ...` through the built binary, against the real `age` and
/// `age-keygen` (1.1.x, installed by `make test`).
final class AgeCLITests: XCTestCase {
    static let sizes = [0, 1, 65535, 65536, 65537, 5 * 1024 * 1024 + 3]

    override class func setUp() {
        super.setUp()
        // A command that fails early stops reading its stdin; the feeding
        // thread must get EPIPE, not kill the test process.
        signal(SIGPIPE, SIG_IGN)
    }

    // MARK: helpers

    /// Runs an external tool; returns (status, stdout, stderr).
    @discardableResult
    private func tool(_ name: String, _ args: [String], stdin: Data? = nil) throws -> (Int32, Data, String) {
        let r = try CLI.tool([name] + args, stdin: stdin)
        return (r.status, r.stdoutData, r.stderr)
    }

    /// Runs `argv` on a pseudo-terminal and types `passphrase` at every
    /// passphrase prompt (age reads passphrases from /dev/tty only). The
    /// passphrase reaches the driver on its standard input, not in argv.
    private func onTerminal(_ argv: [String], passphrase: String) throws -> Int32 {
        let driver = """
        import os, pty, select, sys, time
        pw = sys.stdin.readline().rstrip("\\n").encode()
        pid, fd = pty.fork()
        if pid == 0:
            os.execvp(sys.argv[1], sys.argv[1:])
        seen = b""
        deadline = time.time() + 120
        while time.time() < deadline:
            r, _, _ = select.select([fd], [], [], 0.5)
            if fd not in r:
                continue
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            seen += data
            while b"assphrase" in seen:
                seen = seen[seen.index(b"assphrase") + 9:]
                time.sleep(0.2)
                os.write(fd, pw + b"\\n")
        _, status = os.waitpid(pid, 0)
        sys.exit(os.waitstatus_to_exitcode(status))
        """
        let (status, _, err) = try tool("python3", ["-c", driver] + argv, stdin: Data((passphrase + "\n").utf8))
        if status != 0 { print("terminal run of \(argv[0]) failed: \(err)") }
        return status
    }

    private func pattern(_ n: Int, seed: UInt8) -> Data {
        var bytes = [UInt8](repeating: 0, count: n)
        var x = UInt32(seed) &+ 1
        for i in 0..<n { x = x &* 1_664_525 &+ 1_013_904_223; bytes[i] = UInt8(truncatingIfNeeded: x >> 24) }
        return Data(bytes)
    }

    private func write(_ dir: TempDir, _ name: String, _ data: Data) throws -> String {
        let p = dir.path(name)
        try data.write(to: URL(fileURLWithPath: p))
        return p
    }

    private func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    private func keygen(_ dir: TempDir, _ name: String) throws -> (path: String, recipient: String) {
        let path = dir.path(name)
        let r = try CLI.run(["age", "keygen", "-o", path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (path, r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    // MARK: keys

    func testKeygenWritesAPrivateIdentityFileThatAgeReads() throws {
        let dir = try TempDir()
        let (path, recipient) = try keygen(dir, "key.txt")
        XCTAssertTrue(recipient.hasPrefix("age1"), recipient)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        let text = String(decoding: try read(path), as: UTF8.self)
        XCTAssertTrue(text.contains("# public key: \(recipient)\n"))
        XCTAssertTrue(text.contains("\nAGE-SECRET-KEY-1"))
        // age-keygen -y derives the same recipient from our identity file.
        let (st, out, err) = try tool("age-keygen", ["-y", path])
        XCTAssertEqual(st, 0, err)
        XCTAssertEqual(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), recipient)
        // Never over an existing file.
        let again = try CLI.run(["age", "keygen", "-o", path])
        XCTAssertEqual(again.status, 8)
        XCTAssertTrue(again.stderr.contains("error: ") && again.stderr.contains("already exists"), again.stderr)
        XCTAssertEqual(String(decoding: try read(path), as: UTF8.self), text)
        // Without -o the identity goes to stdout and the recipient to stderr.
        let toStdout = try CLI.run(["age", "keygen"])
        XCTAssertEqual(toStdout.status, 0)
        XCTAssertTrue(toStdout.stdout.contains("AGE-SECRET-KEY-1"))
        XCTAssertTrue(toStdout.stderr.hasPrefix("Public key: age1"))
    }

    // MARK: interoperability with age

    func testFilesWeWriteDecryptWithAge() throws {
        let dir = try TempDir()
        let (key, recipient) = try keygen(dir, "key.txt")
        for size in Self.sizes {
            let plain = pattern(size, seed: 1)
            let input = try write(dir, "plain-\(size)", plain)
            for armor in [false, true] {
                let out = dir.path("enc-\(size)-\(armor).age")
                let r = try CLI.run(["age", "encrypt", "-r", recipient, "-o", out] + (armor ? ["-a"] : []) + [input])
                XCTAssertEqual(r.status, 0, r.stderr)
                let (st, dec, err) = try tool("age", ["-d", "-i", key, out])
                XCTAssertEqual(st, 0, "age -d, size \(size), armor \(armor): \(err)")
                XCTAssertTrue(dec == plain, "size \(size) armor \(armor): age decrypted different bytes")
            }
        }
    }

    func testFilesAgeWritesDecryptWithOurs() throws {
        let dir = try TempDir()
        // An identity made by age-keygen, used by casevault.
        let key = dir.path("age-key.txt")
        XCTAssertEqual(try tool("age-keygen", ["-o", key]).0, 0)
        let recipient = String(decoding: try tool("age-keygen", ["-y", key]).1, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for size in Self.sizes {
            let plain = pattern(size, seed: 2)
            let input = try write(dir, "plain-\(size)", plain)
            for armor in [false, true] {
                let enc = dir.path("age-\(size)-\(armor).age")
                let (st, _, err) = try tool("age", ["-e", "-r", recipient, "-o", enc] + (armor ? ["-a"] : []) + [input])
                XCTAssertEqual(st, 0, err)
                // From a file to stdout...
                let r = try CLI.run(["age", "decrypt", "-i", key, enc])
                XCTAssertEqual(r.status, 0, "size \(size) armor \(armor): \(r.stderr)")
                XCTAssertTrue(r.stdoutData == plain, "size \(size) armor \(armor): different plaintext")
            }
        }
        // ... and from stdin to a file.
        let plain = pattern(200_000, seed: 3)
        let input = try write(dir, "plain-stdin", plain)
        let enc = dir.path("stdin.age")
        XCTAssertEqual(try tool("age", ["-e", "-r", recipient, "-o", enc, input]).0, 0)
        let out = dir.path("stdin.out")
        let r = try CLI.run(["age", "decrypt", "-i", key, "-o", out], stdin: try read(enc))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try read(out), plain)
    }

    func testEncryptFromStdinToStdoutAndRecipientsFile() throws {
        let dir = try TempDir()
        let a = try keygen(dir, "a.txt"), b = try keygen(dir, "b.txt")
        let list = try dir.write("recipients.txt", "# two recipients\n\(a.recipient)\n\n\(b.recipient)\n")
        let plain = pattern(70_000, seed: 4)
        let r = try CLI.run(["age", "encrypt", "-R", list, "-a"], stdin: plain)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("-----BEGIN AGE ENCRYPTED FILE-----\n"))
        let enc = try write(dir, "both.age", r.stdoutData)
        for key in [a.path, b.path] {
            let (st, dec, err) = try tool("age", ["-d", "-i", key, enc])
            XCTAssertEqual(st, 0, err)
            XCTAssertTrue(dec == plain)
        }
    }

    func testPassphraseFilesBothWays() throws {
        let dir = try TempDir()
        let passphrase = "interop test passphrase"
        let pf = try dir.write("pass.txt", passphrase + "\n")
        let plain = pattern(100_000, seed: 5)
        let input = try write(dir, "plain", plain)

        // Ours -> age -d (passphrase typed on a pseudo-terminal).
        let ours = dir.path("ours.age")
        let e = try CLI.run(["age", "encrypt", "--passphrase-file", pf, "-o", ours, input])
        XCTAssertEqual(e.status, 0, e.stderr)
        XCTAssertTrue(String(decoding: try read(ours).prefix(60), as: UTF8.self).contains("\n-> scrypt "))
        let fromOurs = dir.path("from-ours")
        XCTAssertEqual(try onTerminal(["age", "-d", "-o", fromOurs, ours], passphrase: passphrase), 0)
        XCTAssertEqual(try read(fromOurs), plain)

        // age -p -> ours.
        let theirs = dir.path("theirs.age")
        XCTAssertEqual(try onTerminal(["age", "-p", "-o", theirs, input], passphrase: passphrase), 0)
        let d = try CLI.run(["age", "decrypt", "--passphrase-file", pf, theirs])
        XCTAssertEqual(d.status, 0, d.stderr)
        XCTAssertTrue(d.stdoutData == plain)

        // Our own prompt (-p asks twice on the terminal) -> ours.
        let prompted = dir.path("prompted.age")
        XCTAssertEqual(try onTerminal([CLI.binary.path, "age", "encrypt", "-p", "-o", prompted, input], passphrase: passphrase), 0)
        let d2 = try CLI.run(["age", "decrypt", "--passphrase-file", pf, prompted])
        XCTAssertEqual(d2.status, 0, d2.stderr)
        XCTAssertTrue(d2.stdoutData == plain)

        // Wrong passphrase: exit 4, nothing written.
        let wrong = try dir.write("wrong.txt", "not it\n")
        let out = dir.path("never")
        let w = try CLI.run(["age", "decrypt", "--passphrase-file", wrong, "-o", out, theirs])
        XCTAssertEqual(w.status, 4)
        XCTAssertTrue(w.stderr.contains("error: incorrect passphrase"), w.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    // MARK: failures

    func testFailuresHaveClearErrorsAndExitCodes() throws {
        let dir = try TempDir()
        let (key, recipient) = try keygen(dir, "key.txt")
        let (other, _) = try keygen(dir, "other.txt")
        let plain = pattern(3 * 65536 + 10, seed: 6)
        let input = try write(dir, "plain", plain)
        let enc = dir.path("f.age")
        XCTAssertEqual(try CLI.run(["age", "encrypt", "-r", recipient, "-o", enc, input]).status, 0)
        let file = try read(enc)

        let secretLine = String(decoding: try read(key), as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("AGE-SECRET-KEY-1") }!
        func expect(_ args: [String], stdin: Data? = nil, status: Int32, _ text: String, line: UInt = #line) throws {
            let r = try CLI.run(args, stdin: stdin)
            XCTAssertEqual(r.status, status, r.stderr, line: line)
            XCTAssertTrue(r.stderr.contains("error: ") && r.stderr.contains(text), r.stderr, line: line)
            XCTAssertTrue(r.stderr.contains("hint: "), r.stderr, line: line)
            XCTAssertFalse(r.stderr.contains(secretLine.dropFirst(16).prefix(20)), "an error text showed a secret key", line: line)
        }
        let out = dir.path("out")
        // Wrong key.
        try expect(["age", "decrypt", "-i", other, "-o", out, enc], status: 4, "no identity matched")
        // Tampered in the third chunk: integrity failure, and -o leaves nothing behind.
        var tampered = file
        tampered[tampered.count - 20] ^= 1
        let bad = try write(dir, "bad.age", tampered)
        try expect(["age", "decrypt", "-i", key, "-o", out, bad], status: 6, "failed authentication")
        // Truncated at a chunk boundary and extended after the end.
        let cut = try write(dir, "cut.age", file.prefix(file.count - (10 + 16)))
        try expect(["age", "decrypt", "-i", key, "-o", out, cut], status: 6, "truncated")
        let longer = try write(dir, "long.age", file + Data([0]))
        try expect(["age", "decrypt", "-i", key, "-o", out, longer], status: 6, "failed authentication")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no partial plaintext")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix(".out") }, [])
        // Header changed: MAC failure.
        var header = file
        let arrow = header.firstRange(of: Data("-> X25519 ".utf8))!
        header.insert(contentsOf: Data("-> extra\n\n".utf8), at: arrow.lowerBound)
        try expect(["age", "decrypt", "-i", key, "-"], stdin: header, status: 6, "MAC")
        try expect(["age", "decrypt", "-i", key], stdin: Data("not an age file\n".utf8), status: 6, "not an age file")
        // Invalid input, usage and I/O.
        try expect(["age", "encrypt", "-r", "age1notarecipient", input], status: 7, "invalid recipient")
        try expect(["age", "encrypt", input], status: 2, "nothing to encrypt to")
        let pf = try dir.write("p", "pass phrase\n")
        try expect(["age", "encrypt", "-r", recipient, "--passphrase-file", pf, input], status: 2, "cannot be combined")
        try expect(["age", "encrypt", "-r", recipient, "-o", out, dir.path("missing")], status: 1, "cannot open")
        try expect(["age", "decrypt", "-i", input, enc], status: 7, "invalid identity")
        // A recipients file holding a secret key is refused without echoing it.
        try expect(["age", "encrypt", "-R", key, input], status: 7, "is an identity")
    }

    /// -o naming a device or FIFO: refused before anything is written, the
    /// special file left as it was (renaming over it replaced /dev/null with
    /// a file of plaintext when run as root, and failed with "permission
    /// denied" otherwise).
    func testOutputThatIsADeviceOrFIFOIsRefusedAndLeftAlone() throws {
        let dir = try TempDir()
        let (key, recipient, input, enc) = try encryptedSample(dir, size: 1000, seed: 7)
        // A FIFO and a symlink to it stand in for /dev/null and /dev/stdout:
        // a regression run as root must not replace the real /dev/null.
        let fifo = dir.path("fifo"), link = dir.path("stdout")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fifo)
        for (args, out) in [(["age", "encrypt", "-r", recipient, "-o", fifo, input], fifo),
                            (["age", "decrypt", "-i", key, "-o", fifo, enc], fifo),
                            (["age", "decrypt", "-i", key, "-o", link, enc], link)] {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 7, r.stderr)
            XCTAssertEqual(r.stderr, "error: \(out) is not a regular file (a device, FIFO or socket); nothing was written\n"
                           + "hint: leave out -o (or pass -o -) and redirect standard output\n")
            XCTAssertEqual(r.stdout, "")
        }
        try assertNotReplaced([(fifo, S_IFIFO), (link, S_IFLNK)], leftoversIn: dir.url.path)
    }

    /// A recipients file with CRLF line ends (as age reads it): it was one
    /// "line", skipped as a comment or refused as a bad recipient.
    func testRecipientsFileWithCRLFLineEnds() throws {
        let dir = try TempDir()
        let (key1, r1) = try keygen(dir, "k1.txt")
        let (key2, r2) = try keygen(dir, "k2.txt")
        let recipients = try write(dir, "team.txt", Data("# team\r\n\(r1)\r\n\r\n\(r2)\r\n".utf8))
        let plain = pattern(1000, seed: 9)
        let input = try write(dir, "plain", plain)
        let enc = dir.path("f.age")
        let r = try CLI.run(["age", "encrypt", "-R", recipients, "-o", enc, input])
        XCTAssertEqual(r.status, 0, r.stderr)
        for key in [key1, key2] {
            let (st, dec, err) = try tool("age", ["-d", "-i", key, enc])
            XCTAssertEqual(st, 0, err)
            XCTAssertEqual(dec, plain)
        }
    }

    /// A file name that is not UTF-8 reached casevault as U+FFFD: -o wrote
    /// over the file that already had the replaced name. Such an argument
    /// is refused before anything runs.
    func testANonUTF8FileNameIsRefusedNotReplaced() throws {
        let dir = try TempDir()
        let (key, _, _, enc) = try encryptedSample(dir, size: 100, seed: 8)
        let other = try dir.write("\u{FFFD}.txt", "keep me")
        let r = try CLI.tool(["sh", "-c", "exec \"$0\" age decrypt -i \"$1\" -o \"$(printf '\\377.txt')\" \"$2\"", CLI.binary.path, key, enc],
                             cwd: dir.url)
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertEqual(r.stderr, "error: argument 6 is not valid UTF-8 text (a file name in another encoding?)\n"
                       + "hint: rename the file to a UTF-8 name, or pass a symbolic link with a UTF-8 name\n")
        XCTAssertEqual(try String(contentsOfFile: other, encoding: .utf8), "keep me")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted(), ["f.age", "key.txt", "plain", "\u{FFFD}.txt"])
    }

    func testAgeCommandsNeverOpenTheVault() throws {
        let dir = try TempDir()
        let vault = dir.path("no-vault-here")
        let env = ["CASEVAULT_DIR": vault, "XDG_DATA_HOME": dir.path("xdg")]
        let key = dir.path("k.txt")
        let k = try CLI.run(["age", "keygen", "-o", key], env: env)
        XCTAssertEqual(k.status, 0)
        let e = try CLI.run(["age", "encrypt", "-r", k.stdout.trimmingCharacters(in: .whitespacesAndNewlines)], stdin: Data("x".utf8), env: env)
        XCTAssertEqual(e.status, 0, e.stderr)
        let d = try CLI.run(["age", "decrypt", "-i", key], stdin: e.stdoutData, env: env)
        XCTAssertEqual(d.stdout, "x")
        XCTAssertFalse(FileManager.default.fileExists(atPath: vault))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("xdg")))
    }

    /// A key, its recipient, a plaintext file of `size` pattern bytes and its
    /// encryption to the key (`f.age`), all in `dir`.
    private func encryptedSample(_ dir: TempDir, size: Int, seed: UInt8) throws -> (key: String, recipient: String, input: String, enc: String) {
        let (key, recipient) = try keygen(dir, "key.txt")
        let input = try write(dir, "plain", pattern(size, seed: seed))
        let enc = dir.path("f.age")
        XCTAssertEqual(try CLI.run(["age", "encrypt", "-r", recipient, "-o", enc, input]).status, 0)
        return (key, recipient, input, enc)
    }
}
