import NIOCore
import XCTest
@testable import CaseVaultApp

/// The upload reader fed as the network may split a body: fields before the
/// file, the file's bytes exactly (whatever they hold and wherever the body
/// is split), "complete" only when the body ended with its closing
/// delimiter after the file, and malformed forms refused.
final class MultipartStreamTests: XCTestCase {
    private let boundary = "----WebKitFormBoundaryAbC123xyz"

    private func body(fields: [(String, String)], fileField: String = "file", fileName: String = "scan.pdf", file: [UInt8],
                      closing: Bool = true, after: [(String, String)] = []) -> [UInt8] {
        var out: [UInt8] = []
        func part(_ disposition: String, _ content: [UInt8], type: String? = nil) {
            out += Array("--\(boundary)\r\nContent-Disposition: \(disposition)\r\n".utf8)
            if let type { out += Array("Content-Type: \(type)\r\n".utf8) }
            out += Array("\r\n".utf8) + content + Array("\r\n".utf8)
        }
        for (k, v) in fields { part("form-data; name=\"\(k)\"", Array(v.utf8)) }
        part("form-data; name=\"\(fileField)\"; filename=\"\(fileName)\"", file, type: "text/html")
        for (k, v) in after { part("form-data; name=\"\(k)\"", Array(v.utf8)) }
        // The last part's CRLF belongs to the closing delimiter.
        out.removeLast(2)
        if closing { out += Array("\r\n--\(boundary)--\r\n".utf8) }
        return out
    }

    /// Feeds `bytes` in pieces of the given sizes (cycled); the file's bytes handed back.
    private func feed(_ form: MultipartStream, _ bytes: [UInt8], pieces: [Int]) throws -> [UInt8] {
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

    /// Feeds `bytes` cut at the given offsets (ascending); the file's bytes handed back.
    private func feed(_ form: MultipartStream, _ bytes: [UInt8], cuts: [Int]) throws -> [UInt8] {
        var file: [UInt8] = []
        var start = 0
        for end in cuts + [bytes.count] where end >= start {
            for b in try form.parse(ByteBuffer(bytes: bytes[start..<end])) { file += b.readableBytesView }
            start = end
        }
        return file
    }

    private func reader(_ fileField: String = "file") -> MultipartStream {
        MultipartStream(boundary: boundary, fileField: fileField)
    }

    /// Bytes that nearly make a delimiter: CR LF, dashes, the boundary
    /// without its last character, a CR alone.
    private var nearMisses: [UInt8] {
        Array("\r\n--\(boundary.prefix(10))\r\r\n\n--\r\n--\(boundary.dropLast())x\r\n-\r".utf8)
    }

    func testFieldsAndTheExactFileWhateverTheSplits() throws {
        let file = nearMisses + (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) } + nearMisses
        let raw = body(fields: [("type", "passport"), ("label", "pass p1"), ("expires", "2031-04-30"), ("note", "line 1\r\nline 2")], file: file)
        for pieces in [[raw.count], [1], [7, 1, 64], [41], [65536], [4095, 17]] {
            let form = reader()
            let got = try feed(form, raw, pieces: pieces)
            XCTAssertTrue(got == file, "the file differs, pieces \(pieces)")
            XCTAssertEqual(form.fields, ["type": "passport", "label": "pass p1", "expires": "2031-04-30", "note": "line 1\r\nline 2"])
            XCTAssertEqual(form.fileName, "scan.pdf")
            XCTAssertTrue(form.isComplete, "pieces \(pieces)")
        }
    }

    /// A small body with a field and a file full of near misses, cut into
    /// two pieces at every offset, and into three with a short middle piece
    /// (up to 8 bytes: shorter than the delimiter, so what a piece ends
    /// with is carried over more than once) at every offset.
    func testEverySplitOfASmallBody() throws {
        let file = nearMisses + [0x00, 0xFF] + nearMisses
        let raw = body(fields: [("label", "a b")], fileName: "x.bin", file: file)
        func check(_ cuts: [Int]) throws {
            let form = reader()
            let got = try feed(form, raw, cuts: cuts)
            guard got == file, form.isComplete, form.fields == ["label": "a b"], form.fileName == "x.bin" else {
                return XCTFail("cut at \(cuts): file \(got == file), complete \(form.isComplete), fields \(form.fields)")
            }
        }
        for i in 0...raw.count { try check([i]) }
        for i in 0...raw.count {
            for j in i...min(raw.count, i + 8) { try check([i, j]) }
        }
        var form = reader()
        XCTAssertTrue(try feed(form, raw, pieces: [1]) == file && form.isComplete, "in pieces of one byte")
        form = reader()
        XCTAssertTrue(try feed(form, raw, pieces: [2, 3]) == file && form.isComplete, "in pieces of two and three bytes")
    }

    /// A body that stops anywhere before its closing delimiter is never
    /// complete, is not refused as malformed (the caller says "cut off"),
    /// and has handed on only a beginning of the file.
    func testEveryCutOffIsIncomplete() throws {
        let file = nearMisses + Array(repeating: 0x41, count: 50)
        let raw = body(fields: [("label", "x")], file: file)
        // The closing delimiter is "\r\n--boundary--"; its last CRLF is the epilogue's.
        let completeFrom = raw.count - 2
        for cut in 0..<completeFrom {
            let form = reader()
            let got = try feed(form, Array(raw.prefix(cut)), pieces: [7])
            XCTAssertFalse(form.isComplete, "cut at \(cut) of \(raw.count)")
            XCTAssertTrue(file.starts(with: got), "cut at \(cut): bytes that are not the file's were handed on")
        }
        let open = reader()
        _ = try feed(open, body(fields: [], file: file, closing: false), pieces: [1000])
        XCTAssertFalse(open.isComplete, "without the closing delimiter")
        let fieldsOnly = reader()
        _ = try feed(fieldsOnly, Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--\(boundary)--\r\n".utf8), pieces: [16])
        XCTAssertFalse(fieldsOnly.isComplete, "a form without the file")
    }

    func testAPreambleAndAPartWithoutHeadersAreSkipped() throws {
        var raw = Array("This is a preamble.\r\n".utf8)
        raw += Array("--\(boundary)\r\n\r\nno headers: ignored\r\n".utf8)
        raw += Array("--\(boundary)\r\nContent-Disposition: attachment; name=\"label\"\r\n\r\nnot a field\r\n".utf8)
        raw += body(fields: [("label", "a")], file: [9, 8, 7])
        let form = reader()
        XCTAssertEqual(try feed(form, raw, pieces: [5]), [9, 8, 7])
        XCTAssertEqual(form.fields, ["label": "a"])
        XCTAssertTrue(form.isComplete)
    }

    func testTheSearchFindsTheFirstDelimiterAndKeepsOnlyAPossibleStart() {
        let needle = Array("\r\n--abc".utf8)
        var skip = [Int](repeating: needle.count, count: 256)
        for (j, b) in needle.dropLast().enumerated() { skip[Int(b)] = needle.count - 1 - j }
        func find(_ s: String) -> Int? { MultipartScanner.find(needle, skip: skip, in: ByteBuffer(string: s).readableBytesView) }
        XCTAssertEqual(find("\r\n--abc"), 0)
        XCTAssertEqual(find("xx\r\n--ab\r\n--abc\r\n--abc"), 8)
        XCTAssertNil(find("\r\n--ab"))
        XCTAssertNil(find("\r\n-abc\r\n--abd"))
        func partial(_ s: String) -> Int { MultipartScanner.partialMatch(needle, atEndOf: ByteBuffer(string: s).readableBytesView) }
        XCTAssertEqual(partial("data\r\n--ab"), 6)
        XCTAssertEqual(partial("data\r"), 1)
        XCTAssertEqual(partial("data\r\n-x"), 0)
        XCTAssertEqual(partial("data"), 0)
    }

    func testAnEmptyFileAndNoFileChosen() throws {
        let empty = reader()
        XCTAssertEqual(try feed(empty, body(fields: [], file: []), pieces: [3]), [])
        XCTAssertTrue(empty.isComplete)
        XCTAssertTrue(empty.fileStarted)
        XCTAssertEqual(empty.fileName, "scan.pdf")
        // No file chosen: the browser sends an empty filename and no bytes; the caller refuses it.
        let none = reader()
        XCTAssertEqual(try feed(none, body(fields: [("label", "a")], fileName: "", file: []), pieces: [4096]), [])
        XCTAssertTrue(none.fileStarted)
        XCTAssertNil(none.fileName, "an empty file name (no file chosen) is no name")
        XCTAssertTrue(none.isComplete)
    }

    func testTheFileFieldIsTheOneNamed() throws {
        let form = reader("backup")
        let got = try feed(form, body(fields: [("file", "a text field here")], fileField: "backup", fileName: #"C:\Users\ana\b.age"#, file: [1, 2]),
                           pieces: [10])
        XCTAssertEqual(got, [1, 2])
        XCTAssertEqual(form.fields, ["file": "a text field here"])
        XCTAssertEqual(form.fileName, "b.age")
        XCTAssertTrue(form.isComplete)
    }

    func testRefusals() {
        func refused(_ bytes: [UInt8], _ what: String, fileField: String = "file", pieces: [Int] = [50], says words: String) {
            XCTAssertThrowsError(try feed(reader(fileField), bytes, pieces: pieces), what) { error in
                guard case AppError.badRequest(let message)? = error as? AppError else { return XCTFail("\(what): \(error)") }
                XCTAssertTrue(message.contains(words), "\(what): \(message)")
            }
        }
        refused(body(fields: [], file: [1, 2], after: [("label", "late")]), "a field after the file", says: "must be the last field")
        let twoFiles = body(fields: [], file: [1, 2, 3], after: [("file", "x")])
        refused(twoFiles, "a second file", says: "must be the last field")
        refused(body(fields: [("note", String(repeating: "n", count: 20_000))], file: [1]), "a field over its limit", pieces: [4096],
                says: "too long")
        refused(body(fields: (0..<16).map { ("f\($0)", "v") }, file: [1]), "more parts than any form has", says: "too many fields")
        refused(body(fields: [("label", "\u{FFFD}")], file: [1]).map { $0 == 0xBD ? 0xFF : $0 }, "a field that is not UTF-8",
                says: "not valid text")
        refused(Array("--\(boundary)\r\nno colon here\r\n\r\n".utf8), "a header line without a colon", says: "not a valid form")
        refused(Array("--\(boundary)XY".utf8), "neither CR LF nor -- after a delimiter", says: "not a valid form")
        refused(Array("--\(boundary)\r\nContent-Disposition: form-data\r\n\r\nx\r\n--\(boundary)--\r\n".utf8), "a field without a name",
                says: "not a valid form")
        refused(Array("--\(boundary)\r\n".utf8) + Array(repeating: UInt8(ascii: "h"), count: 20_000), "headers that never end",
                pieces: [1000], says: "not a valid form")
        refused(Array(repeating: UInt8(ascii: "p"), count: 20_000) + body(fields: [], file: [1]), "a boundary that never comes",
                pieces: [1000], says: "not a valid form")
    }
}
