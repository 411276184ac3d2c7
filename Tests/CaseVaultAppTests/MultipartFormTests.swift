import SodiumKit
import XCTest
@testable import CaseVaultApp

/// The small whole-body form (a site's codes file, pasted codes): secret
/// fields and files in secure memory, plain fields as text, and the same
/// reading of a part's headers as the streaming reader's.
final class MultipartFormTests: XCTestCase {
    private let boundary = "----FormBoundary9x"

    private func parse(_ s: String, secretNames: Set<String> = ["codes"]) throws -> MultipartForm {
        try MultipartForm.parse(Array(s.utf8), boundary: Array(boundary.utf8), secretNames: secretNames)
    }

    private func text(_ secret: SecureBytes?) -> String? {
        secret.map { $0.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
    }

    func testFieldsSecretsAndAFile() throws {
        let b = boundary
        let form = try parse("preamble\r\n--\(b)\r\nContent-Disposition: form-data; name=\"label\"\r\n\r\n  uscis \r\n"
                             + "--\(b)\r\nContent-Disposition: form-data; name=\"codes\"\r\n\r\nAAAA-BBBB\r\n--\(b.dropLast())Q\r\n"
                             + "--\(b)\r\n\r\nno headers: skipped\r\n"
                             + "--\(b)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"codes.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                             + "line\r\n--\(b.dropLast())\r\n--\(b)\r\nContent-Disposition: form-data; name=\"primary\"\r\n\r\non\r\n--\(b)--\r\n")
        XCTAssertEqual(form["label"], "uscis")
        XCTAssertNil(form["codes"], "a secret field is not a plain one")
        XCTAssertEqual(text(form.secret("codes")), "AAAA-BBBB\r\n--\(boundary.dropLast())Q", "a near-miss delimiter is content")
        XCTAssertEqual(text(form.secret("file")), "line\r\n--\(boundary.dropLast())")
        XCTAssertEqual(form.fileNames, ["file": "codes.txt"])
        XCTAssertTrue(form.isChecked("primary"))
    }

    func testNoFileChosen() throws {
        let form = try parse("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n\r\n--\(boundary)--\r\n")
        XCTAssertEqual(form.fileNames, ["file": ""])
        XCTAssertNil(form.secret("file"))
    }

    func testDamagedFormsAreRefused() {
        let b = boundary
        for (body, what) in [
            ("--\(b)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", "cut off in a part"),
            ("--\(b)\r\nContent-Disposition: form-data; name=\"a\"\r\n", "cut off in the headers"),
            ("--\(b)XY", "neither CR LF nor -- after a delimiter"),
            ("--\(b)\r\nContent-Disposition: form-data\r\n\r\nx\r\n--\(b)--\r\n", "a field without a name"),
            ("--\(b)\r\nno colon\r\n\r\nx\r\n--\(b)--\r\n", "a header line without a colon"),
            ("no delimiter at all", "no delimiter"),
        ] {
            XCTAssertThrowsError(try parse(body), what) { error in
                guard case AppError.badRequest? = error as? AppError else { return XCTFail("\(what): \(error)") }
            }
        }
    }
}
