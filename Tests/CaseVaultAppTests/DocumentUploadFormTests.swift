import NIOCore
import XCTest
@testable import CaseVaultApp

/// The upload form read as it arrives: fields before the file, the file's
/// bytes exactly (whatever they hold and however the body is split), and
/// "complete" only when the body ended with its closing boundary.
final class DocumentUploadFormTests: XCTestCase {
    private let boundary = "----WebKitFormBoundaryAbC123xyz"

    private func body(fields: [(String, String)], fileName: String = "scan.pdf", file: [UInt8], closing: Bool = true,
                      after: [(String, String)] = []) -> [UInt8] {
        var out: [UInt8] = []
        func part(_ disposition: String, _ content: [UInt8], type: String? = nil) {
            out += Array("--\(boundary)\r\nContent-Disposition: \(disposition)\r\n".utf8)
            if let type { out += Array("Content-Type: \(type)\r\n".utf8) }
            out += Array("\r\n".utf8) + content + Array("\r\n".utf8)
        }
        for (k, v) in fields { part("form-data; name=\"\(k)\"", Array(v.utf8)) }
        part("form-data; name=\"file\"; filename=\"\(fileName)\"", file, type: "text/html")
        for (k, v) in after { part("form-data; name=\"\(k)\"", Array(v.utf8)) }
        // The last part's CRLF belongs to the closing delimiter.
        out.removeLast(2)
        if closing { out += Array("\r\n--\(boundary)--\r\n".utf8) }
        return out
    }

    /// Feeds `bytes` in pieces of the given sizes (cycled); the file's bytes handed back.
    private func feed(_ form: DocumentUploadForm, _ bytes: [UInt8], pieces: [Int]) throws -> [UInt8] {
        var file: [UInt8] = []
        var offset = 0, i = 0
        while offset < bytes.count {
            let n = min(pieces[i % pieces.count], bytes.count - offset)
            for b in try form.parse(ByteBuffer(bytes: bytes[offset..<offset + n])) { file += b.readableBytesView }
            offset += n
            i += 1
        }
        return file
    }

    func testFieldsAndTheExactFileWhateverTheSplits() throws {
        // Bytes that look like the start of a boundary, CRs and LFs, and random data.
        let tricky = Array("\r\n--\(boundary.prefix(10))\r\r\n\n--".utf8)
        let file = tricky + (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) } + tricky
        let raw = body(fields: [("type", "passport"), ("label", "pass p1"), ("expires", "2031-04-30"), ("note", "line 1\r\nline 2")], file: file)
        for pieces in [[raw.count], [1], [7, 1, 64], [65536], [4095, 17]] {
            let form = DocumentUploadForm(boundary: boundary)
            let got = try feed(form, raw, pieces: pieces)
            XCTAssertEqual(got, file, "pieces \(pieces)")
            XCTAssertEqual(form.fields["type"], "passport")
            XCTAssertEqual(form.fields["label"], "pass p1")
            XCTAssertEqual(form.fields["expires"], "2031-04-30")
            XCTAssertEqual(form.fields["note"], "line 1\r\nline 2")
            XCTAssertEqual(form.fileName, "scan.pdf")
            XCTAssertTrue(form.isComplete, "pieces \(pieces)")
        }
    }

    func testAPreambleAndAPartWithoutHeadersAreSkipped() throws {
        var raw = Array("This is a preamble.\r\n".utf8)
        raw += Array("--\(boundary)\r\n\r\nno headers: ignored\r\n".utf8)
        raw += body(fields: [("label", "a")], file: [9, 8, 7])
        let form = DocumentUploadForm(boundary: boundary)
        XCTAssertEqual(try feed(form, raw, pieces: [5]), [9, 8, 7])
        XCTAssertEqual(form.fields, ["label": "a"])
        XCTAssertTrue(form.isComplete)
    }

    func testTheSearchFindsTheFirstDelimiterAndKeepsOnlyAPossibleStart() {
        let needle = Array("\r\n--abc".utf8)
        var skip = [Int](repeating: needle.count, count: 256)
        for (j, b) in needle.dropLast().enumerated() { skip[Int(b)] = needle.count - 1 - j }
        func find(_ s: String) -> Int? { DocumentUploadForm.find(needle, skip: skip, in: ByteBuffer(string: s).readableBytesView) }
        XCTAssertEqual(find("\r\n--abc"), 0)
        XCTAssertEqual(find("xx\r\n--ab\r\n--abc\r\n--abc"), 8)
        XCTAssertNil(find("\r\n--ab"))
        XCTAssertNil(find("\r\n-abc\r\n--abd"))
        func partial(_ s: String) -> Int { DocumentUploadForm.partialMatch(needle, atEndOf: ByteBuffer(string: s).readableBytesView) }
        XCTAssertEqual(partial("data\r\n--ab"), 6)
        XCTAssertEqual(partial("data\r"), 1)
        XCTAssertEqual(partial("data\r\n-x"), 0)
        XCTAssertEqual(partial("data"), 0)
    }

    func testAnEmptyFileIsAFile() throws {
        let form = DocumentUploadForm(boundary: boundary)
        XCTAssertEqual(try feed(form, body(fields: [], file: []), pieces: [3]), [])
        XCTAssertTrue(form.isComplete)
        XCTAssertTrue(form.fileStarted)
    }

    func testABodyCutOffAnywhereIsIncomplete() throws {
        let file = (0..<5000).map { UInt8($0 & 0xff) }
        let raw = body(fields: [("label", "x")], file: file)
        let cuts = [10, raw.count / 2, raw.count - 40, raw.count - 10, raw.count - 5]
        for cut in cuts {
            let form = DocumentUploadForm(boundary: boundary)
            _ = try feed(form, Array(raw.prefix(cut)), pieces: [100])
            XCTAssertFalse(form.isComplete, "cut at \(cut) of \(raw.count)")
        }
        // Without the closing delimiter at all.
        let open = DocumentUploadForm(boundary: boundary)
        _ = try feed(open, body(fields: [], file: file, closing: false), pieces: [1000])
        XCTAssertFalse(open.isComplete)
    }

    func testRefusals() throws {
        // A field after the file: the options must all come first.
        let after = DocumentUploadForm(boundary: boundary)
        XCTAssertThrowsError(try feed(after, body(fields: [], file: [1, 2], after: [("label", "late")]), pieces: [4096]))
        // No file chosen: the browser sends an empty filename.
        let none = DocumentUploadForm(boundary: boundary)
        XCTAssertThrowsError(try feed(none, body(fields: [], fileName: "", file: []), pieces: [4096])) { error in
            guard case AppError.invalid? = error as? AppError else { return XCTFail("\(error)") }
        }
        // A field longer than any the form has.
        let long = DocumentUploadForm(boundary: boundary)
        XCTAssertThrowsError(try feed(long, body(fields: [("note", String(repeating: "n", count: 20_000))], file: [1]), pieces: [4096]))
        // Not multipart at all.
        let garbage = DocumentUploadForm(boundary: boundary)
        XCTAssertThrowsError(try garbage.parse(ByteBuffer(string: "--\(boundary)\r\nno colon here\r\n\r\n")))
        let badDelimiter = DocumentUploadForm(boundary: boundary)
        XCTAssertThrowsError(try badDelimiter.parse(ByteBuffer(string: "--\(boundary)XY")))
    }

    func testBoundaryAndFileNameParsing() {
        XCTAssertEqual(DocumentUploadForm.boundary(contentType: "multipart/form-data; boundary=----X1"), "----X1")
        XCTAssertEqual(DocumentUploadForm.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\""), "a b;c")
        XCTAssertNil(DocumentUploadForm.boundary(contentType: "application/x-www-form-urlencoded"))
        XCTAssertNil(DocumentUploadForm.boundary(contentType: "multipart/form-data"))
        XCTAssertNil(DocumentUploadForm.boundary(contentType: nil))
        XCTAssertNil(DocumentUploadForm.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "b", count: 71)))
        XCTAssertEqual(DocumentUploadForm.baseName(#"C:\Users\ana\Desktop\green card.jpg"#), "green card.jpg")
        XCTAssertEqual(DocumentUploadForm.baseName("../../etc/passwd"), "passwd")
        XCTAssertEqual(DocumentUploadForm.baseName("say %22hi%22.pdf"), "say \"hi\".pdf")
        let cd = HeaderParameters(#"form-data; name="file"; filename="a;b \"q\".pdf""#)
        XCTAssertEqual(cd.value, "form-data")
        XCTAssertEqual(cd["NAME"], "file")
        XCTAssertEqual(cd["filename"], #"a;b "q".pdf"#)
    }
}
