import XCTest
@testable import CaseVaultApp

final class MultipartStreamTests: XCTestCase {
    let boundary = "----CaseVaultBoundary7MA4YWxkTrZu0gW"

    func body(file: [UInt8], fields: [(String, String)] = [], fileName: String = "backup.age") -> [UInt8] {
        var out: [UInt8] = []
        for (name, value) in fields {
            out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"backup\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        out += file
        out += Array("\r\n--\(boundary)--\r\n".utf8)
        return out
    }

    /// Feeds `bytes` in pieces of `size`, as the network may split them.
    func parse(_ bytes: [UInt8], pieces size: Int) throws -> MultipartStream.Parser {
        let parser = MultipartStream.Parser(MultipartStream(fileField: "backup"), boundary: boundary)
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + size)
            try Array(bytes[i..<end]).withUnsafeBytes { try parser.feed($0) }
            i = end
        }
        return parser
    }

    /// A file that holds pieces of the boundary (CR LF, dashes, its first
    /// characters) comes through byte for byte however the body is split.
    func testTheFileComesThroughWhereverTheBodyIsSplit() throws {
        var file = Array("\r\n--\r\n----CaseVault\r\n--\(boundary.dropLast())x\r".utf8)
        file += (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 13) }
        file += Array("\r\n-".utf8)
        let whole = body(file: file, fields: [("note", "hello")])
        for size in [1, 2, 3, 7, 41, 64, 1000, whole.count] {
            let p = try parse(whole, pieces: size)
            XCTAssertTrue(p.finished, "split in pieces of \(size)")
            XCTAssertTrue(p.pending == file, "the file differs, split in pieces of \(size)")
            XCTAssertEqual(p.fileSize, Int64(file.count))
            XCTAssertEqual(p.fileName, "backup.age")
            XCTAssertEqual(p.fields["note"], "hello")
        }
    }

    func testABodyWithoutItsLastBoundaryIsNotFinished() throws {
        let whole = body(file: Array(repeating: 0x41, count: 500))
        let cut = Array(whole.dropLast(10))
        XCTAssertFalse(try parse(cut, pieces: 64).finished)
        XCTAssertFalse(try parse(Array(whole.prefix(100)), pieces: 64).finished)
    }

    func testAnEmptyFileAndNoFileField() throws {
        let p = try parse(body(file: [], fileName: ""), pieces: 16)
        XCTAssertTrue(p.finished)
        XCTAssertEqual(p.fileSize, 0)
        XCTAssertNil(p.fileName, "an empty file name (no file chosen) is no name")
        let fieldsOnly = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--\(boundary)--\r\n".utf8)
        XCTAssertFalse(try parse(fieldsOnly, pieces: 16).finished, "a form without the file field")
    }

    func testDamagedFormsAreRefused() {
        let twoFiles = body(file: [1, 2, 3]).dropLast(Array("--\r\n".utf8).count) + Array("\r\nContent-Disposition: form-data; name=\"backup\"; filename=\"b\"\r\n\r\nx\r\n--\(boundary)--\r\n".utf8)
        XCTAssertThrowsError(try parse(Array(twoFiles), pieces: 50), "two file fields")
        let noName = Array("--\(boundary)\r\nContent-Disposition: form-data\r\n\r\nx\r\n--\(boundary)--\r\n".utf8)
        XCTAssertThrowsError(try parse(noName, pieces: 50), "a part without a name")
        let badAfterBoundary = Array("--\(boundary)XX".utf8)
        XCTAssertThrowsError(try parse(badAfterBoundary, pieces: 50), "neither CR LF nor -- after a boundary")
        let longField = body(file: [1], fields: [("note", String(repeating: "a", count: 5000))])
        XCTAssertThrowsError(try parse(longField, pieces: 100), "a field over its limit")
        let endlessHeaders = Array("--\(boundary)\r\n".utf8) + Array(repeating: UInt8(ascii: "h"), count: 20_000)
        XCTAssertThrowsError(try parse(endlessHeaders, pieces: 1000), "headers that never end")
    }

    func testBoundaryAndDisposition() {
        XCTAssertEqual(MultipartStream.boundary("multipart/form-data; boundary=abc"), "abc")
        XCTAssertEqual(MultipartStream.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b")
        XCTAssertNil(MultipartStream.boundary("application/x-www-form-urlencoded; boundary=abc"))
        XCTAssertNil(MultipartStream.boundary("multipart/form-data; boundary=" + String(repeating: "x", count: 71)))
        let d = MultipartStream.disposition("Content-Type: text/plain\r\ncontent-disposition: form-data; name=\"backup\"; filename=\"my; file.age\"")
        XCTAssertEqual(d.name, "backup")
        XCTAssertEqual(d.fileName, "my; file.age")
    }
}
