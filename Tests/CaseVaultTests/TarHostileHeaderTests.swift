import Foundation
import XCTest
@testable import CaseVault

/// Hostile tar headers found while adding the FuzzShares target. Both are
/// reached before any signature is checked, so anyone who can encrypt to an
/// attorney's public age recipient could send them:
///
/// - a pax record whose length is near Int.max made `parsePax` trap on
///   integer overflow (a crash of `share open` / `inbox import`);
/// - a directory entry may declare any size; its "data" was gathered in
///   memory before being dropped, so a share of a few GB with one such
///   header made the reader hold a few GB (and it was skipped without its
///   block padding). A directory that declares data is now refused at its
///   header, and skipping (padding, unread data) streams.
final class TarHostileHeaderTests: XCTestCase {
    /// A ustar directory header declaring `size` bytes in GNU base-256.
    func directoryHeader(size: Int64) -> [UInt8] {
        var b = TarHeader(name: "casevault-share/", mode: 0o700, size: 0, mtime: 0, kind: .directory).encode()
        b[124] = 0x80
        for i in 0..<11 { b[125 + i] = UInt8(truncatingIfNeeded: size >> (8 * (10 - i))) }
        for i in 148..<156 { b[i] = 0x20 }
        let sum = b.reduce(0) { $0 + Int($1) }
        TarHeader.octal(Int64(sum), width: 7, at: 148, in: &b)
        b[155] = 0x20
        return b
    }

    /// A pax header (type 'x') holding `records`, then an empty file, then the end marker.
    func paxArchive(_ records: [UInt8]) -> [UInt8] {
        var out = TarHeader(name: "PaxHeaders/a", mode: 0o600, size: Int64(records.count), mtime: 0, kind: .paxExtended).encode()
        out += records + [UInt8](repeating: 0, count: (512 - records.count % 512) % 512)
        out += TarHeader(name: "a.txt", mode: 0o600, size: 0, mtime: 0, kind: .regular).encode()
        return out + [UInt8](repeating: 0, count: 1024)
    }

    func testPaxRecordLengthNearIntMaxIsRefusedNotATrap() throws {
        for records in ["6 a=b\n9223372036854775807 x=y\n", "9223372036854775807 x=y\n", "6 a=b\n9223372036854775800 x=y\n"] {
            let tar = paxArchive(Array(records.utf8))
            XCTAssertThrowsError(try TarHeader.parsePax(Array(records.utf8))) { error in
                XCTAssertEqual(error as? TarError, TarError(.malformed, "a pax extended header record is malformed"))
            }
            let r = TarReader(bytes: tar)
            XCTAssertThrowsError(try r.next()) { error in
                XCTAssertEqual(error as? TarError, TarError(.malformed, "a pax extended header record is malformed"))
            }
        }
        // A well-formed header still works.
        XCTAssertEqual(try TarHeader.parsePax(Array("6 a=b\n11 path=é\n".utf8)), ["a": "b", "path": "é"])
    }

    static func peakRSSKiB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss
    }

    func testHugeDirectoryEntryIsRefusedAtItsHeader() throws {
        let chunk = [UInt8](repeating: 0, count: 1 << 20)
        var sent = -1
        let header = directoryHeader(size: 1 << 40)
        let reader = TarReader {
            sent += 1
            if sent == 0 { return header }
            return sent <= 256 ? chunk : nil
        }
        let before = Self.peakRSSKiB()
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual(error as? TarError, TarError(.malformed, "a directory entry declares data"))
        }
        XCTAssertEqual(sent, 0, "refused before reading past the header")
        let grown = Self.peakRSSKiB() - before
        XCTAssertLessThan(grown, 64 << 10, "peak RSS grew by \(grown) KiB")
    }

    func testDirectoryEntryWithDataIsRefusedAndAnEmptyOneRead() throws {
        var out: [UInt8] = []
        let w = TarWriter(mtime: Date(timeIntervalSince1970: 0)) { out.append(contentsOf: $0) }
        try w.addFile(path: "casevault-share/a.txt", contents: Array("hi\n".utf8))
        try w.finish()
        for size: Int64 in [1, 511, 512, 1536] {
            let tar = directoryHeader(size: size) + [UInt8](repeating: 7, count: Int(size)) + out
            let r = TarReader(bytes: tar)
            XCTAssertThrowsError(try r.next(), "size \(size)") { error in
                XCTAssertEqual(error as? TarError, TarError(.malformed, "a directory entry declares data"))
            }
        }
        let tar = directoryHeader(size: 0) + out
        for chunk in [1, 511, 512, 700, 5000] {
            let r = TarReader(bytes: tar, chunk: chunk)
            let d = try XCTUnwrap(try r.next())
            XCTAssertTrue(d.isDirectory)
            let f = try XCTUnwrap(try r.next())
            XCTAssertEqual(f.path, "casevault-share/a.txt")
            var data: [UInt8] = []
            while let s = try r.read(max: 100) { data += s }
            XCTAssertEqual(data, Array("hi\n".utf8), "chunk \(chunk)")
            XCTAssertNil(try r.next())
            try r.drainToEnd()
        }
    }
}
