import XCTest
@testable import AgeKit
import SodiumKit

/// Runs every file in Fixtures/vectors (written by an independent
/// implementation, see Fixtures/generate_vectors.py) and checks the outcome
/// class: success with the right plaintext, or the right kind of refusal.
final class AgeVectorTests: XCTestCase {
    func testAllVectors() throws {
        let vectors = try FixtureLoader.vectors()
        XCTAssertGreaterThan(vectors.count, 50)
        for v in vectors {
            var identities: [AgeIdentity] = []
            for s in v.identities { identities.append(try X25519Identity(parsing: SecureBytes(copying: Array(s.utf8)))) }
            var askedForPassphrase = false
            if let p = v.passphrase {
                identities.append(ScryptIdentity(passphraseProvider: {
                    askedForPassphrase = true
                    return try SecureBytes(copying: Array(p.utf8))
                }))
            }
            do {
                let plaintext = try Age.decrypt(v.file, identities: identities)
                XCTAssertEqual(v.expect, "success", "\(v.name): decrypted but expected \(v.expect) (\(v.comment))")
                if let h = v.payloadBLAKE2b {
                    XCTAssertEqual(Bytes.hex(BLAKE2b.hash(length: 32, plaintext)), h, "\(v.name): wrong plaintext")
                }
            } catch let e as AgeError {
                XCTAssertTrue(Self.matches(e, v.expect), "\(v.name): got \(e), expected \(v.expect) (\(v.comment))")
                if v.expect == "work factor" {
                    XCTAssertFalse(askedForPassphrase, "\(v.name): the work factor must be checked before scrypt runs")
                }
            }
        }
    }

    static func matches(_ e: AgeError, _ expect: String) -> Bool {
        switch (expect, e) {
        case ("no match", .noMatchingIdentity), ("no match", .incorrectPassphrase): return true
        case ("header failure", .notAgeFile), ("header failure", .malformedHeader), ("header failure", .scryptNotAlone): return true
        case ("hmac failure", .headerMACMismatch): return true
        case ("unsupported version", .unsupportedVersion): return true
        case ("work factor", .workFactorTooHigh): return true
        case ("armor failure", .malformedArmor): return true
        case ("payload failure", _): return e.kind == .payload
        default: return false
        }
    }

    /// Specific payload diagnoses, beyond the kind.
    func testPayloadFailuresAreNamed() throws {
        let byName = Dictionary(uniqueKeysWithValues: try FixtureLoader.vectors().map { ($0.name, $0) })
        let id = try X25519Identity(parsing: SecureBytes(copying: Array(byName["x25519"]!.identities[0].utf8)))
        func failure(_ name: String) -> AgeError? {
            do { _ = try Age.decrypt(byName[name]!.file, identities: [id]); return nil } catch { return error as? AgeError }
        }
        XCTAssertEqual(failure("payload_truncated_at_boundary"), .payloadTruncated)
        XCTAssertEqual(failure("payload_trailing_data"), .payloadTrailingData)
        XCTAssertEqual(failure("payload_empty_final_chunk"), .payloadEmptyFinalChunk)
        XCTAssertEqual(failure("payload_no_nonce"), .missingPayloadNonce)
        XCTAssertEqual(failure("payload_flipped_bit"), .payloadCorrupted(chunk: 0))
        XCTAssertEqual(failure("hmac_bad"), .headerMACMismatch)
        XCTAssertEqual(failure("version_unknown"), .unsupportedVersion("v2"))
    }
}
