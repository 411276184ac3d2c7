import XCTest
import SodiumKit
@testable import CaseVaultApp

final class FormFieldsTests: XCTestCase {
    func testPlainAndSecretFieldsAreDecoded() throws {
        let body = Array("label=Login.gov+codes&passphrase=a%20b%2Bc%26d&empty=".utf8)
        let form = try FormFields.parse(body, secretNames: ["passphrase"])
        XCTAssertEqual(form["label"], "Login.gov codes")
        XCTAssertNil(form["empty"])
        XCTAssertNil(form["passphrase"], "a secret field must not be readable as a String")
        let secret = try XCTUnwrap(form.secret("passphrase"))
        XCTAssertEqual(secret.count, 7)
        XCTAssertTrue(secret.constantTimeEquals(try SecureBytes(copying: Array("a b+c&d".utf8))))
    }

    func testMalformedEscapesAndInvalidTextAreRefused() {
        XCTAssertThrowsError(try FormFields.parse(Array("a=%4".utf8), secretNames: []))
        XCTAssertThrowsError(try FormFields.parse(Array("a=%zz".utf8), secretNames: []))
        XCTAssertThrowsError(try FormFields.parse(Array("a=%ff%fe".utf8), secretNames: []), "not UTF-8")
    }

    func testRawKeepsLineBreaksAndCheckboxes() throws {
        let form = try FormFields.parse(Array("codes=1111%0D%0A2222%0A&primary=on".utf8), secretNames: [])
        XCTAssertEqual(form.raw("codes"), "1111\r\n2222\n")
        XCTAssertTrue(form.isChecked("primary"))
        XCTAssertFalse(form.isChecked("other"))
    }

    func testBoxesSharingANameKeepEveryValueInOrder() throws {
        let form = try FormFields.parse(Array("code=uscis&doc=a1&code=login.gov&pass=x&pass=y".utf8), secretNames: ["pass"])
        XCTAssertEqual(form.values("code"), ["uscis", "login.gov"])
        XCTAssertEqual(form.values("doc"), ["a1"])
        XCTAssertEqual(form.values("none"), [])
        XCTAssertEqual(form.values("pass"), [], "a secret field must not be readable as Strings")
        XCTAssertEqual(form["code"], "login.gov", "a single read still gives the last value")
    }
}
