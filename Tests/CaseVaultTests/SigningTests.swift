import Foundation
import SodiumKit
import XCTest
@testable import CaseVault

/// Ed25519 (SodiumKit) against RFC 8032 vectors, fingerprints and the signer key text.
final class SigningTests: XCTestCase {
    struct Vector: Decodable { let source, seed, publicKey, message, signature: String }

    static func hex(_ s: String) -> [UInt8] {
        var out = [UInt8]()
        var i = s.startIndex
        while i < s.endIndex {
            let j = s.index(i, offsetBy: 2)
            out.append(UInt8(s[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    func vectors() throws -> [Vector] {
        let url = Bundle.module.url(forResource: "Fixtures/shares/ed25519-rfc8032", withExtension: "json")!
        return try JSONDecoder().decode([Vector].self, from: Data(contentsOf: url))
    }

    func testRFC8032Vectors() throws {
        for v in try vectors() {
            let key = try Ed25519SigningKey(seed: try SecureBytes(copying: Self.hex(v.seed)))
            XCTAssertEqual(Bytes.hex(key.publicKey), v.publicKey, v.source)
            let sig = try key.sign(Self.hex(v.message))
            XCTAssertEqual(Bytes.hex(sig), v.signature, v.source)
            XCTAssertNoThrow(try Ed25519.verify(signature: sig, message: Self.hex(v.message), publicKey: key.publicKey))
        }
    }

    func testVerifyRefusesChangedMessageSignatureOrKey() throws {
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        let other = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        let msg = Array("manifest bytes".utf8)
        let sig = try key.sign(msg)
        var flipped = sig
        flipped[10] ^= 1
        XCTAssertThrowsError(try Ed25519.verify(signature: sig, message: msg + [0], publicKey: key.publicKey))
        XCTAssertThrowsError(try Ed25519.verify(signature: flipped, message: msg, publicKey: key.publicKey))
        XCTAssertThrowsError(try Ed25519.verify(signature: sig, message: msg, publicKey: other.publicKey))
        XCTAssertThrowsError(try Ed25519.verify(signature: Array(sig.prefix(63)), message: msg, publicKey: key.publicKey))
    }

    func testFingerprintFormatAndKindSeparation() throws {
        let pk = Self.hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let f = KeyFingerprint.of(pk, kind: .ed25519)
        XCTAssertEqual(f.count, 23)
        XCTAssertEqual(f.split(separator: "-").map(\.count), [5, 5, 5, 5])
        XCTAssertTrue(f.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ-".contains($0) })
        XCTAssertEqual(f, KeyFingerprint.of(pk, kind: .ed25519))
        XCTAssertNotEqual(f, KeyFingerprint.of(pk, kind: .ageX25519))
        var pk2 = pk
        pk2[0] ^= 1
        XCTAssertNotEqual(f, KeyFingerprint.of(pk2, kind: .ed25519))
    }

    func testSignerKeyTextRoundTripAndTypos() throws {
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        let s = try SignerKey(publicKey: key.publicKey)
        XCTAssertTrue(s.encoded.hasPrefix("cvsign1"))
        XCTAssertEqual(try SignerKey(parsing: s.encoded), s)
        XCTAssertEqual(try SignerKey(parsing: s.encoded.uppercased()), s)
        var chars = Array(s.encoded)
        chars[12] = chars[12] == "a" ? "b" : "a"
        XCTAssertThrowsError(try SignerKey(parsing: String(chars)))
        XCTAssertThrowsError(try SignerKey(parsing: String(s.encoded.dropLast())))
        XCTAssertThrowsError(try SignerKey(parsing: "age1qqqq"))
    }
}
