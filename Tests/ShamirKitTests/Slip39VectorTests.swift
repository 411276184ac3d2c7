import Foundation
import XCTest
@testable import ShamirKit
import SodiumKit

/// The test vectors published with SLIP-0039's reference implementation
/// (Fixtures/vectors.json, passphrase "TREZOR"): each valid set gives its
/// master secret, each invalid one is refused with a `Slip39Error`.
final class Slip39VectorTests: XCTestCase {
    func testPublishedVectors() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "vectors", withExtension: "json", subdirectory: "Fixtures"))
        let vectors = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[Any]])
        XCTAssertEqual(vectors.count, 40)
        let passphrase = try SecureBytes(copying: Array("TREZOR".utf8))
        var valid = 0, invalid = 0
        for (i, v) in vectors.enumerated() {
            let mnemonics = try (v[0] as? [String] ?? []).map { try SecureBytes(copying: Array($0.utf8)) }
            let expected = v[1] as? String ?? ""
            if expected.isEmpty {
                XCTAssertThrowsError(try Slip39.combine(mnemonics, passphrase: passphrase), "vector \(i + 1)") {
                    XCTAssertTrue($0 is Slip39Error, "vector \(i + 1): \($0)")
                }
                invalid += 1
            } else {
                let secret = try Slip39.combine(mnemonics, passphrase: passphrase)
                XCTAssertEqual(try secret.hexText().revealUTF8(), expected, "vector \(i + 1)")
                valid += 1
            }
        }
        XCTAssertEqual(valid, 10)
        XCTAssertEqual(invalid, 30)
    }
}
