import SodiumKit
import XCTest
@testable import CaseVaultApp

/// The recipient found in what an applicant pastes or uploads: alone, among
/// the lines `identity show` prints, in a recipients file with comments;
/// never from a text that holds a secret key, and never one of several.
final class RecipientTextTests: XCTestCase {
    let recipient = "age1cqhkz9khsj28quqmgpqzxssrxrl0ux6gvl7rc8tcn4ds46kf3qysmpjsgj"
    let other = "age1vpwg4vlpa2vt2xenm5yc6z7ylm02wrtg4vrut07682u2gj4y7a5s3yyqae"

    func found(_ text: String) throws -> String {
        try RecipientText.recipient(in: SecureBytes(copying: Array(text.utf8)))
    }

    func refusal(_ text: String) -> String? {
        do {
            _ = try found(text)
            return nil
        } catch let e as AppError {
            return e.message
        } catch {
            return "\(error)"
        }
    }

    func testTheRecipientAloneOrAmongOtherLines() throws {
        XCTAssertEqual(try found(recipient), recipient)
        XCTAssertEqual(try found("  \(recipient)\r\n"), recipient)
        let shown = """
            Age recipient (shares to you):   \(recipient)
              fingerprint:                   Y4KK5-T5HHY-ZABAR-FG1EG
            Signing key (shares from you):   cvsign1sg608srxfnzreftqwtgzkwzanq4rw5z1q23pkt764265419sy98rskbg
            """
        XCTAssertEqual(try found(shown), recipient)
        XCTAssertEqual(try found("# created: 2026-12-05\n# public key: \(other)\n\(recipient)\n"), recipient,
                       "a comment's recipient is not the file's")
        XCTAssertEqual(try found("\(recipient)\n\(recipient.uppercased())\n"), recipient, "the same recipient twice is one")
    }

    func testOneWordGoesToTheLibraryWhateverItIs() throws {
        // The library checks it and says what is expected.
        XCTAssertEqual(try found("agel-not-quite"), "agel-not-quite")
    }

    func testNoneOrSeveralAreRefused() {
        XCTAssertEqual(refusal("my recipient is below")?.hasPrefix("No recipient found"), true)
        XCTAssertEqual(refusal("\(recipient)\n\(other)")?.contains("2 different recipients"), true)
    }

    func testASecretKeyIsRefusedWithoutBecomingText() {
        let key = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
        for text in [key, "# public key: \(recipient)\n\(key)\n", key.lowercased(), "x \(key) y"] {
            let message = refusal(text)
            XCTAssertEqual(message?.hasPrefix("This is a secret key"), true)
            XCTAssertEqual(message?.contains("QQQQ"), false, "the refusal repeats the key")
        }
        XCTAssertFalse(RecipientText.containsSecretKey(try! SecureBytes(copying: Array("AGE-SECRET-KEY".utf8))), "a prefix without its dash")
    }
}
