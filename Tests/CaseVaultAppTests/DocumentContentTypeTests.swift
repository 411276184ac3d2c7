import XCTest
@testable import CaseVaultApp

/// How a document is sent: inline only when its first bytes are one of the
/// five types and its name does not say otherwise; the response headers
/// that go with it.
final class DocumentContentTypeTests: XCTestCase {
    private let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    private let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8)
    private let gif = Array("GIF89a".utf8) + [1, 0, 1, 0]
    private let webp = Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8)
    private let pdf = Array("%PDF-1.7\n%".utf8)

    func testTheBytesAndTheNameMustAgree() {
        XCTAssertEqual(DocumentContentType.inline(fileName: "card.png", firstBytes: png), .png)
        XCTAssertEqual(DocumentContentType.inline(fileName: "card.JPG", firstBytes: jpeg), .jpeg)
        XCTAssertEqual(DocumentContentType.inline(fileName: "card.jpeg", firstBytes: jpeg), .jpeg)
        XCTAssertEqual(DocumentContentType.inline(fileName: "a.gif", firstBytes: gif), .gif)
        XCTAssertEqual(DocumentContentType.inline(fileName: "a.webp", firstBytes: webp), .webp)
        XCTAssertEqual(DocumentContentType.inline(fileName: "notice.pdf", firstBytes: pdf), .pdf)
        // No extension: the bytes decide.
        XCTAssertEqual(DocumentContentType.inline(fileName: "scan", firstBytes: pdf), .pdf)
        // Disagreement: download only.
        XCTAssertNil(DocumentContentType.inline(fileName: "card.pdf", firstBytes: png))
        XCTAssertNil(DocumentContentType.inline(fileName: "notice.png", firstBytes: pdf))
    }

    func testTypesThatCouldRunAreNeverInline() {
        let html = Array("<!doctype html><script>alert(1)</script>".utf8)
        let svg = Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script/>".utf8)
        for name in ["page.html", "page.pdf", "image.svg", "image.png", "x"] {
            XCTAssertNil(DocumentContentType.inline(fileName: name, firstBytes: html), name)
            XCTAssertNil(DocumentContentType.inline(fileName: name, firstBytes: svg), name)
        }
        // Image bytes under a name that says HTML or SVG stay a download.
        XCTAssertNil(DocumentContentType.inline(fileName: "page.html", firstBytes: png))
        XCTAssertNil(DocumentContentType.inline(fileName: "image.svg", firstBytes: png))
        // Too short to be recognised, or empty.
        XCTAssertNil(DocumentContentType.inline(fileName: "a.png", firstBytes: Array(png.prefix(5))))
        XCTAssertNil(DocumentContentType.inline(fileName: "a.pdf", firstBytes: []))
        XCTAssertNil(DocumentContentType.inline(fileName: "a.webp", firstBytes: Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVE".utf8)))
    }

    func testInlinePoliciesForbidScriptAndFraming() {
        for type in DocumentContentType.allCases {
            let csp = type.contentSecurityPolicy
            XCTAssertTrue(csp.hasPrefix("default-src 'none'"), csp)
            XCTAssertFalse(csp.contains("script-src"), csp)
            XCTAssertTrue(csp.contains("frame-ancestors 'none'"), csp)
            XCTAssertEqual(csp.contains("sandbox"), type != .pdf, csp)
        }
    }

    func testContentDispositionIsSafeAndKeepsTheName() {
        XCTAssertEqual(AppRoutes.contentDisposition("attachment", fileName: "scan.pdf"),
                       #"attachment; filename="scan.pdf"; filename*=UTF-8''scan.pdf"#)
        // Quotes, a path and a bidi override never reach the header as such.
        let tricky = AppRoutes.contentDisposition("attachment", fileName: "a\"b/..\\c\u{202E}fdp.exe")
        XCTAssertFalse(tricky.contains("\u{202E}"))
        XCTAssertEqual(tricky.filter { $0 == "\"" }.count, 2, tricky)
        XCTAssertFalse(tricky.contains("/"), tricky)
        XCTAssertFalse(tricky.contains("\\"), tricky)
        // Non-ASCII: an ASCII fallback, and the exact name in UTF-8.
        XCTAssertEqual(AppRoutes.contentDisposition("inline", fileName: "carte résident.jpg"),
                       #"inline; filename="carte r_sident.jpg"; filename*=UTF-8''carte%20r%C3%A9sident.jpg"#)
        // A leading dot (a hidden file) and an empty name.
        XCTAssertEqual(AppRoutes.contentDisposition("attachment", fileName: ".bashrc"),
                       #"attachment; filename="_bashrc"; filename*=UTF-8''_bashrc"#)
        XCTAssertEqual(AppRoutes.contentDisposition("attachment", fileName: ""),
                       #"attachment; filename="document"; filename*=UTF-8''document"#)
    }
}
