import Foundation
import XCTest

/// Backup and restore through the built binary.
final class BackupCLITests: CLITestCase {
    @discardableResult
    func cv(_ vault: String, _ args: [String], stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try runOn(dir.path(vault), args, stdin: stdin, file: file, line: line)
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

    // MARK: - Damaged vaults and damaged backups

    /// The populated vault plus a 2.5 MiB document (three 1 MiB chunks) and a small one.
    func populateWithDocuments() throws -> (big: String, passport: String, other: String) {
        _ = try populate()
        try Data((0..<(5 << 19)).map { UInt8(($0 * 31) % 251) }).write(to: URL(fileURLWithPath: dir.path("big.pdf")))
        try Data((0..<3000).map { UInt8($0 % 7) }).write(to: URL(fileURLWithPath: dir.path("other.pdf")))
        XCTAssertEqual(try cv("v", ["doc", "add", dir.path("big.pdf"), dir.path("other.pdf")]).status, 0)
        let docs = try XCTUnwrap(try cv("v", ["doc", "list", "--json"]).json()["documents"] as? [[String: Any]])
        func id(_ label: String) throws -> String { try XCTUnwrap(docs.first { $0["label"] as? String == label }?["id"] as? String) }
        return (try id("big.pdf"), try id("passport.jpg"), try id("other.pdf"))
    }

    func flip(_ path: String, at offset: Int) throws {
        var d = try Data(contentsOf: URL(fileURLWithPath: path))
        d[offset] ^= 0x40
        try d.write(to: URL(fileURLWithPath: path))
    }

    func cvdoc(_ id: String) -> String { dir.path("v/documents/\(id).cvdoc") }

    /// A byte flipped in a later chunk of one document and in the first
    /// chunk of another: `backup` copies everything else, names both and
    /// exits 11 (it said "Backup written", exit 0, and the restore then
    /// failed with exit 6 bringing back nothing); the manifest lists what
    /// it left out; `restore` brings back codes, identifiers, keys, shares and
    /// the other documents and names the two. With --json the same.
    func testBackupOfADamagedVaultLeavesTheDamagedDocumentsOutAndSaysSo() throws {
        let (big, passport, other) = try populateWithDocuments()
        try Data("a scan".utf8).write(to: URL(fileURLWithPath: dir.path("head.pdf")))
        let head = try XCTUnwrap((try cv("v", ["doc", "add", dir.path("head.pdf"), "--json"]).json()["documents"] as? [[String: Any]])?.first?["id"] as? String)
        try flip(cvdoc(big), at: 40 + (1 << 20) + 17 + 5000)   // inside chunk 2
        try flip(cvdoc(passport), at: 60)                       // inside chunk 1
        try flip(cvdoc(head), at: 3)                            // the file's header
        let bp = try dir.write("bp", "a backup passphrase\n")
        let b = try cv("v", ["backup", "-o", dir.path("b.age"), "--backup-passphrase-file", bp])
        XCTAssertEqual(b.status, 11, b.stderr)
        XCTAssertTrue(b.stdout.contains("1 document, 1 imported share, without the damaged items below."), b.stdout)
        XCTAssertTrue(b.stderr.contains("warning: document \(big.prefix(8)) ('big.pdf'): chunk 2 failed authentication"), b.stderr)
        XCTAssertTrue(b.stderr.contains("warning: document \(passport.prefix(8)) ('passport.jpg'): chunk 1 failed authentication"), b.stderr)
        XCTAssertTrue(b.stderr.contains("warning: document \(head.prefix(8)) ('head.pdf'): the ciphertext file has no valid document header"), b.stderr)
        XCTAssertTrue(b.stderr.contains("error: the backup was written without 3 damaged items (listed above)\nhint: "), b.stderr)
        let j = try cv("v", ["backup", "-o", dir.path("j.age"), "--backup-passphrase-file", bp, "--json"])
        XCTAssertEqual(j.status, 11, j.stderr)
        let doc = try j.json()
        XCTAssertEqual(doc["complete"] as? Bool, false)
        XCTAssertEqual(Set((doc["omitted"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }), [big, passport, head])
        XCTAssertNil(doc["error"], "one JSON document")

        // The manifest names what was left out (ids and reasons, no labels).
        let plain = try CLI.run(["age", "decrypt", "--passphrase-file", bp, "-o", dir.path("b.tar"), dir.path("b.age")])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let manifest = try CLI.tool(["tar", "-xOf", dir.path("b.tar"), "casevault-backup/backup.json"]).stdout
        XCTAssertTrue(manifest.contains("\"omitted\"") && manifest.contains(big) && manifest.contains(passport), manifest)
        XCTAssertFalse(manifest.contains("big.pdf"), "labels stay out of the manifest")

        let r = try cv("restored", ["restore", dir.path("b.age"), "--backup-passphrase-file", bp])
        XCTAssertEqual(r.status, 11, r.stderr)
        XCTAssertTrue(r.stdout.contains("Restored and verified") && r.stdout.contains("2 code entries, 1 identifier, 1 document, 1 imported share"), r.stdout)
        XCTAssertTrue(r.stderr.contains("warning: document \(big.prefix(8)): left out when the backup was made: chunk 2 failed authentication"), r.stderr)
        XCTAssertTrue(r.stderr.contains("error: the vault was restored without 3 damaged items (listed above)"), r.stderr)
        try assertRestoredAllBut(["big.pdf", "passport.jpg", "head.pdf"], restored: "restored", other: other)
    }

    /// A backup made before backups checked what they copy (the damaged
    /// document inside, listed in the manifest with the hash of its damaged
    /// bytes; the entries in the old order) and with one code entry's record
    /// damaged in vault.json: restore brings back everything else and names
    /// the document and the record (it restored nothing, exit 6).
    func testRestoreOfAnOlderBackupWithDamageInsideBringsBackTheRest() throws {
        let (big, _, other) = try populateWithDocuments()
        let bp = try dir.write("bp", "a backup passphrase\n")
        XCTAssertEqual(try cv("v", ["backup", "-o", dir.path("good.age"), "--backup-passphrase-file", bp]).status, 0)
        let usc = try XCTUnwrap(try cv("v", ["code", "show", "USCIS", "--json"]).json()["id"] as? String)
        XCTAssertEqual(try CLI.run(["age", "decrypt", "--passphrase-file", bp, "-o", dir.path("good.tar"), dir.path("good.age")]).status, 0)
        // Rewrite it as the older writer would have written a damaged vault.
        let script = """
        import hashlib, io, json, sys, tarfile, base64
        src, dst, doc, code = sys.argv[1:5]
        entries = {}
        with tarfile.open(src) as t:
            for m in t.getmembers():
                entries[m.name] = t.extractfile(m).read()
        d = bytearray(entries["casevault-backup/documents/%s.cvdoc" % doc])
        d[40 + (1 << 20) + 17 + 5000] ^= 0x40
        entries["casevault-backup/documents/%s.cvdoc" % doc] = bytes(d)
        v = json.loads(entries["casevault-backup/vault.json"])
        t = v["tables"]["code_entry"]
        idc, cc = t["columns"].index("id"), t["columns"].index("ciphertext")
        for row in t["rows"]:
            if row[idc]["t"] == code:
                c = bytearray(base64.b64decode(row[cc]["b"])); c[3] ^= 1; row[cc]["b"] = base64.b64encode(bytes(c)).decode()
        entries["casevault-backup/vault.json"] = json.dumps(v).encode()
        m = json.loads(entries["casevault-backup/backup.json"])
        for e in m["entries"]:
            e["size"] = len(entries[e["path"]]); e["blake2b"] = hashlib.blake2b(entries[e["path"]], digest_size=32).hexdigest()
        m.pop("omitted", None)
        entries["casevault-backup/backup.json"] = json.dumps(m).encode()
        order = ["casevault-backup/vault.json"] + sorted(k for k in entries if "/inbox/" in k) \
            + sorted(k for k in entries if "/documents/" in k) + ["casevault-backup/documents.json", "casevault-backup/backup.json"]
        with tarfile.open(dst, "w", format=tarfile.USTAR_FORMAT) as t:
            for k in order:
                info = tarfile.TarInfo(k); info.size = len(entries[k]); info.mode = 0o600
                t.addfile(info, io.BytesIO(entries[k]))
        """
        let py = try CLI.tool(["python3", "-c", script, dir.path("good.tar"), dir.path("old.tar"), big, usc])
        XCTAssertEqual(py.status, 0, py.stderr)
        XCTAssertEqual(try CLI.run(["age", "encrypt", "--passphrase-file", bp, "-o", dir.path("old.age"), dir.path("old.tar")]).status, 0)
        for json in [false, true] {
            let target = json ? "restored-json" : "restored"
            let r = try cv(target, ["restore", dir.path("old.age"), "--backup-passphrase-file", bp] + (json ? ["--json"] : []))
            XCTAssertEqual(r.status, 11, r.stderr)
            XCTAssertTrue(r.stderr.contains("warning: document \(big.prefix(8)) ('big.pdf'): chunk 2 failed authentication"), r.stderr)
            XCTAssertTrue(r.stderr.contains("warning: record code_entry/\(usc): the record does not authenticate"), r.stderr)
            if json {
                let doc = try r.json()
                XCTAssertEqual(doc["complete"] as? Bool, false)
                XCTAssertEqual((doc["notRestored"] as? [[String: Any]])?.count, 2)
                XCTAssertEqual(doc["codeEntries"] as? String, "1")
                XCTAssertEqual(doc["documents"] as? String, "2")
            }
            XCTAssertEqual(try cv(target, ["code", "show", "USCIS"]).status, 5, "the damaged entry is not restored")
            let login = try cv(target, ["code", "show", "login.gov", "--json"])
            XCTAssertEqual(login.stdout, try cv("v", ["code", "show", "login.gov", "--json"]).stdout)
            try assertRestoredAllBut(["big.pdf"], restored: target, other: other, codes: false)
        }
    }

    /// What must be in a restored vault whatever was damaged: identifiers,
    /// keys, representatives, the inbox, every whole document, and `check` passes.
    func assertRestoredAllBut(_ missing: [String], restored: String, other: String, codes: Bool = true,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        var queries = [["id", "list", "--json"], ["id", "show", "receipt", "--json"], ["rep", "list", "--json"],
                       ["identity", "show", "--json"], ["share", "list", "--json"]]
        if codes { queries += [["code", "list", "--json"], ["code", "show", "USCIS", "--history", "--json"]] }
        for q in queries {
            let a = try cv("v", q), b = try cv(restored, q)
            XCTAssertEqual(b.status, 0, "\(q) \(b.stderr)", file: file, line: line)
            XCTAssertEqual(a.stdout, b.stdout, q.joined(separator: " "), file: file, line: line)
        }
        let labels = (try cv(restored, ["doc", "list", "--json"]).json()["documents"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
        XCTAssertEqual(Set(labels), Set(["big.pdf", "passport.jpg", "other.pdf", "head.pdf"]).intersection(
            (try cv("v", ["doc", "list", "--json"]).json()["documents"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String })
            .subtracting(missing), file: file, line: line)
        let got = try cv(restored, ["doc", "get", other, "-o", dir.path("\(restored)-other.pdf")])
        XCTAssertEqual(got.status, 0, got.stderr, file: file, line: line)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.path("\(restored)-other.pdf"))),
                       try Data(contentsOf: URL(fileURLWithPath: dir.path("other.pdf"))), file: file, line: line)
        let check = try cv(restored, ["check"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr, file: file, line: line)
    }

    /// A backup file damaged inside one document's data (an age chunk that no
    /// longer authenticates, well inside the 2.5 MiB document): restore
    /// brings back everything else and names that document, exit 11 (it
    /// restored nothing, exit 6). Damage over the records (vault.json) still
    /// restores nothing, exit 6: without them nothing can be placed.
    func testRestoreOfABackupFileDamagedInOneDocumentBringsBackTheRest() throws {
        let (big, _, other) = try populateWithDocuments()
        let bp = try dir.write("bp", "a backup passphrase\n")
        XCTAssertEqual(try cv("v", ["backup", "-o", dir.path("b.age"), "--backup-passphrase-file", bp]).status, 0)
        XCTAssertEqual(try CLI.run(["age", "decrypt", "--passphrase-file", bp, "-o", dir.path("b.tar"), dir.path("b.age")]).status, 0)
        // Flip one byte of the age file where a given plaintext offset of the archive is sealed.
        let script = """
        import sys, tarfile
        tar, age, out, member, delta = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
        with tarfile.open(tar) as t:
            m = t.getmember(member)
            p = m.offset_data + (m.size // 2 if delta < 0 else delta)
        data = bytearray(open(age, "rb").read())
        header = data.index(b"\\n--- ") + 1
        header = data.index(b"\\n", header) + 1 + 16          # header, then the 16-byte payload nonce
        k, r = divmod(p, 65536)
        data[header + k * (65536 + 16) + r] ^= 0x01
        open(out, "wb").write(bytes(data))
        """
        let doc = "casevault-backup/documents/\(big).cvdoc"
        XCTAssertEqual(try CLI.tool(["python3", "-c", script, dir.path("b.tar"), dir.path("b.age"), dir.path("d.age"), doc, "-1"]).status, 0)
        let r = try cv("restored", ["restore", dir.path("d.age"), "--backup-passphrase-file", bp])
        XCTAssertEqual(r.status, 11, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: document \(big.prefix(8)) ('big.pdf'): its copy in the backup file is damaged"), r.stderr)
        XCTAssertTrue(r.stderr.contains("error: the vault was restored without 1 damaged item (listed above)"), r.stderr)
        try assertRestoredAllBut(["big.pdf"], restored: "restored", other: other)

        XCTAssertEqual(try CLI.tool(["python3", "-c", script, dir.path("b.tar"), dir.path("b.age"), dir.path("v.age"),
                                     "casevault-backup/vault.json", "-1"]).status, 0)
        let bad = try cv("x", ["restore", dir.path("v.age"), "--backup-passphrase-file", bp])
        XCTAssertEqual(bad.status, 6, bad.stderr)
        XCTAssertTrue(bad.stderr.hasPrefix("error: not a valid casevault backup: it is damaged"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("x")))
    }
}
