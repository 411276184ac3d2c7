import Foundation
import XCTest

/// `share import FILE...` (docs/cli.md): several files in one command, each
/// verified and kept or refused on its own.
extension ShareCLITests {
    func testImportOfSeveralFilesKeepsTheGoodOnesAndNamesTheRefused() throws {
        try makeRepresentative()
        for (i, c) in ["Maria Lopez", "Ahmed Khan", "Li Wei"].enumerated() {
            try makeApplicant("client\(i)", as: c, docBytes: 1000 + i)
            try export("client\(i)", as: c, to: "s\(i).age")
        }
        // Ahmed's share with one document byte changed: refused.
        try export("client1", as: "Ahmed Khan", to: "share.age")
        let bad = try tampered("bad.age", python: """
            for m, d in entries:
                if m.name.endswith(".jpg"): d = bytes([d[0] ^ 1]) + d[1:]
                put(out, m.name, d)
            """)
        let r = try cv("rep", ["share", "import", dir.path("s0.age"), bad, dir.path("s2.age"), "-i", dir.path("rep.key")])
        XCTAssertEqual(r.status, 6, "the exit code of the refused file: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("error: \(bad): ") && r.stderr.contains("do not match its signed manifest"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1 of 3 share files were not imported"), r.stderr)
        XCTAssertTrue(r.stdout.contains("Imported for client 'Maria Lopez'") && r.stdout.contains("Imported for client 'Li Wei'"), r.stdout)
        XCTAssertFalse(r.stdout.contains("Ahmed"), r.stdout)
        let clients = try XCTUnwrap(try cv("rep", ["share", "list", "--json"]).json()["clients"] as? [[String: Any]])
        XCTAssertEqual(Set(clients.compactMap { $0["client"] as? String }), ["Maria Lopez", "Li Wei"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("rep/inbox")).count, 2, "nothing kept of the refused one")

        // --json: one document listing both; the exit code of the first refused (the duplicate, 8).
        let j = try cv("rep", ["share", "import", dir.path("s0.age"), dir.path("s1.age"), bad, "-i", dir.path("rep.key"), "--json"])
        XCTAssertEqual(j.status, 8, j.stderr)
        let doc = try j.json()
        let imported = try XCTUnwrap(doc["imported"] as? [[String: Any]])
        XCTAssertEqual(imported.compactMap { $0["from"] as? String }, ["Ahmed Khan"])
        let refused = try XCTUnwrap(doc["refused"] as? [[String: Any]])
        XCTAssertEqual(refused.compactMap { $0["file"] as? String }, [dir.path("s0.age"), bad])
        XCTAssertEqual(refused.compactMap { ($0["exitCode"] as? NSNumber)?.intValue }, [8, 6])
        XCTAssertNil(doc["error"], "one JSON document, not a second error document")

        // Every file good: exit 0. A file that does not exist is refused like any other.
        try export("client2", as: "Li Wei", to: "s3.age")
        let ok = try cv("rep", ["share", "import", dir.path("s3.age"), "-i", dir.path("rep.key")])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let missing = try cv("rep", ["share", "import", dir.path("nope.age"), dir.path("s3.age"), "-i", dir.path("rep.key")])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("error: \(dir.path("nope.age")): "), missing.stderr)
        XCTAssertEqual((try cv("rep", ["share", "list", "--json"]).json()["clients"] as? [[String: Any]])?.count, 3)
        XCTAssertEqual(try cv("rep", ["check"]).status, 0)
    }
}
