import XCTest
@testable import CaseVaultApp

/// The boundary and a part's Content-Disposition, as both multipart readers read them.
final class MultipartHeadersTests: XCTestCase {
    func testTheBoundary() {
        XCTAssertEqual(MultipartHeaders.boundary(contentType: "multipart/form-data; boundary=----X1"), "----X1")
        XCTAssertEqual(MultipartHeaders.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\""), "a b;c")
        XCTAssertEqual(MultipartHeaders.boundary(contentType: "multipart/form-data; BOUNDARY=abc"), "abc")
        XCTAssertNil(MultipartHeaders.boundary(contentType: "application/x-www-form-urlencoded; boundary=abc"))
        XCTAssertNil(MultipartHeaders.boundary(contentType: "multipart/form-data"))
        XCTAssertNil(MultipartHeaders.boundary(contentType: "multipart/form-data; boundary="))
        XCTAssertNil(MultipartHeaders.boundary(contentType: nil))
        XCTAssertNil(MultipartHeaders.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "b", count: 71)))
        XCTAssertEqual(MultipartHeaders.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "b", count: 70))?.count, 70)
    }

    func testAPartsDisposition() {
        func d(_ s: String) -> MultipartHeaders.Disposition? { MultipartHeaders.disposition(ofPart: Array(s.utf8)) }
        XCTAssertEqual(d("Content-Type: text/plain\r\ncontent-disposition: form-data; name=\"backup\"; filename=\"my; file.age\"\r\n\r\n"),
                       .init(isFormData: true, name: "backup", fileName: "my; file.age"))
        // As browsers write them: `"` as %22, a backslash as it is.
        XCTAssertEqual(d(#"Content-Disposition: form-data; name="file"; filename="a;b %22q%22.pdf""#),
                       .init(isFormData: true, name: "file", fileName: "a;b %22q%22.pdf"))
        XCTAssertEqual(d(#"Content-Disposition: form-data; name="file"; filename="C:\Users\ana\b.age""#),
                       .init(isFormData: true, name: "file", fileName: #"C:\Users\ana\b.age"#))
        XCTAssertEqual(d(#"Content-Disposition: form-data; name="file"; filename="ends in \"; x=1"#),
                       .init(isFormData: true, name: "file", fileName: #"ends in \"#))
        XCTAssertEqual(d("Content-Disposition: form-data; name=label\r\n"), .init(isFormData: true, name: "label", fileName: nil))
        XCTAssertEqual(d("Content-Disposition: form-data; name=\"file\"; filename=\"\""), .init(isFormData: true, name: "file", fileName: ""))
        XCTAssertEqual(d("Content-Disposition: form-data\r\n"), .init(isFormData: true, name: nil, fileName: nil))
        XCTAssertEqual(d("Content-Disposition: attachment; name=\"x\""), .init(isFormData: false, name: "x", fileName: nil))
        XCTAssertEqual(d(""), .init(), "no headers")
        XCTAssertEqual(d("\r\n"), .init(), "no headers")
        XCTAssertNil(d("Content-Disposition: form-data; name=\"a\"\r\nno colon here\r\n"))
    }

    func testTheFilesOwnName() {
        XCTAssertEqual(MultipartHeaders.baseName(#"C:\Users\ana\Desktop\green card.jpg"#), "green card.jpg")
        XCTAssertEqual(MultipartHeaders.baseName("../../etc/passwd"), "passwd")
        XCTAssertEqual(MultipartHeaders.baseName("say %22hi%22.pdf"), "say \"hi\".pdf")
        XCTAssertEqual(MultipartHeaders.baseName(""), "")
    }

    func testHeaderParameters() {
        let cd = HeaderParameters(#"form-data; name="file"; filename="a;b \"q\".pdf""#)
        XCTAssertEqual(cd.value, "form-data")
        XCTAssertEqual(cd["NAME"], "file")
        XCTAssertEqual(cd["filename"], #"a;b "q".pdf"#)
    }
}
