import Foundation
import XCTest
@testable import CaseVault

/// The one rule for names written to disk from a share (Fixtures/text/file-names.json):
/// the reader refuses them (manifest rules, TarPath, the extractor), and
/// the exporter never writes one.
final class PortableFileNameTests: XCTestCase {
    func testRefusedNamesAreRefusedForTheirReason() throws {
        let fixture = try TextFixtures.load("file-names")
        let refused = try TextFixtures.pairs(fixture["refused"])
        XCTAssertGreaterThanOrEqual(refused.count, 40)
        for (name, reason) in refused {
            guard let problem = PortableFileName.problem(name) else {
                XCTFail("accepted: \(TextFixtures.shown(name))"); continue
            }
            XCTAssertTrue(problem.description.contains(reason), "\(TextFixtures.shown(name)): \(problem)")
            XCTAssertThrowsError(try PortableFileName(validating: name))
        }
        let limit = try XCTUnwrap(fixture["tooLong"] as? Int)
        XCTAssertEqual(PortableFileName.problem(String(repeating: "a", count: limit)), .tooLong(bytes: limit))
        XCTAssertNil(PortableFileName.problem(String(repeating: "a", count: limit - 1)))
        XCTAssertEqual(PortableFileName.problem(String(repeating: "é", count: 128)), .tooLong(bytes: 256), "bytes, not characters")
    }

    func testAcceptedNamesPass() throws {
        for name in try XCTUnwrap(try TextFixtures.load("file-names")["accepted"] as? [String]) {
            XCTAssertEqual(try PortableFileName(validating: name).value, name, TextFixtures.shown(name))
        }
    }

    /// The exporter's names always pass the rule: a hostile or careless
    /// document name is made safe, and a safe one is kept as it is.
    func testExporterNamesAlwaysPassTheRule() throws {
        let fixture = try TextFixtures.load("file-names")
        let refused = try TextFixtures.pairs(fixture["refused"]).map(\.0)
        let accepted = try XCTUnwrap(fixture["accepted"] as? [String])
        let names = try ShareFileName.unique(refused + accepted)
        XCTAssertEqual(Array(names.suffix(accepted.count)), accepted.map { $0.precomposedStringWithCanonicalMapping })
        for (raw, name) in zip(refused + accepted, names) {
            XCTAssertNil(PortableFileName.problem(name), "\(TextFixtures.shown(raw)) -> \(TextFixtures.shown(name))")
        }
        XCTAssertEqual(Set(names.map(PortableFileName.collisionKey)).count, names.count, "unique ignoring case and normalisation")
        XCTAssertEqual(try ShareFileName.unique(["I-797 notice\u{202E}fdp.exe", "zw\u{200B}sp", "csi\u{9B}31mred", ".bashrc", "CON", "a:b<c>|?*", "trail. "]),
                       ["I-797 notice_fdp.exe", "zwsp", "csi_31mred", "_bashrc", "_CON", "a_b_c____", "trail"])
        XCTAssertEqual(try ShareFileName.unique(["Caf\u{E9}.pdf", "Cafe\u{301}.pdf", "CAF\u{C9}.PDF"]), ["Café.pdf", "Café (2).pdf", "CAFÉ (3).PDF"])
    }

    /// The reader refuses the same names in a tar entry's path, before anything is written.
    func testTarPathRefusesEveryUnportableComponent() throws {
        let refused = try TextFixtures.pairs(try TextFixtures.load("file-names")["refused"]).map(\.0)
            .filter { !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("/") }
        for name in refused {
            XCTAssertThrowsError(try TarPath.components(Array("casevault-share/documents/\(name)".utf8)), TextFixtures.shown(name)) { e in
                XCTAssertEqual((e as? TarError)?.kind, .unsafeEntry, "\(TextFixtures.shown(name)): \(e)")
            }
        }
        XCTAssertEqual(try TarPath.components(Array("casevault-share/documents/I-797 notice.pdf".utf8)),
                       ["casevault-share", "documents", "I-797 notice.pdf"])
    }

    /// The sanitised name a front end hands a document out under is always
    /// one this rule accepts.
    func testSanitisedNamesFollowTheRule() {
        XCTAssertEqual(PortableFileName.sanitised("scan.pdf").value, "scan.pdf")
        XCTAssertEqual(PortableFileName.sanitised(".bashrc").value, "_bashrc")
        XCTAssertEqual(PortableFileName.sanitised("CON.txt").value, "_CON.txt")
        XCTAssertEqual(PortableFileName.sanitised("a/b\\c:d.pdf").value, "a_b_c_d.pdf")
        XCTAssertEqual(PortableFileName.sanitised("").value, "document")
        XCTAssertEqual(PortableFileName.sanitised("...").value, "document")
        for raw in ["notice\u{202E}fdp.exe", "zw\u{200B}sp.png", String(repeating: "é", count: 300) + ".pdf", " x .", "\u{0}"] {
            let name = PortableFileName.sanitised(raw).value
            XCTAssertNil(PortableFileName.problem(name), "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
