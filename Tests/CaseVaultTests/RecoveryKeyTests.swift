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
        // A 20-bit checksum misses a random error with probability 2^-20; over
        // every position and a few substitutions, none should slip through.
        let key = try RecoveryKey.generate()
        let chars = Array(try key.formatted().revealUTF8())
        var caught = 0, tried = 0
        for i in chars.indices where chars[i] != "-" {
            for sub in ["Q", "7", "X"] where String(chars[i]) != sub {
                var typo = chars
                typo[i] = Character(sub)
                tried += 1
                do { _ = try RecoveryKey.parse(try secure(String(typo))) } catch CaseVaultError.malformedRecoveryKey { caught += 1 }
            }
        }
        XCTAssertEqual(caught, tried)
    }

    func testWrongLengthAndBadCharacters() throws {
        let text = try RecoveryKey.generate().formatted().revealUTF8()
        for bad in [String(text.dropLast()), text + "A", text.replacingOccurrences(of: "-", with: "!"), "U" + text.dropFirst()] {
            XCTAssertThrowsVaultError(try RecoveryKey.parse(try secure(bad)), { if case .malformedRecoveryKey = $0 { return true }; return false })
        }
    }
}
