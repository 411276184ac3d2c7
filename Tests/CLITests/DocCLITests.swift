import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `casevault doc ...` through the built binary: round trips, refusals and
/// exit codes, tampering, a killed add and a full disk.
final class DocCLITests: CLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        let r = try cv(["init", "--kdf", "interactive"])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    private var vaultArgs: [String] { vaultFlags(vault) }

    @discardableResult
    func cv(_ args: [String], cwd: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try CLI.run(args + vaultArgs, file: file, line: line)
    }

    /// A file of `size` bytes: a repeated recognisable line (to search for
    /// plaintext later) mixed with random bytes.
    func makeInput(_ name: String, size: Int) throws -> (String, [UInt8]) {
        let marker = Array("PASSPORT PAGE 2 SURNAME GIVEN NAMES 0123456789 ".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        while bytes.count < size {
            bytes += marker
            for _ in 0..<16 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; bytes.append(UInt8(truncatingIfNeeded: seed >> 33)) }
        }
        bytes = Array(bytes.prefix(size))
        let p = dir.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return (p, bytes)
    }

    func vaultFiles() -> [String] {
        let e = FileManager.default.enumerator(atPath: vault)
        var out: [String] = []
        while let n = e?.nextObject() as? String {
            var d: ObjCBool = false
            let p = vault + "/" + n
            if FileManager.default.fileExists(atPath: p, isDirectory: &d), !d.boolValue { out.append(p) }
        }
        return out
    }

    func assertNoPlaintext(_ data: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let probes = stride(from: 0, to: max(0, data.count - 48), by: max(1, data.count / 64)).map { Data(data[$0..<$0 + 48]) }
        for p in vaultFiles() {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: p))
            for probe in probes where bytes.range(of: probe) != nil {
                XCTFail("plaintext of the test file found in \(p)", file: file, line: line)
                return
            }
        }
    }

    func docList() throws -> [[String: Any]] {
        let r = try cv(["doc", "list", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(try r.json()["documents"] as? [[String: Any]])
    }

    func testAddListGetVerifyRemove() throws {
        let (scan, bytes) = try makeInput("green card front.jpg", size: 2_500_000)
        let (empty, _) = try makeInput("empty.pdf", size: 0)
        let add = try cv(["doc", "add", scan, "--type", "green-card", "--label", "gc", "--expires", "2099-04-30", "--note", "front side", "--json"])
        XCTAssertEqual(add.status, 0, add.stderr)
        XCTAssertEqual(try cv(["doc", "add", empty]).stdout.hasPrefix("Added 'empty.pdf' (other, 0 B) as "), true)
        let docs = try docList()
        XCTAssertEqual(docs.map { $0["label"] as? String }, ["gc", "empty.pdf"])
        XCTAssertEqual(docs[0]["type"] as? String, "green-card")
        XCTAssertEqual(docs[0]["size"] as? Int, bytes.count)
        XCTAssertEqual(docs[0]["expires"] as? String, "2099-04-30")
        XCTAssertEqual(docs[0]["fileName"] as? String, "green card front.jpg")

        let text = try cv(["doc", "list"]).stdout
        XCTAssertTrue(text.contains("green-card") && text.contains("gc") && text.contains("2.4 MiB") && text.contains("2099-04-30"), text)

        // get to a file: same bytes, 0600, refuses to overwrite without --force.
        let out = dir.path("out.jpg")
        XCTAssertEqual(try cv(["doc", "get", "gc", "-o", out]).status, 0)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))), bytes)
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        try Data([1]).write(to: URL(fileURLWithPath: out))
        let refused = try cv(["doc", "get", "gc", "-o", out])
        XCTAssertEqual(refused.status, 8)
        XCTAssertTrue(refused.stderr.contains("error: ") && refused.stderr.contains("hint: pass --force"), refused.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), Data([1]))
        XCTAssertEqual(try cv(["doc", "get", "gc", "-o", out, "--force"]).status, 0)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))), bytes)
        // to standard output, by id prefix
        let id = try XCTUnwrap(docs[0]["id"] as? String)
        let piped = try cv(["doc", "get", String(id.prefix(6)), "-o", "-"])
        XCTAssertEqual([UInt8](piped.stdoutData), bytes)
        // verify, with the hash users can check themselves
        let verify = try cv(["doc", "verify"])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertEqual(verify.stdout.split(separator: "\n").filter { $0.hasPrefix("ok") }.count, 2)
        try assertNoPlaintext(bytes)
        // remove: row and ciphertext file gone
        XCTAssertEqual(try cv(["doc", "remove", "gc", "--yes"]).status, 0)
        XCTAssertEqual(try docList().count, 1)
        XCTAssertFalse(vaultFiles().contains { $0.contains(id) })
        XCTAssertEqual(try cv(["doc", "get", "gc", "-o", dir.path("x")]).status, 5)
    }

    func testEditChangesTheWordsAndTheDateNeverTheFile() throws {
        let (scan, bytes) = try makeInput("passport.pdf", size: 1_500_000)
        XCTAssertEqual(try cv(["doc", "add", scan, "--type", "passport", "--label", "pp"]).status, 0)
        let (other, _) = try makeInput("other.pdf", size: 10)
        XCTAssertEqual(try cv(["doc", "add", other, "--label", "taken"]).status, 0)
        // The encrypted scans, name and bytes (documents.db changes; they must not).
        func scans() throws -> [String: Data] {
            var out: [String: Data] = [:]
            for p in vaultFiles() where p.hasSuffix(".cvdoc") { out[p] = try Data(contentsOf: URL(fileURLWithPath: p)) }
            return out
        }
        let before = try scans()
        XCTAssertEqual(before.count, 2)

        let edit = try cv(["doc", "edit", "pp", "--expires", "2030-02-28", "--note", "renew at the consulate", "--label", "passport"])
        XCTAssertEqual(edit.status, 0, edit.stderr)
        XCTAssertEqual(edit.stdout, "Changed 'passport' (passport, expires 2030-02-28).\n")
        var doc = try XCTUnwrap(try docList().first { $0["label"] as? String == "passport" })
        XCTAssertEqual(doc["expires"] as? String, "2030-02-28")
        XCTAssertEqual(doc["note"] as? String, "renew at the consulate")
        XCTAssertEqual(doc["fileName"] as? String, "passport.pdf")
        XCTAssertEqual(try scans(), before, "an edit touched the encrypted scans")
        let out = dir.path("out.pdf")
        XCTAssertEqual(try cv(["doc", "get", "passport", "-o", out]).status, 0)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))), bytes)
        XCTAssertEqual(try cv(["doc", "verify", "passport"]).status, 0)

        // Taking the date and the note away; the type.
        XCTAssertEqual(try cv(["doc", "edit", "passport", "--no-expiry", "--no-note", "--type", "other"]).status, 0)
        doc = try XCTUnwrap(try docList().first { $0["label"] as? String == "passport" })
        XCTAssertNil(doc["expires"] as? String)
        XCTAssertNil(doc["note"] as? String)
        XCTAssertEqual(doc["type"] as? String, "other")

        // Refusals change nothing: a taken label, a bad date, nothing to change, both a date and --no-expiry.
        let taken = try cv(["doc", "edit", "passport", "--label", "taken", "--expires", "2031-01-01"])
        XCTAssertEqual(taken.status, 8, taken.stderr)
        XCTAssertTrue(taken.stderr.contains("a document named 'taken' already exists"), taken.stderr)
        for args in [["--expires", "31/01/2031"], [], ["--expires", "2031-01-01", "--no-expiry"]] {
            XCTAssertEqual(try cv(["doc", "edit", "passport"] + args).status, 2, "\(args)")
        }
        doc = try XCTUnwrap(try docList().first { $0["label"] as? String == "passport" })
        XCTAssertNil(doc["expires"] as? String, "a refused edit changed the date")
        XCTAssertEqual(try cv(["check"]).status, 0)
    }

    func testBadArgumentsAreUsageErrors() throws {
        let (a, _) = try makeInput("a.pdf", size: 10)
        let (b, _) = try makeInput("b.pdf", size: 10)
        for args in [["doc", "add", a, b, "--label", "x"], ["doc", "add", a, "--type", "visa"],
                     ["doc", "add", a, "--expires", "2027-02-30"], ["doc", "add"], ["doc", "list", "--expiring", "-1"],
                     ["doc", "get", "a.pdf", "-o", "-", "--json"]] {
            let r = try cv(args)
            XCTAssertEqual(r.status, 2, args.joined(separator: " ") + ": " + r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("error: "), r.stderr)
        }
        // A negative number is the command's own message, not the parser's "Missing value".
        XCTAssertTrue(try cv(["doc", "list", "--expiring", "-5"]).stderr.contains("--expiring takes a number of days, 0 or more"))
        XCTAssertTrue(try cv(["doc", "get", "a.pdf", "-o", "-", "--json"]).stderr.contains("--json cannot go with -o -"))
        XCTAssertEqual(try cv(["doc", "add", dir.path("missing.pdf")]).status, 1)
        XCTAssertEqual(try cv(["doc", "add", a]).status, 0)
        XCTAssertEqual(try cv(["doc", "add", a]).status, 8, "the label a.pdf is taken")
        XCTAssertEqual(try docList().count, 1)
    }

    /// Adds a 3 MB passport.pdf, then flips a byte of its ciphertext in chunk 2.
    private func addPassportWithAFlippedByteInChunkTwo() throws {
        let (scan, _) = try makeInput("passport.pdf", size: 3_000_000)
        XCTAssertEqual(try cv(["doc", "add", scan]).status, 0)
        let blob = try XCTUnwrap(vaultFiles().first { $0.hasSuffix(".cvdoc") })
        var sealed = try Data(contentsOf: URL(fileURLWithPath: blob))
        sealed[2_000_000] ^= 0x01
        try sealed.write(to: URL(fileURLWithPath: blob))
    }

    func testTamperedDocumentFailsWithExitSixAndLeavesNoPlaintextFile() throws {
        try addPassportWithAFlippedByteInChunkTwo()

        let verify = try cv(["doc", "verify"])
        XCTAssertEqual(verify.status, 6)
        XCTAssertTrue(verify.stderr.contains("integrity failure in document") && verify.stderr.contains("chunk 2"), verify.stderr)
        let outDir = dir.path("out")
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: false)
        let get = try cv(["doc", "get", "passport.pdf", "-o", outDir + "/p.pdf"])
        XCTAssertEqual(get.status, 6)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outDir), [], "no plaintext file, complete or partial")
        let piped = try cv(["doc", "get", "passport.pdf", "-o", "-"])
        XCTAssertEqual(piped.status, 6)
        XCTAssertEqual(piped.stdoutData.count, 1 << 20, "only the chunk before the damaged one was written")
    }

    /// `doc verify --json` with a damaged document: exactly one JSON
    /// document on stdout (the report, which names the failure), exit 6. The
    /// error document used to follow the report, so stdout did not parse.
    func testVerifyJSONWithAFailurePrintsOneDocument() throws {
        try addPassportWithAFlippedByteInChunkTwo()
        let r = try cv(["doc", "verify", "--json"])
        XCTAssertEqual(r.status, 6, r.stderr)
        let docs = try XCTUnwrap(try r.json()["documents"] as? [[String: Any]], r.stdout)
        XCTAssertEqual(docs.count, 1)
        XCTAssertEqual(docs[0]["ok"] as? Bool, false)
        XCTAssertTrue((docs[0]["error"] as? String)?.contains("chunk 2") == true, r.stdout)
        XCTAssertTrue(r.stderr.hasPrefix("error: integrity failure in document") && r.stderr.contains("\nhint: "), r.stderr)
    }

    func testCodesNeverTouchDocumentStorageAndDocumentsHoldNoCodes() throws {
        XCTAssertEqual(try CLI.run(["code", "add", "uscis"] + vaultArgs, stdin: Data("QX7P-44ZR-MMTN\n".utf8)).status, 0)
        XCTAssertEqual(try cv(["code", "list"]).status, 0)
        XCTAssertEqual(try cv(["status"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: vault + "/documents.db"), "code commands created document storage")
        let (scan, _) = try makeInput("i797.pdf", size: 1000)
        XCTAssertEqual(try cv(["doc", "add", scan, "--type", "i-797"]).status, 0)
        let tables = Process()
        tables.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        tables.arguments = [vault + "/documents.db", ".tables"]
        let pipe = Pipe()
        tables.standardOutput = pipe
        try tables.run()
        tables.waitUntilExit()
        let names = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init).sorted()
        // documents and, for key rotation, rekey and store_meta (docs/design.md).
        XCTAssertEqual(names, ["documents", "grdb_migrations", "rekey", "store_meta"])
        for p in vaultFiles() where p.contains("documents") {
            XCTAssertNil(try Data(contentsOf: URL(fileURLWithPath: p)).range(of: Data("QX7P-44ZR-MMTN".utf8)))
        }
        for p in vaultFiles() where !p.contains("documents") {
            XCTAssertNil(try Data(contentsOf: URL(fileURLWithPath: p)).range(of: Data("i797".utf8)), "document metadata in \(p)")
        }
    }

    /// Codes and identifiers commands never open or read document storage
    /// (documents.db and its WAL, documents/ and the files in it) once it
    /// exists, as the kernel reports it (inotify); `doc list` does, which
    /// shows the watch sees such reads.
    func testCodesAndIdentifierCommandsNeverOpenDocumentStorage() throws {
        XCTAssertEqual(try CLI.run(["code", "add", "uscis"] + vaultArgs, stdin: Data("QX7P-44ZR-MMTN\n".utf8)).status, 0)
        XCTAssertEqual(try CLI.run(["code", "add", "login.gov"] + vaultArgs, stdin: Data("1111 2222\n3333 4444\n".utf8)).status, 0)
        XCTAssertEqual(try CLI.run(["id", "add", "a-number"] + vaultArgs, stdin: Data("A012345678\n".utf8)).status, 0)
        let (scan, _) = try makeInput("ead.pdf", size: 3000)
        XCTAssertEqual(try cv(["doc", "add", scan, "--type", "ead"]).status, 0)
        let watch = try FileAccessWatch([vault, vault + "/documents"])
        _ = watch.drain()
        let commands: [([String], String?)] = [
            (["code", "list"], nil), (["code", "list", "--json"], nil), (["code", "show", "uscis"], nil),
            (["code", "use", "login.gov"], nil), (["code", "primary", "login.gov"], nil),
            (["code", "replace", "uscis"], "ZXCV-9876-QWER\n"), (["code", "add", "other"], "5555 6666\n"),
            (["code", "remove", "other", "--yes"], nil),
            (["id", "list"], nil), (["id", "show", "a-number"], nil), (["id", "add", "receipt"], "IOE0912345678\n"),
        ]
        for (args, stdin) in commands {
            let r = try CLI.run(args + vaultArgs, stdin: stdin.map { Data($0.utf8) })
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            let touched = watch.drain().filter { $0.hasPrefix(vault + "/documents") }
            XCTAssertEqual(touched, [], "\(args.joined(separator: " ")) opened document storage")
        }
        XCTAssertEqual(try cv(["doc", "list"]).status, 0)
        XCTAssertTrue(watch.drain().contains(vault + "/documents.db"), "the watch saw no read of documents.db by doc list")
    }

    func testStatusWarnsAboutDocumentsExpiringWithin180Days() throws {
        let (a, _) = try makeInput("ead.pdf", size: 10)
        let (b, _) = try makeInput("passport.pdf", size: 10)
        let soon = Calendar(identifier: .gregorian).date(byAdding: .day, value: 100, to: Date())!
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        XCTAssertEqual(try cv(["doc", "add", a, "--type", "ead", "--expires", f.string(from: soon)]).status, 0)
        XCTAssertEqual(try cv(["doc", "add", b, "--type", "passport", "--expires", "2099-01-01"]).status, 0)
        let status = try cv(["status"])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("ead.pdf") && status.stdout.contains("expires"), status.stdout)
        XCTAssertFalse(status.stdout.contains("passport.pdf"), status.stdout)
        let json = try cv(["status", "--json"]).json()
        let warnings = try XCTUnwrap(json["warnings"] as? [String])
        XCTAssertEqual(warnings.filter { $0.contains("ead.pdf") }.count, 1)
    }

    /// A real `doc add` of a large file, SIGKILLed midway.
    func testKilledAddLeavesNoHalfDocumentAndTheVaultOpens() throws {
        let (big, bytes) = try makeInput("big.pdf", size: 96 << 20)
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["doc", "add", big] + vaultArgs
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let docsDir = vault + "/documents"
        var sawTemp = false
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && p.isRunning {
            let temps = ((try? FileManager.default.contentsOfDirectory(atPath: docsDir)) ?? []).filter { $0.hasPrefix(".tmp-") }
            if let t = temps.first, let size = (try? FileManager.default.attributesOfItem(atPath: docsDir + "/" + t)[.size] as? NSNumber)?.intValue,
               size > 8 << 20 {
                sawTemp = true
                break
            }
            usleep(2000)
        }
        XCTAssertTrue(sawTemp, "the add finished or never started writing before it could be killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)

        XCTAssertEqual(try docList().count, 0, "no half document is visible")
        XCTAssertEqual(try cv(["doc", "verify"]).status, 0)
        XCTAssertEqual(try cv(["code", "list"]).status, 0, "the vault opens")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: docsDir).filter { $0 != ".lock" }, [], "leftovers cleaned up on open")
        try assertNoPlaintext(bytes)
        let (small, _) = try makeInput("after.pdf", size: 5000)
        XCTAssertEqual(try cv(["doc", "add", small]).status, 0)
        XCTAssertEqual(try cv(["doc", "verify"]).status, 0)
    }

    /// A real `doc get` to a file, SIGKILLed midway, leaves no file at all.
    func testKilledGetLeavesNoPlaintextFile() throws {
        let (big, _) = try makeInput("big.pdf", size: 64 << 20)
        XCTAssertEqual(try cv(["doc", "add", big]).status, 0)
        let outDir = dir.path("out")
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: false)
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["doc", "get", "big.pdf", "-o", outDir + "/big.pdf"] + vaultArgs
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var sawPartial = false
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && p.isRunning && !sawPartial {
            // The output being written is open in the process; find it and its size.
            let fdDir = "/proc/\(p.processIdentifier)/fd"
            for fd in (try? FileManager.default.contentsOfDirectory(atPath: fdDir)) ?? [] {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: fdDir + "/" + fd)) ?? ""
                var st = stat()
                if target.hasPrefix(outDir), stat(fdDir + "/" + fd, &st) == 0, st.st_size > 4 << 20 { sawPartial = true }
            }
            usleep(2000)
        }
        XCTAssertTrue(sawPartial, "the get finished or never started writing before it could be killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outDir), [], "a killed get left a file")
    }

    /// A write that fails midway (a file size limit stands in for a full disk:
    /// both fail write(2) with an error the store reports the same way).
    func testAddThatRunsOutOfSpaceLeavesNothing() throws {
        let (big, _) = try makeInput("big.pdf", size: 8 << 20)
        let script = "trap '' XFSZ; ulimit -f 4096; exec \"$0\" \"$@\""
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script, CLI.binary.path, "doc", "add", big] + vaultArgs
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 1, stderr)
        XCTAssertTrue(stderr.contains("the disk is full"), stderr)
        XCTAssertEqual(try docList().count, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: vault + "/documents").filter { $0 != ".lock" }, [])
        XCTAssertEqual(try cv(["doc", "verify"]).status, 0)
    }

    /// -o naming a FIFO or device, with or without --force: refused before
    /// any plaintext is written, and the node is left in place (a rename
    /// over /dev/null as root left a file of plaintext there).
    func testGetToADeviceOrFIFOIsRefusedEvenWithForce() throws {
        let (scan, _) = try makeInput("passport.pdf", size: 1000)
        XCTAssertEqual(try cv(["doc", "add", scan, "--label", "pp"]).status, 0)
        // A FIFO and a symlink to it stand in for /dev/null and /dev/stdout:
        // a regression run as root must not replace the real /dev/null.
        let fifo = dir.path("fifo"), link = dir.path("stdout")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: fifo)
        for out in [fifo, link] {
            for force in [[], ["--force"]] {
                let r = try cv(["doc", "get", "pp", "-o", out] + force)
                XCTAssertEqual(r.status, 7, r.stderr)
                XCTAssertEqual(r.stderr, "error: invalid output \(out): not a regular file (a device, FIFO or socket); nothing was written\n"
                               + "hint: expected a file name, or -o - to write to standard output and redirect it\n")
            }
        }
        try assertNotReplaced([(fifo, S_IFIFO), (link, S_IFLNK)], leftoversIn: dir.url.path)
    }

    /// documents.db emptied (or deleted) while documents/ still holds the
    /// ciphertext: every command refuses with exit 6 and shreds nothing, so
    /// putting the old documents.db back brings the document back.
    func testLostDocumentIndexIsAnIntegrityErrorAndShredsNothing() throws {
        let (scan, bytes) = try makeInput("passport.pdf", size: 100_000)
        XCTAssertEqual(try cv(["doc", "add", scan, "--label", "pp"]).status, 0)
        let index = vault + "/documents.db"
        XCTAssertEqual(try cv(["check"]).status, 0)  // checkpoints the WAL into documents.db
        let saved = try Data(contentsOf: URL(fileURLWithPath: index))
        let blob = try XCTUnwrap(vaultFiles().first { $0.hasSuffix(".cvdoc") })
        for lose in ["empty", "delete"] {
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: index + suffix) }
            if lose == "empty" { try Data().write(to: URL(fileURLWithPath: index)) } else { try FileManager.default.removeItem(atPath: index) }
            for args in [["doc", "list"], ["check"], ["status"], ["doc", "add", scan, "--label", "again"]] {
                let r = try cv(args)
                XCTAssertEqual(r.status, 6, "\(lose) \(args.joined(separator: " ")): \(r.stderr)")
                XCTAssertTrue(r.stderr.hasPrefix("error: integrity failure in documents.db: it has no documents table, but documents/ holds 1 document file"), r.stderr)
                XCTAssertTrue(r.stderr.contains("\nhint: "), r.stderr)
                XCTAssertTrue(FileManager.default.fileExists(atPath: blob), "\(lose) \(args.joined(separator: " ")) removed the ciphertext")
            }
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: index + suffix) }
        try saved.write(to: URL(fileURLWithPath: index))
        let back = try cv(["doc", "get", "pp", "-o", "-"])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertEqual([UInt8](back.stdoutData), bytes)
    }
}
