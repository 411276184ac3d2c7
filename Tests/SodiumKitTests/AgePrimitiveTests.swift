import Foundation
import XCTest
@testable import SodiumKit

/// Known answers for the primitives age needs (Fixtures/age-primitives.json:
/// published RFC vectors, recomputed by an implementation independent of libsodium).
final class AgePrimitiveTests: XCTestCase {
    struct Fixture: Decodable {
        struct HKDFVector: Decodable { let name, ikm, salt, info, prk, okm: String; let length: Int }
        struct HMACVector: Decodable { let name, key, data, mac: String }
        struct AEADVector: Decodable { let name, key, nonce, ad, plaintext, ciphertext: String }
        struct ScryptVector: Decodable { let name, passphrase, salt, key: String; let logN: Int; let r: UInt32; let p: UInt32; let length: Int }
        struct X25519Vector: Decodable { let name, scalar, u, out: String; let `public`: String? }
        let hkdf_sha256: [HKDFVector]
        let hmac_sha256: [HMACVector]
        let chacha20poly1305_ietf: [AEADVector]
        let scrypt: [ScryptVector]
        let x25519: [X25519Vector]
    }

    static func fixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "age-primitives", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    private func reveal(_ s: SecureBytes) -> String { s.withUnsafeBytes { Bytes.hex(Array($0)) } }

    func testHKDFMatchesRFC5869() throws {
        let vectors = try Self.fixture().hkdf_sha256
        XCTAssertEqual(vectors.count, 3)
        for v in vectors {
            let ikm = try SecureBytes(copying: hex(v.ikm))
            let prk = try HKDF.extract(salt: hex(v.salt), ikm: ikm)
            XCTAssertEqual(reveal(prk), v.prk, v.name)
            XCTAssertEqual(reveal(try HKDF.expand(prk: prk, info: hex(v.info), length: v.length)), v.okm, v.name)
            XCTAssertEqual(reveal(try HKDF.deriveKey(ikm: ikm, salt: hex(v.salt), info: hex(v.info), length: v.length)), v.okm, v.name)
        }
        XCTAssertThrowsError(try HKDF.expand(prk: SecureBytes(count: 32), info: [], length: 255 * 32 + 1))
    }

    func testHMACMatchesRFC4231() throws {
        for v in try Self.fixture().hmac_sha256 {
            let key = try SecureBytes(copying: hex(v.key))
            XCTAssertEqual(Bytes.hex(try HMACSHA256.mac(key: key, message: hex(v.data))), v.mac, v.name)
            // Streaming in pieces gives the same MAC.
            let s = try HMACSHA256.Stream(key: key)
            let data = hex(v.data)
            s.update(data[0..<data.count / 2])
            s.update(data[(data.count / 2)...])
            XCTAssertEqual(Bytes.hex(s.finalize()), v.mac, v.name)
            XCTAssertTrue(try HMACSHA256.verify(hex(v.mac), key: key, message: data))
            XCTAssertFalse(try HMACSHA256.verify(hex(v.mac), key: key, message: data + [0]))
        }
    }

    func testChaCha20Poly1305MatchesRFC8439AndRejectsChanges() throws {
        for v in try Self.fixture().chacha20poly1305_ietf {
            let key = try SecureBytes(copying: hex(v.key))
            let ct = try ChaCha20Poly1305IETF.seal(hex(v.plaintext), associatedData: hex(v.ad), nonce: hex(v.nonce), key: key)
            XCTAssertEqual(Bytes.hex(ct), v.ciphertext, v.name)
            XCTAssertEqual(try ChaCha20Poly1305IETF.open(ct, associatedData: hex(v.ad), nonce: hex(v.nonce), key: key), hex(v.plaintext))
            var bad = ct
            bad[0] ^= 1
            XCTAssertThrowsError(try ChaCha20Poly1305IETF.open(bad, associatedData: hex(v.ad), nonce: hex(v.nonce), key: key)) {
                XCTAssertEqual($0 as? SodiumError, .authenticationFailed)
            }
            XCTAssertThrowsError(try ChaCha20Poly1305IETF.open(ct, associatedData: [], nonce: hex(v.nonce), key: key))
        }
        // Secure wrap of a key with the zero nonce round-trips.
        let k = try SecureBytes.random(count: 32), fileKey = try SecureBytes.random(count: 16)
        let zero = [UInt8](repeating: 0, count: 12)
        let wrapped = try ChaCha20Poly1305IETF.sealSecure(fileKey, nonce: zero, key: k)
        XCTAssertTrue(try ChaCha20Poly1305IETF.openSecure(wrapped, nonce: zero, key: k).constantTimeEquals(fileKey))
    }

    /// Segments sealed on all cores and on the calling thread alone are the
    /// same bytes, each the single-message seal of its segment under its own
    /// nonce, and open again segment by segment.
    func testSegmentsSealTheSameInParallelAndSerially() throws {
        let key = try SecureBytes.random(count: 32)
        let segment = 1000
        for length in [0, 1, 999, 1000, 1001, 16 * 1000, 16 * 1000 - 3] {
            let n = max(1, (length + segment - 1) / segment)
            let plain = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
            let nonces = Random.bytes(n * 12)
            var parallel = [UInt8](repeating: 0, count: length + n * 16)
            var serial = parallel
            let a = try ChaCha20Poly1305IETF.sealSegments(plain, length: length, segmentSize: segment, nonces: nonces, key: key, into: &parallel)
            let b = try ChaCha20Poly1305IETF.sealSegments(plain, length: length, segmentSize: segment, nonces: nonces, key: key,
                                                           parallel: false, into: &serial)
            XCTAssertEqual(a, length + n * 16)
            XCTAssertEqual(a, b)
            XCTAssertEqual(parallel, serial, "length \(length)")
            for i in 0..<n {
                let start = i * segment, end = min(length, start + segment)
                let one = try ChaCha20Poly1305IETF.seal(Array(plain[start..<end]), associatedData: [],
                                                        nonce: Array(nonces[i * 12..<(i + 1) * 12]), key: key)
                XCTAssertEqual(Array(serial[i * (segment + 16)..<i * (segment + 16) + one.count]), one, "length \(length) segment \(i)")
            }
            var opened = [UInt8](repeating: 0, count: n * segment)
            let lengths = try ChaCha20Poly1305IETF.openSegments(serial, length: a, segmentSize: segment, nonces: nonces, key: key, into: &opened)
            XCTAssertEqual(lengths.compactMap { $0 }.reduce(0, +), length)
            XCTAssertEqual(Array(opened[0..<length]), plain)
        }
    }

    func testScryptMatchesRFC7914() throws {
        for v in try Self.fixture().scrypt {
            let out = try Scrypt.deriveKey(passphrase: SecureBytes(copying: hex(v.passphrase)), salt: hex(v.salt),
                                           logN: v.logN, r: v.r, p: v.p, length: v.length)
            XCTAssertEqual(reveal(out), v.key, v.name)
        }
        XCTAssertThrowsError(try Scrypt.deriveKey(passphrase: SecureBytes(copying: [1]), salt: [], logN: 31))
    }

    func testX25519MatchesRFC7748AndRejectsLowOrderPoints() throws {
        for v in try Self.fixture().x25519 {
            let scalar = try SecureBytes(copying: hex(v.scalar))
            XCTAssertEqual(reveal(try X25519.sharedSecret(secret: scalar, publicKey: hex(v.u))), v.out, v.name)
            if let p = v.public { XCTAssertEqual(Bytes.hex(try X25519.publicKey(secret: scalar)), p, v.name) }
        }
        let s = try X25519.generateSecret()
        // u = 0 (order 2) and u = 1 (order 4) are low-order points: a clamped
        // scalar is a multiple of 8, so both give an all-zero shared secret.
        for low in [[UInt8](repeating: 0, count: 32), [1] + [UInt8](repeating: 0, count: 31)] {
            XCTAssertThrowsError(try X25519.sharedSecret(secret: s, publicKey: low)) {
                XCTAssertEqual($0 as? SodiumError, .invalidPublicKey)
            }
        }
    }
}
