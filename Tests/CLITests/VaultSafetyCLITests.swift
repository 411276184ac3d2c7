import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// What an attack on the vault found, through the built binary: links in
/// the vault are never followed (a planted `.removing-` link made `status`
/// zero its target), the vault directory is refused when another user owns
/// it or others can write to it (as ssh's StrictModes), FIFOs hang nothing,
/// and the documents lock waits at most 10 s (docs/design.md, "Where the
/// vault lives").
final class VaultSafetyCLITests: CLITestCase {
    @discardableResult
    func cv(_ args: [String], vault path: String? = nil, timeout: TimeInterval = 60,
            file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try CLI.run(args + vaultFlags(path ?? vault), timeout: timeout, file: file, line: line)
    }

    /// A vault with one document, `scan.pdf`; returns the document's id.
    func vaultWithADocument() throws -> String {
        XCTAssertEqual(try cv(["init", "--kdf", "interactive"]).status, 0)
        let scan = try dir.write("scan.pdf", String(repeating: "PASSPORT PAGE 2 ", count: 5000))
        let add = try cv(["doc", "add", scan, "--json"])
        XCTAssertEqual(add.status, 0, add.stderr)
        let docs = try XCTUnwrap(try add.json()["documents"] as? [[String: Any]])
        return try XCTUnwrap(docs.first?["id"] as? String)
    }

    /// A file outside the vault that a followed link would damage.
    func victim() throws -> (path: String, bytes: Data) {
        let text = "someone else's file, not part of any vault\n"
        return (try dir.write("victim.txt", text, mode: 0o644), Data(text.utf8))
    }

    func assertUnchanged(_ victim: (path: String, bytes: Data), mode: Int = 0o644, _ what: String,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: victim.path)), victim.bytes, "\(what) wrote through the link", file: file, line: line)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: victim.path)[.posixPermissions] as? Int, mode,
                       "\(what) changed the mode through the link", file: file, line: line)
    }

    func requireRoot() throws {
        guard geteuid() == 0 else { throw NeedsRootError("giving a directory to another user needs root; `make test` runs as root in CI") }
    }

    // MARK: - Finding 1: links in documents/

    /// A link named as a remove in progress, for the stored document's own
    /// id: opening the store (status, check, emergency, doc list) finished
    /// "the remove" by shredding through the link (the victim became
    /// zeros) and deleting the document's row. Now it is left alone and
    /// every command says so; the document is intact.
    func testALinkNamedAsARemoveInProgressIsNeverFollowed() throws {
        let id = try vaultWithADocument()
        let victim = try victim()
        let link = "\(vault)/documents/.removing-\(id).cvdoc"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim.path)

        let status = try cv(["status"])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("Warnings:\n  - \(link) is a symbolic link (to \(victim.path)), not a file casevault wrote: it was left alone"),
                      status.stdout)
        let check = try cv(["check"])
        XCTAssertEqual(check.status, 6, check.stderr)
        XCTAssertTrue(check.stdout.contains("PROBLEM documents.db documents/.removing-\(id).cvdoc: it is a symbolic link (to \(victim.path))"), check.stdout)
        for args in [["emergency"], ["doc", "list"]] {
            let r = try cv(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("warning: \(link) is a symbolic link (to \(victim.path))"), "\(args): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("scan.pdf"), "\(args): the document is gone: \(r.stdout)")
        }
        try assertUnchanged(victim, "opening the store")
        try assertNotReplaced([(link, S_IFLNK)])
        XCTAssertEqual(try cv(["doc", "verify"]).status, 0, "the document is whole")
    }

    /// `doc remove` of a document whose file is a link renamed the link,
    /// deleted the row and shredded the link's target. Now it refuses before
    /// changing anything; with the real file back, the document is whole.
    func testRemovingADocumentWhoseFileIsALinkChangesNothing() throws {
        let id = try vaultWithADocument()
        let victim = try victim()
        let blob = "\(vault)/documents/\(id).cvdoc", saved = dir.path("saved.cvdoc")
        try FileManager.default.moveItem(atPath: blob, toPath: saved)
        try FileManager.default.createSymbolicLink(atPath: blob, withDestinationPath: victim.path)

        let r = try cv(["doc", "remove", "scan.pdf", "--yes"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("error: refusing to use \(blob): it is a symbolic link (to \(victim.path)), not a file casevault wrote"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\nhint: something other than casevault put it there"), r.stderr)
        try assertUnchanged(victim, "doc remove")
        try assertNotReplaced([(blob, S_IFLNK)])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: vault + "/documents").filter { $0.hasPrefix(".removing-") }, [])

        try FileManager.default.removeItem(atPath: blob)
        try FileManager.default.moveItem(atPath: saved, toPath: blob)
        XCTAssertEqual(try cv(["doc", "verify", "scan.pdf"]).status, 0, "the row was kept")
    }

    // MARK: - Finding 2: the vault directory and its databases

    /// `init` into a directory of another user kept that owner; into one
    /// anyone can write, it went ahead. Both are refused before anything is
    /// asked or written.
    func testInitRefusesADirectoryOfAnotherUserOrOneOthersCanWrite() throws {
        try requireRoot()
        let theirs = dir.path("theirs"), open = dir.path("open")
        try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        XCTAssertEqual(chown(theirs, 65534, 65534), 0)
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: false)
        XCTAssertEqual(chmod(open, 0o777), 0)

        let r1 = try cv(["init", "--kdf", "interactive"], vault: theirs)
        XCTAssertEqual(r1.status, 1, r1.stderr)
        XCTAssertTrue(r1.stderr.hasPrefix("error: refusing to use \(theirs): it is owned by another user (") && r1.stderr.contains("uid 65534)"), r1.stderr)
        XCTAssertTrue(r1.stderr.contains("\nhint: choose a directory of your own with --vault DIR"), r1.stderr)
        let r2 = try cv(["init", "--kdf", "interactive"], vault: open)
        XCTAssertEqual(r2.status, 1, r2.stderr)
        XCTAssertEqual(r2.stderr, "error: refusing to use \(open): other users can write to it (mode 0777), so they could replace the vault's files\n"
                       + "hint: make it yours alone first (chmod 700 \(open)), or choose a new directory with --vault DIR (casevault creates it, mode 0700)\n")
        for d in [theirs, open] { XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: d), [], "init wrote into \(d)") }
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: theirs)[.ownerAccountID] as? Int, 65534)

        // Made ours alone, the same directory is fine.
        XCTAssertEqual(chmod(open, 0o700), 0)
        XCTAssertEqual(try cv(["init", "--kdf", "interactive"], vault: open).status, 0)
    }

    /// An existing vault whose directory (or documents/) others can write
    /// to, or that another user owns, is refused with what to do; one that
    /// is only readable by others is tightened to 0700 and used. Run as
    /// root, a vault of another user is refused too: its owner could turn
    /// its files into links to root's.
    func testAVaultOthersCanChangeIsRefused() throws {
        try requireRoot()
        _ = try vaultWithADocument()
        XCTAssertEqual(chmod(vault, 0o777), 0)
        let open = try cv(["status"])
        XCTAssertEqual(open.status, 1, open.stderr)
        XCTAssertEqual(open.stderr, "error: refusing to use \(vault): other users can write to it (mode 0777), so they could replace the vault's files\n"
                       + "hint: if only you have used it: chmod 700 \(vault), then run `casevault check`\n")

        XCTAssertEqual(chmod(vault, 0o755), 0)
        XCTAssertEqual(try cv(["status"]).status, 0)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: vault)[.posixPermissions] as? Int, 0o700, "not tightened")

        XCTAssertEqual(chmod(vault + "/documents", 0o770), 0)
        let docs = try cv(["doc", "list"])
        XCTAssertEqual(docs.status, 1, docs.stderr)
        XCTAssertTrue(docs.stderr.hasPrefix("error: refusing to use \(vault)/documents: other users can write to it (mode 0770)"), docs.stderr)
        XCTAssertEqual(chmod(vault + "/documents", 0o700), 0)

        XCTAssertEqual(chown(vault, 65534, 65534), 0)
        let theirs = try cv(["status"])
        XCTAssertEqual(theirs.status, 1, theirs.stderr)
        XCTAssertTrue(theirs.stderr.hasPrefix("error: refusing to use \(vault): it is owned by another user (") && theirs.stderr.contains("uid 65534)"),
                      theirs.stderr)
        XCTAssertEqual(chown(vault, 0, 0), 0)
        XCTAssertEqual(try cv(["check"]).status, 0)
    }

    /// A vault directory that is a link is refused, and the hint names the
    /// directory it points to.
    func testALinkedVaultDirectoryIsRefused() throws {
        XCTAssertEqual(try cv(["init", "--kdf", "interactive"]).status, 0)
        let link = dir.path("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "vault")
        let r = try cv(["status"], vault: link)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "error: refusing to use \(link): it is a symbolic link (to vault); casevault does not follow links to or inside the vault\n"
                       + "hint: name the directory itself: --vault \(URL(fileURLWithPath: vault).resolvingSymlinksInPath().path)\n")
    }

    /// vault.db a link to a device node, vault.db-wal and documents.db links
    /// to someone's file: each is refused before SQLite opens anything, and
    /// nothing is chmodded through them (a device went from 0666 to 0600).
    func testLinkedDatabaseFilesAreNeitherFollowedNorChmodded() throws {
        try requireRoot()
        _ = try vaultWithADocument()
        XCTAssertEqual(try cv(["check"]).status, 0)  // checkpoints: vault.db holds everything
        let device = dir.path("null")
        XCTAssertEqual(try CLI.tool(["mknod", "-m", "666", device, "c", "1", "3"]).status, 0)
        let victim = try victim()
        let db = vault + "/vault.db", saved = dir.path("vault.db.saved")
        try FileManager.default.moveItem(atPath: db, toPath: saved)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }

        try FileManager.default.createSymbolicLink(atPath: db, withDestinationPath: device)
        let r = try cv(["status"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("error: refusing to use \(db): it is a symbolic link (to \(device)), not a file casevault wrote"), r.stderr)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: device)[.posixPermissions] as? Int, 0o666, "the device was chmodded")
        try FileManager.default.removeItem(atPath: db)
        try FileManager.default.moveItem(atPath: saved, toPath: db)

        for (name, args) in [("vault.db-wal", ["status"]), ("documents.db", ["doc", "list"])] {
            let path = vault + "/" + name, aside = dir.path(name + ".saved")
            try? FileManager.default.moveItem(atPath: path, toPath: aside)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim.path)
            let r = try cv(args)
            XCTAssertEqual(r.status, 1, "\(name): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("error: refusing to use \(path): it is a symbolic link (to \(victim.path))"), "\(name): \(r.stderr)")
            try assertUnchanged(victim, name)
            try FileManager.default.removeItem(atPath: path)
            try? FileManager.default.moveItem(atPath: aside, toPath: path)
        }
        XCTAssertEqual(try cv(["check"]).status, 0)
    }

    // MARK: - Finding 10: hangs

    /// A FIFO in place of a document file hung `check`, `backup` and
    /// `doc remove` (each opened it and waited for a writer); a FIFO given
    /// to `doc add` or `share open` hung them the same way. Each now
    /// answers at once, naming it.
    func testFIFOsHangNothing() throws {
        let id = try vaultWithADocument()
        let blob = "\(vault)/documents/\(id).cvdoc"
        try FileManager.default.moveItem(atPath: blob, toPath: dir.path("saved.cvdoc"))
        XCTAssertEqual(mkfifo(blob, 0o600), 0)

        let check = try cv(["check"], timeout: 30)
        XCTAssertEqual(check.status, 6, check.stderr)
        XCTAssertTrue(check.stdout.contains("PROBLEM documents.db documents/\(id).cvdoc: it is a FIFO (named pipe), not a file casevault wrote"), check.stdout)
        let backup = try cv(["backup", "-o", dir.path("backup.age"), "--backup-passphrase-file", pass], timeout: 30)
        XCTAssertEqual(backup.status, 1, backup.stderr)
        XCTAssertTrue(backup.stderr.contains("error: refusing to use \(blob): it is a FIFO (named pipe)"), backup.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("backup.age")))
        let remove = try cv(["doc", "remove", "scan.pdf", "--yes"], timeout: 30)
        XCTAssertEqual(remove.status, 1, remove.stderr)
        XCTAssertTrue(remove.stderr.contains("error: refusing to use \(blob): it is a FIFO (named pipe)"), remove.stderr)
        try assertNotReplaced([(blob, S_IFIFO)])

        let input = dir.path("input.pdf")
        XCTAssertEqual(mkfifo(input, 0o600), 0)
        let add = try cv(["doc", "add", input], timeout: 30)
        XCTAssertEqual(add.status, 7, add.stderr)
        XCTAssertTrue(add.stderr.contains("error: invalid file \(input): it is a FIFO, device or socket, not a regular file; nothing was stored"),
                      add.stderr)
        XCTAssertEqual(try CLI.run(["identity", "new", "-o", dir.path("rep.key")]).status, 0)
        let open = try CLI.run(["share", "open", input, "-i", dir.path("rep.key"), "--vault", dir.path("none")], timeout: 30)
        XCTAssertEqual(open.status, 7, open.stderr)
        XCTAssertTrue(open.stderr.hasPrefix("error: invalid file \(input): it is a FIFO or pipe, not a regular file; nothing was read from it"),
                      open.stderr)
    }

    /// The documents lock held by another process (here python's flock)
    /// made `doc add` wait as long as it was held (more than 20 s); it now
    /// waits the documented bound, 10 s, then exits 9 as a busy vault does.
    func testTheDocumentsLockWaitsAtMostTenSeconds() throws {
        _ = try vaultWithADocument()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", """
            import fcntl, sys, time
            f = open(sys.argv[1], "r+")
            fcntl.flock(f, fcntl.LOCK_EX); print("locked", flush=True); time.sleep(40)
            """, vault + "/documents/.lock"]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        XCTAssertTrue(String(decoding: out.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("locked"))

        let scan = try dir.write("second.pdf", "second page\n")
        let start = Date()
        let r = try cv(["doc", "add", scan], timeout: 60)
        let waited = Date().timeIntervalSince(start)
        XCTAssertEqual(r.status, 9, r.stderr)
        XCTAssertEqual(r.stderr, "error: the vault is busy: another casevault process held it for more than 10 s\n"
                       + "hint: wait for the other casevault command to finish, then try again\n")
        XCTAssertGreaterThanOrEqual(waited, 9.5)
        XCTAssertLessThan(waited, 20)
    }
}
