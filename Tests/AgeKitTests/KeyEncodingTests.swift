import XCTest
@testable import AgeKit
import SodiumKit

final class KeyEncodingTests: XCTestCase {
    private func lines(_ kind: String) throws -> [String] {
        try FixtureLoader.text("keys.txt").split(separator: "\n")
            .filter { $0.hasPrefix(kind + " ") }
            .map { l in
                let body = l.dropFirst(kind.count + 1)
                return String(body.components(separatedBy: " # ")[0])
            }
    }

    func testSpecIdentityGivesSpecRecipientAndRoundTrips() throws {
        for pair in try lines("pair") {
            let parts = pair.split(separator: " ").map(String.init)
            let id = try X25519Identity(parsing: SecureBytes(copying: Array(parts[0].utf8)))
            XCTAssertEqual(id.recipient.encoded, parts[1])
            XCTAssertEqual(try X25519Recipient(parsing: parts[1]), id.recipient)
            XCTAssertEqual(try id.encoded().revealUTF8(), parts[0])
        }
    }

    func testBadRecipientsAreRefused() throws {
        let bad = try lines("bad-recipient")
        XCTAssertGreaterThan(bad.count, 5)
        for s in bad {
            XCTAssertThrowsError(try X25519Recipient(parsing: s), s) { e in
                guard case AgeError.invalidRecipient = e else { return XCTFail("\(s): \(e)") }
            }
        }
    }

    func testBadIdentitiesAreRefusedWithoutQuotingThem() throws {
        for s in try lines("bad-identity") {
            XCTAssertThrowsError(try X25519Identity(parsing: SecureBytes(copying: Array(s.utf8))), s) { e in
                guard case AgeError.invalidIdentity(let why) = e else { return XCTFail("\(s): \(e)") }
                XCTAssertFalse(why.contains(s.prefix(20)), "the error must not quote the identity")
            }
        }
    }

    func testGeneratedIdentityRoundTripsThroughIdentityFile() throws {
        let id = try X25519Identity.generate()
        let text = "# created: now\n# public key: \(id.recipient.encoded)\n\n" + (try id.encoded().revealUTF8()) + "\r\n"
        let parsed = try X25519Identity.parseIdentityFile(SecureBytes(copying: Array(text.utf8)))
        XCTAssertEqual(parsed.count, 1)
        XCTAssertEqual(parsed[0].recipient, id.recipient)
        XCTAssertThrowsError(try X25519Identity.parseIdentityFile(SecureBytes(copying: Array("# nothing\n".utf8))))
        XCTAssertThrowsError(try X25519Identity.parseIdentityFile(SecureBytes(copying: Array("garbage line\n".utf8)))) { e in
            guard case AgeError.invalidIdentity(let why) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(why.hasPrefix("line 1: "), why)
            XCTAssertFalse(why.contains("garbage"), "the error must not quote the line")
        }
    }

    func testBase64IsCanonicalAndUnpadded() {
        XCTAssertEqual(Base64.decode("AAAA"), [0, 0, 0])
        XCTAssertEqual(Base64.decode("AA"), [0])
        XCTAssertEqual(Base64.decode(""), [])
        XCTAssertNil(Base64.decode("AB"), "unused bits set")
        XCTAssertNil(Base64.decode("AA=="), "padding in unpadded base64")
        XCTAssertNil(Base64.decode("A"), "one leftover character")
        XCTAssertNil(Base64.decode("AA A"), "a space")
        XCTAssertNil(Base64.decode("AA-_"), "the URL alphabet")
        XCTAssertEqual(Base64.decode(Array("AA==".utf8), padded: true), [0])
        XCTAssertNil(Base64.decode(Array("AB==".utf8), padded: true))
        XCTAssertNil(Base64.decode(Array("AA=".utf8), padded: true))
        XCTAssertNil(Base64.decode(Array("A===".utf8), padded: true))
        for n in 0..<70 {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            XCTAssertEqual(Base64.decode(Base64.encode(bytes)), bytes)
            XCTAssertEqual(Base64.decode(Base64.encode(bytes, padded: true), padded: true), bytes)
        }
    }
}
