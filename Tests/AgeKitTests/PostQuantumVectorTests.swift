import XCTest
@testable import AgeKit
import SodiumKit

/// The post-quantum (`mlkem768x25519`) recipient type against data written by
/// an independent implementation (Fixtures/pq/generate_pq_vectors.py, on
/// Tests/Python/age_pq.py) and against the example the age spec publishes.
final class PostQuantumVectorTests: XCTestCase {
    private func identity(_ text: String) throws -> any AgeSecretKeyIdentity {
        try AgePublicKeys.parseIdentity(SecureBytes(copying: Array(text.utf8)))
    }

    /// Every vector, each with its exact outcome: the plaintext, or the
    /// named refusal (one AgeError case per malformation).
    func testEveryVectorHasItsExactOutcome() throws {
        let vectors = try FixtureLoader.vectors(in: "pq/vectors")
        XCTAssertEqual(vectors.count, 28)
        var outcomes: [String: Int] = [:]
        for v in vectors {
            let identities: [AgeIdentity] = try v.identities.map { try identity($0) }
            do {
                let plaintext = try Age.decrypt(v.file, identities: identities)
                XCTAssertEqual(v.expect, "success", "\(v.name): decrypted but expected \(v.expect) (\(v.comment))")
                XCTAssertEqual(Bytes.hex(BLAKE2b.hash(length: 32, plaintext)), v.payloadBLAKE2b, "\(v.name): wrong plaintext")
            } catch let e as AgeError {
                XCTAssertTrue(Self.matches(e, v.expect), "\(v.name): got \(e), expected \(v.expect) (\(v.comment))")
            }
            outcomes[v.expect, default: 0] += 1
        }
        // Every rejection the spec names has at least one vector.
        for kind in ["success", "no match", "hmac failure", "payload failure", "pq argument count",
                     "pq encapsulated key not base64", "pq encapsulated key length", "pq body length",
                     "pq encapsulated key refused"] {
            XCTAssertGreaterThan(outcomes[kind] ?? 0, 0, kind)
        }
    }

    static func matches(_ e: AgeError, _ expect: String) -> Bool {
        switch (expect, e) {
        case ("no match", .noMatchingIdentity), ("hmac failure", .headerMACMismatch): return true
        case ("pq argument count", .postQuantumStanzaArgumentCount): return true
        case ("pq encapsulated key not base64", .postQuantumEncapsulatedKeyNotBase64): return true
        case ("pq encapsulated key length", .postQuantumEncapsulatedKeyLength): return true
        case ("pq body length", .postQuantumBodyLength): return true
        case ("pq encapsulated key refused", .postQuantumEncapsulatedKeyRefused): return true
        case ("payload failure", _): return e.kind == .payload
        default: return false
        }
    }

    /// The lengths found are reported, so a user's bug report says which.
    func testMalformationsSayWhatTheyFound() throws {
        let byName = Dictionary(uniqueKeysWithValues: try FixtureLoader.vectors(in: "pq/vectors").map { ($0.name, $0) })
        func failure(_ name: String) throws -> AgeError? {
            let v = try XCTUnwrap(byName[name])
            do { _ = try Age.decrypt(v.file, identities: [try identity(v.identities[0])]); return nil } catch { return error as? AgeError }
        }
        XCTAssertEqual(try failure("pq_args_none"), .postQuantumStanzaArgumentCount(0))
        XCTAssertEqual(try failure("pq_args_two"), .postQuantumStanzaArgumentCount(2))
        XCTAssertEqual(try failure("pq_enc_1119"), .postQuantumEncapsulatedKeyLength(1119))
        XCTAssertEqual(try failure("pq_enc_1121"), .postQuantumEncapsulatedKeyLength(1121))
        XCTAssertEqual(try failure("pq_body_31"), .postQuantumBodyLength(31))
        XCTAssertEqual(try failure("pq_body_33"), .postQuantumBodyLength(33))
        XCTAssertEqual(try failure("pq_tampered_payload"), .payloadCorrupted(chunk: 0))
    }

    /// The identity and recipient the age spec prints: the seed gives that
    /// exact 1,959-character recipient, and the spec's example stanza opens.
    func testSpecExampleKeyAndStanza() throws {
        let fields = Dictionary(uniqueKeysWithValues: try FixtureLoader.text("pq/spec-example.txt")
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { l -> (String, String) in
                let p = l.split(separator: ":", maxSplits: 1)
                return (String(p[0]), p[1].trimmingCharacters(in: .whitespaces))
            })
        let id = try XCTUnwrap(try identity(fields["identity"]!) as? MLKEMX25519Identity)
        XCTAssertEqual(fields["recipient"]!.count, 1959)
        XCTAssertEqual(id.recipient.encoded, fields["recipient"])
        XCTAssertEqual(try MLKEMX25519Recipient(parsing: fields["recipient"]!), id.recipient)
        XCTAssertEqual(try id.encoded().revealUTF8(), fields["identity"])
        let stanza = AgeStanza(type: "mlkem768x25519", arguments: [fields["stanza-enc"]!], body: Base64.decode(fields["stanza-body"]!)!)
        let fileKey = try id.unwrap(stanzas: [stanza])
        // The file key the independent Python implementation gets from it.
        XCTAssertEqual(fileKey.secureBytes.withUnsafeBytes { Bytes.hex(Array($0)) }, "df56f61c8e496609c18d25c197451803")
    }

    func testRecipientStrings() throws {
        let lines = try FixtureLoader.text("pq/recipients.txt").split(separator: "\n")
        XCTAssertEqual(lines.count, 9)
        for line in lines {
            let parts = line.split(separator: " ").map(String.init)
            if parts[0] == "valid" {
                XCTAssertEqual(try AgePublicKeys.parseRecipient(parts[1]).encoded, parts[1])
            } else {
                XCTAssertThrowsError(try AgePublicKeys.parseRecipient(parts[2]), parts[1]) { e in
                    guard case AgeError.invalidRecipient = e else { return XCTFail("\(parts[1]): \(e)") }
                }
            }
        }
    }

    func testIdentityStringsAreParsedOrRefusedWithoutQuotingThem() throws {
        let lines = try FixtureLoader.text("pq/identities.txt").split(separator: "\n")
        XCTAssertEqual(lines.count, 6)
        for line in lines {
            let parts = line.split(separator: " ").map(String.init)
            if parts[0] == "valid" {
                XCTAssertEqual(try identity(parts[1]).encoded().revealUTF8(), parts[1])
            } else {
                XCTAssertThrowsError(try identity(parts[2]), parts[1]) { e in
                    guard case AgeError.invalidIdentity(let why) = e else { return XCTFail("\(parts[1]): \(e)") }
                    XCTAssertFalse(why.contains(parts[2].dropFirst(19).prefix(12)), "the error must not quote the identity")
                }
            }
        }
    }

    /// Round trip through our own writer, and the postquantum label: a
    /// classic recipient beside a post-quantum one is refused before any
    /// output, as age does.
    func testRoundTripAndMixingRefused() throws {
        let pq = try MLKEMX25519Identity.generate()
        let classic = try X25519Identity.generate()
        let file = try Age.encrypt(Array("sealed".utf8), to: [pq.recipient])
        XCTAssertEqual(try Age.decrypt(file, identities: [classic, pq]), Array("sealed".utf8))
        XCTAssertThrowsError(try Age.decrypt(file, identities: [classic])) { XCTAssertEqual($0 as? AgeError, .noMatchingIdentity) }
        XCTAssertThrowsError(try Age.encrypt([1], to: [pq.recipient, classic.recipient])) {
            XCTAssertEqual($0 as? AgeError, .mixedPostQuantumRecipients)
        }
        XCTAssertThrowsError(try Age.encrypt([1], to: [classic.recipient, pq.recipient])) {
            XCTAssertEqual($0 as? AgeError, .mixedPostQuantumRecipients)
        }
        let two = try MLKEMX25519Identity.generate()
        let both = try Age.encrypt([7], to: [pq.recipient, two.recipient])
        XCTAssertEqual(try Age.decrypt(both, identities: [two]), [7])
        // Each stanza encapsulates afresh: the same key twice gives different stanzas.
        let again = try Age.encrypt(Array("sealed".utf8), to: [pq.recipient])
        XCTAssertNotEqual(Array(file.prefix(200)), Array(again.prefix(200)))
    }

    /// An identity file may hold both kinds; each line is parsed by its prefix.
    func testIdentityFileWithBothKinds() throws {
        let pq = try MLKEMX25519Identity.generate()
        let classic = try X25519Identity.generate()
        let text = "# two keys\n" + (try pq.encoded().revealUTF8()) + "\n\n  " + (try classic.encoded().revealUTF8()) + "\r\n"
        let ids = try AgePublicKeys.parseIdentityFile(SecureBytes(copying: Array(text.utf8)))
        XCTAssertEqual(ids.count, 2)
        XCTAssertTrue(ids[0].publicKeyRecipient.isPostQuantum)
        XCTAssertFalse(ids[1].publicKeyRecipient.isPostQuantum)
        XCTAssertThrowsError(try AgePublicKeys.parseIdentityFile(SecureBytes(copying: Array("AGE-SECRET-KEY-PQ-1QQQ\n".utf8)))) { e in
            guard case AgeError.invalidIdentity(let why) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(why.hasPrefix("line 1:"), why)
        }
    }
}
