import NIOCore
import XCTest
@testable import CaseVaultApp

/// The import form read as it arrives: several files of one field, each
/// handed back exactly (whatever it holds and however the body is split),
/// other fields dropped, and "complete" only with the closing boundary.
final class ShareUploadFormTests: XCTestCase {
    private let boundary = "----WebKitFormBoundaryQx7Share"

    private func body(_ files: [(String, [UInt8])], field: String = "shares", extra: [(String, String)] = [], closing: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        for (k, v) in extra {
            out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8)
        }
        for (name, data) in files {
            out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            out += data + Array("\r\n".utf8)
        }
        out.removeLast(2)
        if closing { out += Array("\r\n--\(boundary)--\r\n".utf8) }
        return out
    }

    /// Feeds `bytes` in pieces of the given sizes (cycled); the files handed back, by name.
    private func feed(_ form: ShareUploadForm, _ bytes: [UInt8], pieces: [Int]) throws -> [(String, [UInt8], Bool)] {
        var files: [(String, [UInt8], Bool)] = []
        var offset = 0, i = 0
        while offset < bytes.count {
            let n = min(pieces[i % pieces.count], bytes.count - offset)
            for e in try form.parse(ByteBuffer(bytes: bytes[offset..<offset + n])) {
                switch e {
                case .begin(let name): files.append((name, [], false))
                case .bytes(let b): files[files.count - 1].1 += b.readableBytesView
                case .end: files[files.count - 1].2 = true
                }
            }
            offset += n
            i += 1
        }
        return files
    }

    func testSeveralFilesExactlyWhateverTheSplits() throws {
        let tricky = Array("\r\n--\(boundary.prefix(12))\r\r\n\n--".utf8)
        let a = tricky + (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 9) } + tricky
        let b = Array("age-encryption.org/v1\n".utf8)
        let c: [UInt8] = []
        let raw = body([("maria.age", a), ("C:\\Users\\jane\\ahmed.age", b), ("empty.age", c)], extra: [("note", "ignored")])
        for pieces in [[raw.count], [1], [3, 1, 64], [65536], [4095, 17]] {
            let form = ShareUploadForm(boundary: boundary)
            let got = try feed(form, raw, pieces: pieces)
            XCTAssertEqual(got.map(\.0), ["maria.age", "ahmed.age", "empty.age"], "pieces \(pieces)")
            XCTAssertEqual(got.map(\.1), [a, b, c], "pieces \(pieces)")
            XCTAssertEqual(got.map(\.2), [true, true, true], "every file ended, pieces \(pieces)")
            XCTAssertTrue(form.isComplete)
            XCTAssertEqual(form.files, 3)
        }
    }

    func testABodyCutOffIsNeverComplete() throws {
        let raw = body([("a.age", Array(repeating: 7, count: 5000)), ("b.age", Array(repeating: 9, count: 5000))])
        // Up to the closing delimiter's "--" (the CRLF after it is optional).
        for cut in [10, 200, 5100, 9000, raw.count - 5, raw.count - 3] {
            let form = ShareUploadForm(boundary: boundary)
            let got = try feed(form, Array(raw.prefix(cut)), pieces: [97])
            XCTAssertFalse(form.isComplete, "cut at \(cut)")
            if cut < raw.count - 20 { XCTAssertFalse(got.last?.2 ?? false, "a file cut off ended, at \(cut)") }
        }
        let unclosed = ShareUploadForm(boundary: boundary)
        _ = try feed(unclosed, body([("a.age", [1, 2, 3])], closing: false), pieces: [4])
        XCTAssertFalse(unclosed.isComplete, "a body without its closing delimiter")
    }

    func testNoFileChosenAndOtherFieldsGiveNoFile() throws {
        let form = ShareUploadForm(boundary: boundary)
        let got = try feed(form, body([("", [])], extra: [("x", "y")]), pieces: [1000])
        XCTAssertTrue(got.isEmpty)
        XCTAssertTrue(form.isComplete)
        let other = ShareUploadForm(boundary: boundary)
        XCTAssertTrue(try feed(other, body([("a.age", [1])], field: "file"), pieces: [1000]).isEmpty, "another field's file")
    }

    func testTooManyFilesOrADamagedFormAreRefused() throws {
        let many = body((0...ShareUploadForm.maxFiles).map { ("f\($0).age", [UInt8(truncatingIfNeeded: $0)]) })
        XCTAssertThrowsError(try feed(ShareUploadForm(boundary: boundary), many, pieces: [4096]))
        var damaged = body([("a.age", [1, 2, 3])])
        damaged.insert(contentsOf: Array("XX".utf8), at: Array("--\(boundary)".utf8).count)
        XCTAssertThrowsError(try feed(ShareUploadForm(boundary: boundary), damaged, pieces: [64]))
        let noBoundary = Array(repeating: UInt8(ascii: "x"), count: ShareUploadForm.maxHeaderBytes + 100)
        XCTAssertThrowsError(try feed(ShareUploadForm(boundary: boundary), noBoundary, pieces: [1000]), "a body whose boundary never comes")
        let longField = body([], extra: [("note", String(repeating: "n", count: ShareUploadForm.maxFieldBytes + 1))])
        XCTAssertThrowsError(try feed(ShareUploadForm(boundary: boundary), longField, pieces: [512]))
    }
}
