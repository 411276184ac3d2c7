import Foundation
import SodiumKit
import XCTest
@testable import CaseVault

/// Shares built by hand and signed with their own keys (HandBuiltShare),
/// through the built binary: what the hardening issue's attack on the
/// release binary sent, and what each must now get.
extension ShareCLITests {
    /// Finding 9: a share id that is an escape sequence, empty, 3 MB long or
    /// otherwise not what the exporter writes is refused (exit 6) at open and
    /// at import, and nothing is kept: no inbox file, no record, no pin.
    func testHostileShareIDsAreRefusedAndNothingIsKept() throws {
        try makeRepresentative()
        let vaultDB = dir.path("rep/vault.db")
        let sizeBefore = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: vaultDB)[.size] as? Int)
        let ids = ["\u{1B}]0;owned\u{07}\u{1B}[2J", "", String(repeating: "a", count: 3_000_000),
                   String(repeating: "A", count: 32), String(repeating: "a", count: 31), String(repeating: "g", count: 32)]
        for (i, id) in ids.enumerated() {
            var share = try HandBuiltShare(sender: "Client \(i)")
            share.shareID = id
            let file = dir.path("id\(i).age")
            try share.write(to: file, identityFile: dir.path("rep.key"))
            for command in [["share", "open", file, "-i", dir.path("rep.key")], ["share", "import", file, "-i", dir.path("rep.key")]] {
                let r = try cv("rep", command)
                XCTAssertEqual(r.status, 6, "share id #\(i): \(r.stderr)")
                XCTAssertTrue(r.stderr.hasPrefix("error: not a valid casevault share: the manifest's share id is not 32 lowercase hex digits\n"), r.stderr)
                XCTAssertFalse(r.stderr.contains("\u{1B}") || r.stderr.contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), "the id is not echoed")
            }
        }
        let list = try cv("rep", ["share", "list", "--json"]).json()
        XCTAssertEqual((list["clients"] as? [Any])?.count, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("rep/inbox")), [])
        let sizeAfter = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: vaultDB)[.size] as? Int)
        XCTAssertLessThan(sizeAfter, sizeBefore + 200_000, "vault.db grew by \(sizeAfter - sizeBefore) bytes")
    }

    /// Finding 9: a share id chosen to collide. `share list` shows the
    /// inbox's own ids (random, made at import); a share copying another
    /// client's share id is refused at import; a prefix that matches shares
    /// of two clients is refused as ambiguous, never resolved to one of them.
    func testShareIDsChosenToCollideNeverPickAnotherClientsShare() throws {
        try makeRepresentative()
        try makeApplicant("maria", as: "Maria Lopez")
        try export("maria", as: "Maria Lopez", to: "maria.age")
        let imported = try cv("rep", ["share", "import", dir.path("maria.age"), "-i", dir.path("rep.key"), "--json"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let json = try imported.json()
        let inboxID = try XCTUnwrap(json["id"] as? String)
        let mariaShareID = try XCTUnwrap(json["shareID"] as? String)
        XCTAssertNotEqual(inboxID, mariaShareID)
        let listed = try cv("rep", ["share", "list"]).stdout
        XCTAssertTrue(listed.contains("  \(inboxID.prefix(12))  "), listed)
        XCTAssertFalse(listed.contains(String(mariaShareID.prefix(12))), "the list shows the inbox's id, not the sender's: \(listed)")

        // Another key copies Maria's share id: refused, nothing kept.
        var copy = try HandBuiltShare(sender: "Ahmed Khan")
        copy.shareID = mariaShareID
        try copy.write(to: dir.path("copy.age"), identityFile: dir.path("rep.key"))
        let refused = try cv("rep", ["share", "import", dir.path("copy.age"), "-i", dir.path("rep.key")])
        XCTAssertEqual(refused.status, 6, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("share id is already used by a share another key signed"), refused.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("rep/inbox")).count, 1)

        // Another key's share id starts with the id `share list` shows for Maria's.
        var lookalike = try HandBuiltShare(sender: "Ahmed Khan")
        lookalike.shareID = String(inboxID.prefix(12)) + Bytes.hex(Random.bytes(10))
        try lookalike.write(to: dir.path("prefix.age"), identityFile: dir.path("rep.key"))
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("prefix.age"), "-i", dir.path("rep.key")]).status, 0)
        let ambiguous = try cv("rep", ["share", "extract", String(inboxID.prefix(12)), dir.path("out"), "-i", dir.path("rep.key")])
        XCTAssertEqual(ambiguous.status, 7, ambiguous.stderr)
        XCTAssertTrue(ambiguous.stderr.contains("it matches 2 shares of 2 clients"), ambiguous.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("out")))
        // The full id shown is unambiguous, and it is Maria's share.
        let ex = try cv("rep", ["share", "extract", inboxID, dir.path("out"), "-i", dir.path("rep.key")])
        XCTAssertEqual(ex.status, 0, ex.stderr)
        XCTAssertTrue(ex.stdout.contains("from Maria Lopez") && FileManager.default.fileExists(atPath: dir.path("out/documents/green card.jpg")), ex.stdout)
    }

    /// The file names the hardening issue's attack made extraction write.
    static let hostileFileNames = ["I-797 notice\u{202E}fdp.exe", ".bashrc", "csi\u{9B}31mred", "CON", "a:b<c>|?*", "trail. ", "zw\u{200B}sp"]

    /// Finding 8, at open: a share naming a document with a bidi override, a
    /// leading dot, a C1 control, a Windows device name, Windows-reserved
    /// characters, a trailing dot and space or a zero-width space is refused
    /// (exit 6) by `share open`, `share open --extract` and `share import`,
    /// validly signed or not, and nothing is written or kept.
    func testHostileFileNamesInAShareAreRefusedAtOpen() throws {
        try makeRepresentative()
        for (i, name) in Self.hostileFileNames.enumerated() {
            var share = try HandBuiltShare(sender: "Client \(i)")
            share.document(name)
            let file = dir.path("names\(i).age")
            try share.write(to: file, identityFile: dir.path("rep.key"))
            for command in [["share", "open", file, "-i", dir.path("rep.key"), "--extract", dir.path("out")],
                            ["share", "open", file, "-i", dir.path("rep.key")],
                            ["share", "import", file, "-i", dir.path("rep.key")]] {
                let r = try cv("rep", command)
                XCTAssertEqual(r.status, 6, "name #\(i) \(command[1]): \(r.stderr)")
                XCTAssertTrue(r.stderr.hasPrefix("error: refused an unsafe entry in the share: a name in the archive is not a safe file name: the name "),
                              "name #\(i): \(r.stderr)")
                XCTAssertFalse(r.stderr.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B || $0.value == 0x200B }, "name #\(i) echoed raw")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("out")))
        XCTAssertEqual(try sh("ls -a | grep -c casevault-share || true"), "0\n", "no temporary directory left")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("rep/inbox")), [])
        XCTAssertEqual((try cv("rep", ["share", "list", "--json"]).json()["clients"] as? [Any])?.count, 0, "nothing pinned or kept")
    }

    /// Finding 8, at export: the names of the documents a vault can hold are
    /// written into a share only in the form the reader accepts on every
    /// system (the three that cannot enter a vault are refused at `doc add`,
    /// TextRuleCLITests.testDocumentFileNamesFollowTheRule).
    func testExportWritesOnlyPortableFileNames() throws {
        try makeRepresentative()
        try makeApplicant("maria", as: "Maria Lopez")
        for (i, name) in [".bashrc", "CON", "a:b<c>|?*", "trail. "].enumerated() {
            try sh("printf x > '\(name)'")
            let r = try cv("maria", ["doc", "add", dir.path(name), "--label", "doc \(i)"])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        try export("maria", as: "Maria Lopez", to: "share.age")
        let listed = try sh("'\(CLI.binary.path)' age decrypt -i rep.key share.age | tar -t").split(separator: "\n").map(String.init)
        let names = listed.filter { $0.hasPrefix("casevault-share/documents/") }.map { String($0.dropFirst(26)) }
        XCTAssertEqual(Set(names), ["green card.jpg", "_bashrc", "_CON", "a_b_c____", "trail"], listed.joined(separator: ", "))
        for n in names { XCTAssertNil(PortableFileName.problem(n), n) }
        let open = try cv("rep", ["share", "open", dir.path("share.age"), "-i", dir.path("rep.key"), "--extract", dir.path("out")])
        XCTAssertEqual(open.status, 0, open.stderr)
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path("out/documents"))), Set(names))
    }

    /// Finding 7: with "Maria Lopez" pinned, shares from other keys signed as
    /// "Maria Lopez" with a no-break space, a zero-width joiner or a Cyrillic
    /// М were each pinned as a new client, and `share list` showed several
    /// "Maria Lopez". Now each is imported flagged and not pinned, is not
    /// extracted, and the list marks every name that looks like another;
    /// `share pin` is the explicit step. Names with U+034F or a Hangul
    /// filler are refused outright (invisible characters).
    func testLookalikeClientNamesAreFlaggedNotPinned() throws {
        try makeRepresentative()
        try makeApplicant("maria", as: "Maria Lopez")
        try export("maria", as: "Maria Lopez", to: "maria.age")
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("maria.age"), "-i", dir.path("rep.key")]).status, 0)
        let lookalikes = ["Maria\u{A0}Lopez", "Mar\u{200D}ia Lopez", "\u{41C}aria Lopez"]
        var ids: [String] = []
        for (i, name) in lookalikes.enumerated() {
            try makeApplicant("alike\(i)", as: name, docBytes: 500 + i)
            try export("alike\(i)", as: name, to: "alike\(i).age")
            let extract = try cv("rep", ["share", "open", dir.path("alike\(i).age"), "-i", dir.path("rep.key"), "--extract", dir.path("out")])
            XCTAssertEqual(extract.status, 6, extract.stderr)
            XCTAssertTrue(extract.stderr.contains("a name that looks like pinned client 'Maria Lopez'") && extract.stderr.contains("held back, not pinned"),
                          extract.stderr)
            let r = try cv("rep", ["share", "import", dir.path("alike\(i).age"), "-i", dir.path("rep.key"), "--json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let json = try r.json()
            XCTAssertEqual(json["pin"] as? String, "flagged")
            XCTAssertEqual(json["looksLike"] as? String, "Maria Lopez")
            XCTAssertTrue(r.stderr.contains("warning: ") && r.stderr.contains("looks like your client 'Maria Lopez'"), r.stderr)
            ids.append(try XCTUnwrap(json["id"] as? String))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("out")))
        for (i, name) in ["Maria\u{34F} Lopez", "Maria\u{3164}Lopez"].enumerated() {
            let share = try HandBuiltShare(sender: name)
            try share.write(to: dir.path("filler\(i).age"), identityFile: dir.path("rep.key"))
            let r = try cv("rep", ["share", "import", dir.path("filler\(i).age"), "-i", dir.path("rep.key")])
            XCTAssertEqual(r.status, 6, r.stderr)
            XCTAssertTrue(r.stderr.contains("sender name holds U+"), r.stderr)
        }

        // The list: one pinned Maria Lopez; every look-alike marked, written out, not pinned.
        let list = try cv("rep", ["share", "list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let clients = list.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map(String.init)
        XCTAssertEqual(clients.count, 4, list.stdout)
        XCTAssertTrue(clients.allSatisfy { $0.contains("[looks like ") }, list.stdout)
        XCTAssertEqual(clients.filter { $0.contains("not pinned") }.count, 3, list.stdout)
        for shown in ["Maria\\u{A0}Lopez  (", "Mar\\u{200D}ia Lopez  (", "\\u{41C}aria Lopez  ("] {
            XCTAssertTrue(clients.contains { $0.hasPrefix(shown) }, "\(shown) in \(list.stdout)")
        }
        XCTAssertEqual(list.stdout.components(separatedBy: "[flagged: looks like 'Maria Lopez'").count - 1, 3, list.stdout)
        let pins = try cv("rep", ["share", "list", "--json"]).json()["clients"] as? [[String: Any]] ?? []
        XCTAssertEqual(pins.filter { $0["pinned"] as? Bool == true }.map { $0["client"] as? String }, ["Maria Lopez"])

        // A flagged share is not extracted until `share pin` after a phone check.
        let held = try cv("rep", ["share", "extract", ids[0], dir.path("out"), "-i", dir.path("rep.key")])
        XCTAssertEqual(held.status, 6, held.stderr)
        XCTAssertTrue(held.stderr.contains("`casevault share pin \(ids[0].prefix(12))`"), held.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("out")))
        let pin = try cv("rep", ["share", "pin", String(ids[0].prefix(12)), "-i", dir.path("rep.key")])
        XCTAssertEqual(pin.status, 0, pin.stderr)
        XCTAssertTrue(pin.stdout.hasPrefix("Pinned key ") && pin.stdout.contains("for 'Maria\\u{A0}Lopez', a client of its own"), pin.stdout)
        let ex = try cv("rep", ["share", "extract", ids[0], dir.path("out"), "-i", dir.path("rep.key")])
        XCTAssertEqual(ex.status, 0, ex.stderr)
        // Pinned now, but still marked as looking like Maria Lopez.
        let after = try cv("rep", ["share", "list"]).stdout
        let nbsp = try XCTUnwrap(after.split(separator: "\n").first { $0.hasPrefix("Maria\\u{A0}Lopez  (") })
        XCTAssertTrue(!nbsp.contains("not pinned") && nbsp.contains("[looks like "), after)
    }
}
