import Foundation
import XCTest

/// `share reindex` (docs/cli.md): the inbox index is derived from the kept
/// shares' records, so a damaged one is made again, not restored.
extension ShareCLITests {
    func testADamagedIndexIsReportedByCheckAndMadeAgainByReindex() throws {
        try makeRepresentative()
        for (i, c) in ["Maria Lopez", "Ahmed Khan"].enumerated() {
            try makeApplicant("client\(i)", as: c, docBytes: 1000 + i)
            try export("client\(i)", as: c, to: "s\(i).age")
            XCTAssertEqual(try cv("rep", ["share", "import", dir.path("s\(i).age"), "-i", dir.path("rep.key")]).status, 0)
        }
        // One byte of every index bucket's ciphertext changed on disk.
        try sh("python3 -c \"import sqlite3; c = sqlite3.connect('rep/vault.db'); "
               + "rows = c.execute('SELECT id, ciphertext FROM inbox_index').fetchall(); "
               + "[c.execute('UPDATE inbox_index SET ciphertext = ? WHERE id = ?', (bytes([r[1][0] ^ 1]) + r[1][1:], r[0])) for r in rows]; "
               + "c.commit(); print(len(rows))\"")

        let list = try cv("rep", ["share", "list"])
        XCTAssertEqual(list.status, 6, "a bucket that does not authenticate is an integrity error: \(list.stderr)")
        XCTAssertFalse(list.stdout.contains("Maria"), "nothing listed from a damaged index")

        let check = try cv("rep", ["check", "--json"])
        XCTAssertEqual(check.status, 6, check.stderr)
        let problems = try XCTUnwrap(try check.json()["problems"] as? [[String: String]])
        XCTAssertFalse(problems.isEmpty)
        XCTAssertTrue(problems.allSatisfy { $0["record"]?.hasPrefix("inbox_index") == true }, "\(problems)")
        let plain = try cv("rep", ["check"])
        XCTAssertTrue(plain.stderr.contains("remake it with `casevault share reindex`"), plain.stderr)

        let re = try cv("rep", ["share", "reindex"])
        XCTAssertEqual(re.status, 0, re.stderr)
        XCTAssertEqual(re.stdout, "The inbox index was made again: 2 clients, 2 shares.\n")
        let clients = try XCTUnwrap(try cv("rep", ["share", "list", "--json"]).json()["clients"] as? [[String: Any]])
        XCTAssertEqual(clients.compactMap { $0["client"] as? String }, ["Ahmed Khan", "Maria Lopez"], "newest first")
        XCTAssertEqual(try cv("rep", ["check"]).status, 0)
        XCTAssertEqual(try cv("rep", ["share", "reindex", "--json"]).json()["shares"] as? Int, 2)
    }
}

/// `share remove ID` (docs/cli.md): one share's record, summary and kept file
/// go; the client's pinned key stays and still decides the next import.
extension ShareCLITests {
    func testRemovingAShareDeletesItsFileAndKeepsThePin() throws {
        try makeRepresentative()
        try makeApplicant("maria", as: "Maria Lopez")
        try export("maria", as: "Maria Lopez", to: "s1.age")
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("s1.age"), "-i", dir.path("rep.key")]).status, 0)
        let clients = try XCTUnwrap(try cv("rep", ["share", "list", "--json"]).json()["clients"] as? [[String: Any]])
        let share = try XCTUnwrap((clients.first?["shares"] as? [[String: Any]])?.first?["id"] as? String)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("rep/inbox")), ["\(share).age"])

        // Without a terminal, --yes is required; nothing is removed.
        let refused = try cv("rep", ["share", "remove", String(share.prefix(8))])
        XCTAssertEqual(refused.status, 7, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--yes to confirm"), refused.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("rep/inbox")).count, 1)

        let gone = try cv("rep", ["share", "remove", String(share.prefix(8)), "--yes", "--json"])
        XCTAssertEqual(gone.status, 0, gone.stderr)
        XCTAssertEqual(try gone.json()["removed"] as? String, share)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("rep/inbox")), [], "the kept file is deleted")
        let after = try XCTUnwrap(try cv("rep", ["share", "list", "--json"]).json()["clients"] as? [[String: Any]])
        XCTAssertEqual(after.count, 0, "share list names clients with shares: \(after)")
        XCTAssertEqual(try cv("rep", ["share", "remove", share, "--yes"]).status, 5, "a removed share is not found")
        XCTAssertEqual(try cv("rep", ["check"]).status, 0)

        // The pin still decides: a share from another key under that name is refused.
        try makeApplicant("impostor", as: "Maria Lopez")
        try export("impostor", as: "Maria Lopez", to: "s2.age")
        let other = try cv("rep", ["share", "import", dir.path("s2.age"), "-i", dir.path("rep.key")])
        XCTAssertEqual(other.status, 6, other.stderr)
        // The same client's next share is imported.
        try export("maria", as: "Maria Lopez", to: "s3.age")
        XCTAssertEqual(try cv("rep", ["share", "import", dir.path("s3.age"), "-i", dir.path("rep.key")]).status, 0)
    }
}
