import SodiumKit
import XCTest
@testable import CaseVault

final class RecoveryKeyTests: XCTestCase {
    func testFormatIsNineGroupsOfFourAndRoundTrips() throws {
        let key = try RecoveryKey.generate()
        let text = try key.formatted().revealUTF8()
        let groups = text.split(separator: "-")
        XCTAssertEqual(groups.count, 9)
        XCTAssertTrue(groups.allSatisfy { $0.count == 4 })
        XCTAssertTrue(text.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ-".contains($0) })
        let parsed = try RecoveryKey.parse(try secure(text))
        XCTAssertTrue(parsed.secret.constantTimeEquals(key.secret))
    }

    func testLenientReading() throws {
        let key = try RecoveryKey.generate()
        let text = try key.formatted().revealUTF8()
        let sloppy = text.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "0", with: "o").replacingOccurrences(of: "1", with: "l")
        XCTAssertTrue(try RecoveryKey.parse(try secure(sloppy)).secret.constantTimeEquals(key.secret))
    }

    func testEveryOneCharacterTypoIsCaught() throws {
        // Exhaustive and deterministic: for fixed keys, every position and
        // every other symbol of the alphabet (aliases O, I, L read as 0 and 1,
        // so they are not typos). A typo in the check group always changes
        // the check; one in the key bits changes the key, whose 20-bit keyed
        // checksum then differs for every one of these 36 x 31 keys (checked
        // here: the 2^-20 chance per typo is not left to a random draw).
        let symbols = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        for seed: UInt8 in [0x00, 0x5a, 0xff] {
            let key = RecoveryKey(secret: try SecureBytes(copying: (0..<UInt8(RecoveryKey.byteCount)).map { $0 &* 37 ^ seed }))
            let chars = Array(try key.formatted().revealUTF8())
            var tried = 0
            for i in chars.indices where chars[i] != "-" {
                for sub in symbols where sub != chars[i] {
                    var typo = chars
                    typo[i] = sub
                    tried += 1
                    XCTAssertThrowsVaultError(try RecoveryKey.parse(try secure(String(typo))), {
                        if case .malformedRecoveryKey = $0 { return true }; return false
                    }, "key \(seed), position \(i): \(chars[i]) typed as \(sub)")
                }
            }
            XCTAssertEqual(tried, 36 * 31)
            XCTAssertTrue(try RecoveryKey.parse(try secure(String(chars))).secret.constantTimeEquals(key.secret))
        }
    }

    func testWrongLengthAndBadCharacters() throws {
        let text = try RecoveryKey.generate().formatted().revealUTF8()
        for bad in [String(text.dropLast()), text + "A", text.replacingOccurrences(of: "-", with: "!"), "U" + text.dropFirst()] {
            XCTAssertThrowsVaultError(try RecoveryKey.parse(try secure(bad)), { if case .malformedRecoveryKey = $0 { return true }; return false })
        }
    }
}
