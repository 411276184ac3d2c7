import Foundation
import XCTest
@testable import CaseVault

/// TarWriter and TarReader: interop with the system `tar`, and refusal of
/// hostile archives (fixtures made with Python's tarfile).
final class TarTests: XCTestCase {
    func fixture(_ name: String) throws -> [UInt8] {
        let url = Bundle.module.url(forResource: "Fixtures/shares/\(name)", withExtension: "tar")!
        return [UInt8](try Data(contentsOf: url))
    }

    /// Reads every entry of `bytes`, fed in small chunks to exercise buffering.
    func readAll(_ bytes: [UInt8], chunk: Int = 700) throws -> [(String, [UInt8])] {
        let r = TarReader(bytes: bytes, chunk: chunk)
        var out: [(String, [UInt8])] = []
        while let e = try r.next() {
            var data: [UInt8] = []
            while let s = try r.read(max: 333) { data += s }
            if !e.isDirectory { out.append((e.path, data)) }
        }
        try r.drainToEnd()
        return out
    }

    func write(_ body: (TarWriter) throws -> Void) throws -> [UInt8] {
        var out: [UInt8] = []
        let w = TarWriter(mtime: Date(timeIntervalSince1970: 1_700_000_000)) { out.append(contentsOf: $0) }
        try body(w)
        try w.finish()
        return out
    }

    func testReadsPaxUnicodeNamesWrittenByPython() throws {
        let entries = try readAll(try fixture("good-unicode"))
        XCTAssertEqual(entries.map(\.0), ["dir/Pasaporte de José Núñez – página 1 " + String(repeating: "x", count: 90) + ".pdf", "plain.txt"])
        XCTAssertEqual(entries[0].1, Array(String(repeating: "%PDF-1.4\n", count: 100).utf8))
        XCTAssertEqual(entries[1].1, Array("hello\n".utf8))
    }

    func testWrittenArchiveRoundTripsAndSystemTarExtractsIt() throws {
        let long = "documents/Tarjeta de residente permanente – José Núñez – " + String(repeating: "ñ", count: 60) + ".jpg"
        let big = (0..<5000).map { UInt8($0 % 251) }
        let tar = try write { w in
            try w.addDirectory(path: "casevault-share")
            try w.addFile(path: "casevault-share/a.txt", contents: Array("short\n".utf8))
            try w.addFile(path: "casevault-share/" + long, contents: big)
            try w.addFile(path: "casevault-share/empty", contents: [])
        }
        let back = try readAll(tar)
        XCTAssertEqual(back.map(\.0), ["casevault-share/a.txt", "casevault-share/" + long, "casevault-share/empty"])
        XCTAssertEqual(back[1].1, big)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(tar).write(to: dir.appendingPathComponent("x.tar"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tar", "-xf", "x.tar"]
        p.currentDirectoryURL = dir
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual([UInt8](try Data(contentsOf: dir.appendingPathComponent("casevault-share/" + long))), big)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("casevault-share/a.txt"), encoding: .utf8), "short\n")
    }

    func testWriterRefusesWrongSizes() throws {
        var out: [UInt8] = []
        let w = TarWriter { out.append(contentsOf: $0) }
        try w.beginFile(path: "a", size: 3)
        XCTAssertThrowsError(try w.write([1, 2, 3, 4][...]))
        try w.write([1, 2][...])
        XCTAssertThrowsError(try w.endFile())
    }

    func testHostileArchivesAreRefused() throws {
        let cases: [(String, String)] = [
            ("escape-dotdot", "'..'"), ("escape-absolute", "absolute path"), ("escape-nested", "'..'"),
            ("escape-pax-path", "'..'"), ("escape-gnu-longname", "'..'"), ("symlink", "symbolic link"),
            ("hardlink", "hard link"), ("device", "device file"), ("fifo", "FIFO"),
        ]
        for (name, expected) in cases {
            XCTAssertThrowsError(try readAll(try fixture(name)), name) { error in
                guard let e = error as? TarError, e.kind == .unsafeEntry else { return XCTFail("\(name): \(error)") }
                let detail = e.detail
                XCTAssertTrue(detail.contains(expected), "\(name): \(detail)")
            }
        }
    }

    func testDamagedArchivesAreRefused() throws {
        for name in ["truncated", "bad-checksum"] {
            XCTAssertThrowsError(try readAll(try fixture(name)), name) { error in
                XCTAssertEqual((error as? TarError)?.kind, .malformed, "\(name): \(error)")
            }
        }
    }

    func testRandomDamageOnlyEverThrowsTarErrors() throws {
        let good = try fixture("good-unicode")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            var bytes = good
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<2048, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            do { _ = try readAll(bytes, chunk: Int.random(in: 1...1500, using: &rng)) } catch is TarError {} catch {
                XCTFail("unexpected error type: \(error)")
            }
        }
    }

    func testPathChecks() throws {
        XCTAssertEqual(try TarPath.components(Array("./a//b/./c".utf8)), ["a", "b", "c"])
        for bad in ["", "/", "a/../b", "..", "C:/x", "a\\b", "a\u{1}b", "/etc/x", "./.."] {
            XCTAssertThrowsError(try TarPath.components(Array(bad.utf8)), bad)
        }
    }
}
