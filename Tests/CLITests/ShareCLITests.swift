import Foundation
import XCTest

/// Shares through the built binary, with the real `age` and `tar`.
final class ShareCLITests: CLITestCase {
    @discardableResult
    func cv(_ vault: String, _ args: [String], stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try runOn(dir.path(vault), args, stdin: stdin, file: file, line: line)
    }

    /// Runs a shell command in the temp directory; fails the test on a non-zero exit.
    @discardableResult
    func sh(_ command: String, expect: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.tool(["sh", "-c", command], cwd: dir.url, file: file, line: line)
        XCTAssertEqual(r.status, expect, "\(command)\n\(r.stderr)", file: file, line: line)
        return r.stdout
    }

    /// An applicant vault with a code, an identifier and a document, and the
    /// representative (identity file `rep.key`) registered as "Jane Doe".
    func makeApplicant(_ name: String, as sender: String, docBytes: Int = 40_000) throws {
        XCTAssertEqual(try cv(name, ["init", "--kdf", "interactive"]).status, 0)
        XCTAssertEqual(try cv(name, ["code", "add", "USCIS"], stdin: "ABCD-1234-EF\n").status, 0)
        XCTAssertEqual(try cv(name, ["id", "add", "a-number"], stdin: "A012345678\n").status, 0)
        try sh("head -c \(docBytes) /dev/urandom > 'green card.jpg'")
        XCTAssertEqual(try cv(name, ["doc", "add", dir.path("green card.jpg")]).status, 0)
        let recipient = try sh("sed -n 's/^# public key: //p' rep.key").trimmingCharacters(in: .whitespacesAndNewlines)
        let add = try cv(name, ["rep", "add", "Jane Doe", recipient])
        XCTAssertEqual(add.status, 0, add.stderr)
        XCTAssertTrue(add.stdout.contains("Fingerprint: "), add.stdout)
        _ = sender
    }

    /// The representative's identity file rep.key: post-quantum (the
    /// default), or `classic` for tests that open shares with the stock
    /// `age` here (1.1.x, which has no post-quantum recipients).
    func makeRepresentative(classic: Bool = false) throws {
        XCTAssertEqual(try CLI.run(["identity", "new", "-o", dir.path("rep.key")] + (classic ? ["--classic"] : [])).status, 0)
        XCTAssertEqual(try cv("rep", ["init", "--kdf", "interactive"]).status, 0)
    }

    func export(_ vault: String, as sender: String, to file: String) throws {
        let r = try cv(vault, ["export", "--to", "Jane Doe", "--all-codes", "--ids", "--all-docs", "--as", sender, "-o", dir.path(file)])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testShareOpensWithStockAgeAndTarAndWithShareOpen() throws {
        try makeRepresentative(classic: true)
        try makeApplicant("maria", as: "Maria Lopez")
        try export("maria", as: "Maria Lopez", to: "share.age")
        XCTAssertEqual(try sh("stat -c %a share.age"), "600\n")

        // Stock tools.
        try sh("mkdir plain && age -d -i rep.key share.age | tar -x -C plain")
        XCTAssertEqual(try sh("cmp 'green card.jpg' 'plain/casevault-share/documents/green card.jpg' && echo same"), "same\n")
        let text = try sh("cat plain/casevault-share/codes-and-identifiers.txt")
        XCTAssertTrue(text.contains("ABCD-1234-EF") && text.contains("A-012-345-678") && text.contains("Maria Lopez"), text)
        let manifest = try sh("cat plain/casevault-share/manifest.json")
        // The manifest lists each entry's SHA-256, as sha256sum computes it.
        let digest = try sh("sha256sum 'green card.jpg' | cut -d' ' -f1").trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(manifest.contains("\"sha256\" : \"\(digest)\""), manifest)
        XCTAssertTrue(manifest.contains("casevault-share/2") && !manifest.contains("blake2b"), manifest)

        // share open: list, then extract.
        let open = try cv("rep", ["share", "open", dir.path("share.age"), "-i", dir.path("rep.key")])
        XCTAssertEqual(open.status, 0, open.stderr)
        XCTAssertTrue(open.stdout.contains("from Maria Lopez") && open.stdout.contains("first share from 'Maria Lopez'") &&
                      open.stdout.contains("documents/green card.jpg"), open.stdout)
        let ex = try cv("rep", ["share", "open", dir.path("share.age"), "-i", dir.path("rep.key"), "--extract", dir.path("out")])
        XCTAssertEqual(ex.status, 0, ex.stderr)
        XCTAssertTrue(ex.stdout.contains("signed by the key pinned for 'Maria Lopez'"), ex.stdout)
        XCTAssertEqual(try sh("cmp 'green card.jpg' 'out/documents/green card.jpg' && stat -c %a 'out/documents/green card.jpg' out"), "600\n700\n")

        // The applicant's signing key, as `identity show` prints it, is what --from expects.
        let show = try cv("maria", ["identity", "show", "--json"]).json()
        let key = try XCTUnwrap(show["signingKey"] as? String)
        XCTAssertEqual(try cv("rep", ["share", "open", dir.path("share.age"), "-i", dir.path("rep.key"), "--from", key]).status, 0)
        XCTAssertEqual(try cv("rep", ["share", "open", dir.path("share.age"), "-i", dir.path("rep.key"), "--from", "Maria Lopez"]).status, 0)
    }

    /// Decrypts share.age with stock age, runs a Python edit of the tar, re-encrypts to the same recipient.
    func tampered(_ name: String, python: String) throws -> String {
        let script = try dir.write("edit.py", """
            import tarfile, io, sys
            src = tarfile.open("payload.tar")
            entries = [(m, src.extractfile(m).read() if m.isfile() else None) for m in src.getmembers()]
            def put(t, name, data):
                i = tarfile.TarInfo(name); i.size = len(data); i.mode = 0o600; t.addfile(i, io.BytesIO(data))
            out = tarfile.open("payload2.tar", "w", format=tarfile.PAX_FORMAT)
            \(python.split(separator: "\n").joined(separator: "\n"))
            out.close()
            """)
        // Our own age commands: the representative's key is post-quantum.
        let age = "'\(CLI.binary.path)' age"
        try sh("\(age) decrypt -i rep.key -o payload.tar share.age && python3 \(script) && \(age) encrypt -r \"$(sed -n 's/^# public key: //p' rep.key)\" -o \(name) payload2.tar && rm payload.tar payload2.tar")
        return dir.path(name)
    }

    func assertRefused(_ file: String, contains expected: String, file sourceFile: StaticString = #filePath, line: UInt = #line) throws {
        let r = try cv("rep", ["share", "open", file, "-i", dir.path("rep.key"), "--extract", dir.path("refused")], file: sourceFile, line: line)
        XCTAssertEqual(r.status, 6, r.stderr, file: sourceFile, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("error: ") && r.stderr.contains(expected) && r.stderr.contains("hint: "), r.stderr, file: sourceFile, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("refused")), file: sourceFile, line: line)
        XCTAssertEqual(try sh("ls -a | grep -c casevault-share || true"), "0\n", "no temporary directory left", file: sourceFile, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.url.deletingLastPathComponent().appendingPathComponent("evil.txt").path))
    }

    func testTamperedSharesAreRefusedAndWriteNothing() throws {
        try makeRepresentative()
        try makeApplicant("maria", as: "Maria Lopez")
        try export("maria", as: "Maria Lopez", to: "share.age")

        try assertRefused(try tampered("sig.age", python: """
            for m, d in entries:
                if m.name.endswith("manifest.json"): d = d.replace(b"Maria Lopez", b"Mario Lopez")
                put(out, m.name, d)
            """), contains: "signature does not verify")
        try assertRefused(try tampered("content.age", python: """
            for m, d in entries:
                if m.name.endswith(".jpg"): d = bytes([d[0] ^ 1]) + d[1:]
                put(out, m.name, d)
            """), contains: "do not match its signed manifest")
        try assertRefused(try tampered("escape.age", python: """
            for m, d in entries: put(out, m.name, d)
            put(out, "../../evil.txt", b"evil")
            """), contains: "unsafe entry")
        try assertRefused(try tampered("symlink.age", python: """
            for m, d in entries: put(out, m.name, d)
            i = tarfile.TarInfo("casevault-share/documents/link"); i.type = tarfile.SYMTYPE; i.linkname = "/etc/passwd"; out.addfile(i)
            """), contains: "symbolic link")
        try assertRefused(try tampered("dropped.age", python: """
            for m, d in entries:
                if not m.name.endswith(".jpg"): put(out, m.name, d)
            """), contains: "missing")
    }

    func testSignerDifferentFromPinnedIsRefusedUntilRepinned() throws {
        try makeRepresentative()
        try makeApplicant("maria", as: "Maria Lopez")
        try makeApplicant("impostor", as: "Maria Lopez")
        try export("maria", as: "Maria Lopez", to: "share.age")
        try export("impostor", as: "Maria Lopez", to: "fake.age")
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("share.age"), "-i", dir.path("rep.key")]).status, 0)
        let r = try cv("rep", ["share", "open", dir.path("fake.age"), "-i", dir.path("rep.key"), "--extract", dir.path("fake")])
        XCTAssertEqual(r.status, 6)
        XCTAssertTrue(r.stderr.contains("not the key pinned for that client") && r.stderr.contains("--repin"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("fake")))
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("fake.age"), "-i", dir.path("rep.key")]).status, 6)
        let repin = try cv("rep", ["share", "import", dir.path("fake.age"), "-i", dir.path("rep.key"), "--repin"])
        XCTAssertEqual(repin.status, 0, repin.stderr)
        XCTAssertTrue(repin.stdout.contains("new key"), repin.stdout)
    }

    func testImportFromSeveralClientsAndList() throws {
        try makeRepresentative()
        let clients = ["Maria Lopez", "Ahmed Khan", "Li Wei"]
        for (i, c) in clients.enumerated() {
            try makeApplicant("client\(i)", as: c, docBytes: 1000 + i)
            try export("client\(i)", as: c, to: "s\(i).age")
            XCTAssertEqual(try cv("rep", ["share", "import", dir.path("s\(i).age"), "-i", dir.path("rep.key")]).status, 0)
        }
        Thread.sleep(forTimeInterval: 1.1)
        try export("client0", as: "Maria Lopez", to: "s3.age")
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("s3.age"), "-i", dir.path("rep.key")]).status, 0)
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("s3.age"), "-i", dir.path("rep.key")]).status, 8, "the same share twice")

        let list = try cv("rep", ["share", "list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { !$0.hasPrefix(" ") }.map { $0.components(separatedBy: "  ")[0] }, ["Maria Lopez", "Li Wei", "Ahmed Khan"])
        XCTAssertTrue(lines[0].contains("2 shares"), list.stdout)
        let json = try cv("rep", ["share", "list", "--json"]).json()
        let first = try XCTUnwrap((json["clients"] as? [[String: Any]])?.first)
        let shares = try XCTUnwrap(first["shares"] as? [[String: Any]])
        XCTAssertEqual(shares.count, 2)
        let newest = try XCTUnwrap(shares[0]["shareID"] as? String)
        let ex = try cv("rep", ["share", "extract", String(newest.prefix(8)), dir.path("newest"), "-i", dir.path("rep.key")])
        XCTAssertEqual(ex.status, 0, ex.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.path("newest/codes-and-identifiers.txt")))
        // `check` covers the shares tables and the inbox files.
        let check = try cv("rep", ["check", "--json"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        let checked = try XCTUnwrap(try check.json()["checked"] as? [String: Int])
        XCTAssertEqual(checked["inbox_share"], 4)
        XCTAssertEqual(checked["inbox files"], 4)
        // Share files in the inbox are ciphertext only.
        XCTAssertEqual(try sh("grep -rl 'ABCD-1234-EF' \(dir.path("rep")) | wc -l").trimmingCharacters(in: .whitespaces), "0\n")
    }

    /// One-character relative paths (Foundation on Linux traps on them in
    /// `deletingLastPathComponent`) work for every output: the share, a
    /// document, an extraction directory; `export -o -` writes the share to
    /// standard output, and `backup -o -` is refused rather than creating a
    /// file named "-".
    func testShortRelativePathsAndDashForStandardOutput() throws {
        try makeRepresentative()
        try makeApplicant("app", as: "Maria Lopez")
        let bin = "'\(CLI.binary.path)'"
        let app = "--vault '\(dir.path("app"))' --passphrase-file '\(pass!)' --no-keyring"
        let rep = "--vault '\(dir.path("rep"))' --passphrase-file '\(pass!)' --no-keyring"
        try sh("\(bin) export --to 'Jane Doe' --all-codes --all-docs --as 'Maria Lopez' -o a \(app) 2>/dev/null")
        try sh("\(bin) export --to 'Jane Doe' --all-codes --all-docs -o - \(app) > dash.age 2>/dev/null")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("-")))
        for share in ["a", "dash.age"] {
            let listed = try sh("\(bin) age decrypt -i rep.key \(share) | tar -t")
            XCTAssertTrue(listed.contains("casevault-share/documents/green card.jpg"), "\(share): \(listed)")
        }
        try sh("\(bin) share open a -i rep.key --extract d \(rep) >/dev/null 2>&1")
        XCTAssertEqual(try sh("cmp 'd/documents/green card.jpg' 'green card.jpg' && echo same"), "same\n")
        try sh("\(bin) doc get 'green card.jpg' -o g \(app)")
        XCTAssertEqual(try sh("cmp g 'green card.jpg' && echo same"), "same\n")
        let backup = try cv("app", ["backup", "-o", "-", "--backup-passphrase-file", pass])
        XCTAssertEqual(backup.status, 2, backup.stderr)
        XCTAssertTrue(backup.stderr.contains("a backup is written to a file, not to standard output"), backup.stderr)
        // One JSON document on stdout is impossible when stdout carries the share.
        let json = try cv("app", ["export", "--to", "Rep", "--all-docs", "-o", "-", "--json"])
        XCTAssertEqual(json.status, 2, json.stderr)
        XCTAssertTrue(json.stderr.contains("--json needs -o FILE"), json.stderr)
        XCTAssertNotNil(try json.json()["error"], "the one JSON document is the error: \(json.stdout)")
    }

    func testVaultIdentityAndRepresentativeCommands() throws {
        XCTAssertEqual(try cv("rep", ["init", "--kdf", "interactive"]).status, 0)
        let new = try cv("rep", ["identity", "new", "--json"]).json()
        let recipient = try XCTUnwrap(new["recipient"] as? String)
        let fp = try XCTUnwrap(new["fingerprint"] as? String)
        // Post-quantum by default: the 1,959-character age1pq1 recipient,
        // and a fingerprint as short as a classic one's.
        XCTAssertTrue(recipient.hasPrefix("age1pq1") && recipient.count == 1959, recipient)
        XCTAssertEqual(new["kind"] as? String, "post-quantum")
        XCTAssertEqual(fp.count, 23, fp)
        XCTAssertEqual(try cv("rep", ["identity", "new"]).status, 8, "never replaced silently")
        let show = try cv("rep", ["identity", "show", "--json"]).json()
        XCTAssertEqual(show["recipientFingerprint"] as? String, fp)
        XCTAssertEqual(show["recipientKind"] as? String, "post-quantum")

        XCTAssertEqual(try cv("app", ["init", "--kdf", "interactive"]).status, 0)
        let bad = try cv("app", ["rep", "add", "Jane", String(recipient.dropLast())])
        XCTAssertEqual(bad.status, 7)
        XCTAssertTrue(bad.stderr.contains("not an age recipient"), bad.stderr)
        // The long recipient from a file, as a representative would send it.
        let file = try dir.write("jane.pub", "# Jane's recipient\n\(recipient)\n")
        let add = try cv("app", ["rep", "add", "Jane", "--recipient-file", file])
        XCTAssertTrue(add.stdout.contains(fp) && add.stdout.contains("(post-quantum)"), add.stdout)
        XCTAssertEqual(try cv("app", ["rep", "add", "jane", recipient]).status, 8)
        // A classic representative beside it (an X25519 recipient from age keygen).
        let classic = try CLI.run(["age", "keygen", "-o", dir.path("old.key")]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try cv("app", ["rep", "add", "Old Firm", classic]).status, 0)
        let list = try cv("app", ["rep", "list"]).stdout
        XCTAssertTrue(list.contains("Jane  post-quantum  \(fp)  \(recipient)") && list.contains("Old Firm  classic  "), list)
        let listed = try XCTUnwrap(try cv("app", ["rep", "list", "--json"]).json()["representatives"] as? [[String: Any]])
        XCTAssertEqual(listed.map { $0["kind"] as? String }, ["post-quantum", "classic"])
        XCTAssertEqual(try cv("app", ["code", "add", "USCIS"], stdin: "ABCD-1234-EF\n").status, 0)
        let noName = try cv("app", ["export", "--to", "Jane", "--all-codes", "-o", dir.path("s.age")])
        XCTAssertEqual(noName.status, 7)
        XCTAssertTrue(noName.stderr.contains("--as"), noName.stderr)
        XCTAssertEqual(try cv("app", ["export", "--to", "Jane", "--all-codes", "--as", "Maria", "-o", dir.path("s.age")]).status, 0)
        // An export to a post-quantum representative is post-quantum: one
        // mlkem768x25519 stanza, no classic one.
        let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir.path("s.age"))).prefix(4000), as: UTF8.self)
        XCTAssertTrue(header.contains("\n-> mlkem768x25519 ") && !header.contains("-> X25519"), header)
        XCTAssertEqual(try cv("app", ["export", "--to", "Old Firm", "--all-codes", "-o", dir.path("c.age")]).status, 0)
        let classicHeader = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir.path("c.age"))).prefix(300), as: UTF8.self)
        XCTAssertTrue(classicHeader.contains("\n-> X25519 "), classicHeader)
        // Opened with the identity kept in the vault.
        let open = try cv("rep", ["share", "open", dir.path("s.age")])
        XCTAssertEqual(open.status, 0, open.stderr)
        XCTAssertEqual(try cv("app", ["rep", "remove", "Jane", "--yes"]).status, 0)
        XCTAssertEqual(try cv("app", ["export", "--to", "Jane", "--all-codes", "-o", dir.path("t.age")]).status, 5)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("t.age")))
    }

    /// `identity new --replace` keeps the earlier identity: shares sent to it
    /// (imported, or still a file) keep opening; with imported shares it asks
    /// first (typed on a terminal, `--yes` otherwise, exit 7 without either);
    /// `check` fails when an imported share is opened by no kept identity.
    /// (Before, --replace overwrote the identity silently: every imported
    /// share became unreadable and `check` still passed.)
    func testReplacingTheIdentityKeepsTheEarlierOneForSharesSentToIt() throws {
        XCTAssertEqual(try cv("rep", ["init", "--kdf", "interactive"]).status, 0)
        let first = try cv("rep", ["identity", "new", "--json"]).json()
        let recipient1 = try XCTUnwrap(first["recipient"] as? String), fp1 = try XCTUnwrap(first["fingerprint"] as? String)
        XCTAssertEqual(try cv("app", ["init", "--kdf", "interactive"]).status, 0)
        XCTAssertEqual(try cv("app", ["code", "add", "USCIS"], stdin: "ABCD-1234-EF\n").status, 0)
        XCTAssertEqual(try cv("app", ["rep", "add", "Jane", recipient1]).status, 0)
        for s in ["s1", "s2"] {
            XCTAssertEqual(try cv("app", ["export", "--to", "Jane", "--all-codes", "--as", "Maria", "-o", dir.path("\(s).age")]).status, 0)
        }
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("s1.age")]).status, 0)
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("s2.age")]).status, 0)
        let shareID = try XCTUnwrap((try cv("rep", ["share", "list", "--json"]).json()["clients"] as? [[String: Any]])?
            .first?["shares"] as? [[String: Any]]).first?["shareID"] as? String

        // No terminal, no --yes: refused, nothing changed.
        let vaultArgs: [String] = ["--vault", dir.path("rep"), "--passphrase-file", pass!, "--no-keyring"]
        let refused = try PTY.runWithoutTerminal(["identity", "new", "--replace"] + vaultArgs)
        XCTAssertEqual(refused.status, 7, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("2 imported shares were sent to the current identity (\(fp1))")
                      && refused.stderr.contains("--yes"), refused.stderr)
        XCTAssertEqual(try cv("rep", ["identity", "show", "--json"]).json()["recipientFingerprint"] as? String, fp1)
        // On a terminal, anything but the typed word refuses too.
        let no = try PTY.run(["identity", "new", "--replace"] + vaultArgs, steps: [PTYStep("Type 'replace' to continue: ", send: "y\n")])
        XCTAssertEqual(no.status, 7, no.transcript)
        XCTAssertEqual(try cv("rep", ["identity", "show", "--json"]).json()["recipientFingerprint"] as? String, fp1)
        let yes = try PTY.run(["identity", "new", "--replace"] + vaultArgs, steps: [PTYStep("Type 'replace' to continue: ", send: "replace\n")])
        XCTAssertEqual(yes.status, 0, yes.transcript)
        XCTAssertTrue(yes.transcript.contains("The earlier identity (\(fp1)) is kept: shares sent to it still open (2 in the inbox)."), yes.transcript)

        let show = try cv("rep", ["identity", "show", "--json"]).json()
        let recipient2 = try XCTUnwrap(show["recipient"] as? String)
        XCTAssertNotEqual(recipient2, recipient1)
        XCTAssertEqual((show["earlierRecipients"] as? [[String: String]])?.map { $0["recipient"] }, [recipient1])
        // Shares sent to the earlier identity still open: the file, and the imported copy.
        let open = try cv("rep", ["share", "open", dir.path("s1.age")])
        XCTAssertEqual(open.status, 0, open.stderr)
        let extract = try cv("rep", ["share", "extract", try XCTUnwrap(shareID), dir.path("out")])
        XCTAssertEqual(extract.status, 0, extract.stderr)
        let check = try cv("rep", ["check"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        // A share to the new identity.
        XCTAssertEqual(try cv("app", ["rep", "add", "Jane Two", recipient2]).status, 0)
        XCTAssertEqual(try cv("app", ["export", "--to", "Jane Two", "--all-codes", "-o", dir.path("s3.age")]).status, 0)
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("s3.age")]).status, 0)
        // Replacing again (scripted, --yes): the first and second identities are both kept.
        let again = try cv("rep", ["identity", "new", "--replace", "--yes", "--json"]).json()
        XCTAssertEqual(again["sharesSentToPrevious"] as? String, "1")
        XCTAssertEqual((try cv("rep", ["identity", "show", "--json"]).json()["earlierRecipients"] as? [Any])?.count, 2)
        for s in ["s1", "s2", "s3"] { XCTAssertEqual(try cv("rep", ["share", "open", dir.path("\(s).age")]).status, 0, s) }
        XCTAssertEqual(try cv("rep", ["check"]).status, 0)

        // An identity no longer kept (what --replace used to do): check names the shares it leaves unreadable.
        try sh("python3 -c \"import sqlite3; c = sqlite3.connect('rep/vault.db'); "
               + "c.execute(\\\"DELETE FROM share_secret WHERE rowid = (SELECT min(rowid) FROM share_secret WHERE id LIKE 'retired-%')\\\"); c.commit()\"")
        let bad = try cv("rep", ["check", "--json"])
        XCTAssertEqual(bad.status, 6, bad.stderr)
        let problems = try XCTUnwrap(try bad.json()["problems"] as? [[String: String]])
        XCTAssertEqual(problems.filter { $0["problem"]?.contains("no identity kept in this vault opens it") == true }.count, 2, "\(problems)")
    }

    /// A representative, share or client that does not exist names the list
    /// to look in; the hint said `casevault code list` for all three.
    func testNotFoundHintsNameTheRightList() throws {
        XCTAssertEqual(try cv("v", ["init", "--kdf", "interactive"]).status, 0)
        XCTAssertEqual(try cv("v", ["identity", "new"]).status, 0)
        for (args, list) in [(["rep", "remove", "nobody", "--yes"], "rep list"),
                             (["export", "--to", "nobody", "--all-codes", "--as", "Me", "-o", dir.path("s.age")], "rep list"),
                             (["share", "extract", "abcdef", dir.path("out")], "share list")] {
            let r = try cv("v", args)
            XCTAssertEqual(r.status, 5, r.stderr)
            XCTAssertTrue(r.stderr.hasSuffix("\nhint: list what exists with `casevault \(list)`\n"), args.joined(separator: " ") + ": " + r.stderr)
        }
    }

    /// --extract naming an existing file says "file" (it said "a directory
    /// named ... already exists") and leaves the file alone.
    func testExtractOverAFileSaysFile() throws {
        try makeRepresentative()
        try makeApplicant("maria", as: "Maria Lopez")
        try export("maria", as: "Maria Lopez", to: "share.age")
        let file = try dir.write("notes.txt", "keep me")
        let r = try cv("rep", ["share", "open", dir.path("share.age"), "-i", dir.path("rep.key"), "--extract", file])
        XCTAssertEqual(r.status, 8, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("error: a file named '\(file)' already exists\n"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "keep me")
    }
}
