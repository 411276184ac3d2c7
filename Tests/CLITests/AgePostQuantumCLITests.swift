import Foundation
import XCTest

/// `casevault age` with post-quantum (`mlkem768x25519`) keys, through the
/// built binary: keygen --pq, encrypt to age1pq1 recipients (-r and -R),
/// decrypt with AGE-SECRET-KEY-PQ-1 identities, and the refusal to mix
/// post-quantum and classic recipients. The files are also checked by the
/// independent Python implementation in Tests/Python/test_age_pq.py.
final class AgePostQuantumCLITests: XCTestCase {
    private func keygen(_ dir: TempDir, _ name: String, pq: Bool = true) throws -> (path: String, recipient: String) {
        let path = dir.path(name)
        let r = try CLI.run(["age", "keygen", "-o", path] + (pq ? ["--pq"] : []))
        XCTAssertEqual(r.status, 0, r.stderr)
        return (path, r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func testKeygenPQWritesAnIdentityFileAndTheLongRecipient() throws {
        let dir = try TempDir()
        let (path, recipient) = try keygen(dir, "pq.key")
        XCTAssertTrue(recipient.hasPrefix("age1pq1"), recipient)
        XCTAssertEqual(recipient.count, 1959)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[1], "# public key: \(recipient)")
        XCTAssertTrue(lines[2].hasPrefix("AGE-SECRET-KEY-PQ-1") && lines[2].count == 77, String(lines[2].prefix(20)))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        // To standard output: the identity there, the recipient on stderr.
        let out = try CLI.run(["age", "keygen", "--pq"])
        XCTAssertTrue(out.stdout.contains("AGE-SECRET-KEY-PQ-1") && out.stderr.hasPrefix("Public key: age1pq1"), out.stderr)
    }

    func testEncryptDecryptRoundTripWithRecipientAndRecipientsFile() throws {
        let dir = try TempDir()
        let (key, recipient) = try keygen(dir, "pq.key")
        let (key2, recipient2) = try keygen(dir, "pq2.key")
        let plain = dir.path("plain.bin")
        try Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: plain))
        var r = try CLI.run(["age", "encrypt", "-r", recipient, "-o", dir.path("a.age"), plain])
        XCTAssertEqual(r.status, 0, r.stderr)
        let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir.path("a.age"))).prefix(2200), as: UTF8.self)
        XCTAssertTrue(header.hasPrefix("age-encryption.org/v1\n-> mlkem768x25519 "), header)
        r = try CLI.run(["age", "decrypt", "-i", key, "-o", dir.path("a.out"), dir.path("a.age")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.path("a.out"))), try Data(contentsOf: URL(fileURLWithPath: plain)))

        // -R with both post-quantum recipients (CRLF and a comment), armored.
        let list = try dir.write("recipients.txt", "# the firm\r\n\(recipient)\r\n\(recipient2)\r\n")
        r = try CLI.run(["age", "encrypt", "-R", list, "-a", "-o", dir.path("b.age"), plain])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try CLI.run(["age", "decrypt", "-i", key2, "-o", dir.path("b.out"), dir.path("b.age")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.path("b.out"))), try Data(contentsOf: URL(fileURLWithPath: plain)))

        // The wrong key: exit 4 (no key opens it) and nothing written.
        let (other, _) = try keygen(dir, "other.key")
        r = try CLI.run(["age", "decrypt", "-i", other, "-o", dir.path("c.out"), dir.path("a.age")])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("c.out")))
        // An identity file with a classic key and a post-quantum one opens it.
        let (classicKey, _) = try keygen(dir, "classic.key", pq: false)
        let both = try dir.write("both.key", try String(contentsOfFile: classicKey, encoding: .utf8) + String(contentsOfFile: key, encoding: .utf8))
        r = try CLI.run(["age", "decrypt", "-i", both, "-o", dir.path("d.out"), dir.path("a.age")])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testMixingPostQuantumAndClassicRecipientsIsRefused() throws {
        let dir = try TempDir()
        let (_, pq) = try keygen(dir, "pq.key")
        let (_, classic) = try keygen(dir, "classic.key", pq: false)
        let plain = try dir.write("plain.txt", "secret\n")
        for args in [["-r", pq, "-r", classic], ["-r", classic, "-r", pq]] {
            let r = try CLI.run(["age", "encrypt"] + args + ["-o", dir.path("mixed.age"), plain])
            XCTAssertEqual(r.status, 7, r.stderr)
            XCTAssertTrue(r.stderr.contains("cannot be mixed") && r.stderr.contains("hint: "), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("mixed.age")))
        }
        let list = try dir.write("mixed.txt", "\(pq)\n\(classic)\n")
        let r = try CLI.run(["age", "encrypt", "-R", list, "-o", dir.path("mixed.age"), plain])
        XCTAssertEqual(r.status, 7, r.stderr)
    }

    func testMalformedStanzaIsRefusedByName() throws {
        let dir = try TempDir()
        let (key, recipient) = try keygen(dir, "pq.key")
        let plain = try dir.write("plain.txt", "secret\n")
        XCTAssertEqual(try CLI.run(["age", "encrypt", "-r", recipient, "-o", dir.path("a.age"), plain]).status, 0)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.path("a.age"))))
        // Cut the stanza's argument by 4 base64 characters: 1117 bytes.
        let start = Array("age-encryption.org/v1\n-> mlkem768x25519 ".utf8).count
        bytes.removeSubrange(start..<(start + 4))
        try Data(bytes).write(to: URL(fileURLWithPath: dir.path("cut.age")))
        let r = try CLI.run(["age", "decrypt", "-i", key, "-o", dir.path("cut.out"), dir.path("cut.age")])
        XCTAssertEqual(r.status, 6, r.stderr)
        XCTAssertTrue(r.stderr.contains("encapsulated key is 1117 bytes, not 1120"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("cut.out")))
    }
}
