import Foundation
import XCTest
@testable import SodiumKit

/// Known answers computed by independent implementations (see the fixture's
/// *_source fields), so these check SodiumKit's wiring of libsodium, not
/// libsodium against itself.
final class KnownAnswerTests: XCTestCase {
    struct Fixture: Decodable {
        struct KDF: Decodable { let master: String; let context: String; let id: UInt64; let subkey: String }
        struct Argon: Decodable { let passphrase_hex: String; let salt: String; let opsLimit: UInt64; let memLimit: UInt64; let key: String }
        struct XChaCha: Decodable { let key, nonce, ad, plaintext_utf8, ciphertext, tag: String }
        let kdf: [KDF]
        let argon2id: [Argon]
        let xchacha20poly1305: [XChaCha]
    }

    static func fixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "known-answers", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func testSubkeyDerivationMatchesBLAKE2bConstruction() throws {
        for v in try Self.fixture().kdf {
            let master = try SecureBytes(copying: hex(v.master))
            let sub = try SubkeyDerivation.derive(id: v.id, context: v.context, from: master)
            sub.withUnsafeBytes { XCTAssertEqual(Bytes.hex(Array($0)), v.subkey, "context \(v.context)") }
        }
    }

    func testArgon2idMatchesReferenceImplementation() throws {
        for v in try Self.fixture().argon2id {
            let key = try Argon2id.deriveKey(length: 32, passphrase: try SecureBytes(copying: hex(v.passphrase_hex)), salt: hex(v.salt),
                                             parameters: .init(opsLimit: v.opsLimit, memLimit: v.memLimit))
            key.withUnsafeBytes { XCTAssertEqual(Bytes.hex(Array($0)), v.key) }
        }
    }

    func testXChaCha20Poly1305DraftVector() throws {
        for v in try Self.fixture().xchacha20poly1305 {
            let key = try SecureBytes(copying: hex(v.key))
            let ct = try XChaCha20Poly1305.seal(Array(v.plaintext_utf8.utf8), associatedData: hex(v.ad), nonce: hex(v.nonce), key: key)
            XCTAssertEqual(Bytes.hex(ct), v.ciphertext + v.tag)
            let pt = try XChaCha20Poly1305.open(.init(nonce: hex(v.nonce), ciphertext: ct), associatedData: hex(v.ad), key: key)
            XCTAssertEqual(String(decoding: pt, as: UTF8.self), v.plaintext_utf8)
        }
    }

    func testAEADRejectsAnyChange() throws {
        let key = try SecureBytes.random(count: 32)
        let sealed = try XChaCha20Poly1305.seal(Array("backup code 1234".utf8), associatedData: [1, 2, 3], key: key)
        for i in 0..<sealed.ciphertext.count {
            var bad = sealed
            bad.ciphertext[i] ^= 0x01
            XCTAssertThrowsError(try XChaCha20Poly1305.open(bad, associatedData: [1, 2, 3], key: key)) {
                XCTAssertEqual($0 as? SodiumError, .authenticationFailed)
            }
        }
        var badNonce = sealed
        badNonce.nonce[0] ^= 1
        XCTAssertThrowsError(try XChaCha20Poly1305.open(badNonce, associatedData: [1, 2, 3], key: key))
        XCTAssertThrowsError(try XChaCha20Poly1305.open(sealed, associatedData: [1, 2, 4], key: key))
        XCTAssertThrowsError(try XChaCha20Poly1305.open(sealed, associatedData: [1, 2, 3], key: try SecureBytes.random(count: 32)))
    }

    func testPaddingRoundTripAndSizeClasses() {
        for n in [0, 1, 255, 256, 257, 1000] {
            let data = [UInt8](repeating: 7, count: n)
            let padded = Bytes.pad(data, blockSize: 256)
            XCTAssertEqual(padded.count % 256, 0)
            XCTAssertGreaterThan(padded.count, n)
            XCTAssertEqual(Bytes.unpad(padded, blockSize: 256), data)
        }
        XCTAssertNil(Bytes.unpad([UInt8](repeating: 0, count: 256), blockSize: 256))
    }
}

func hex(_ s: String) -> [UInt8] {
    var out = [UInt8]()
    var it = s.makeIterator()
    while let a = it.next(), let b = it.next() { out.append(UInt8(String([a, b]), radix: 16)!) }
    return out
}
