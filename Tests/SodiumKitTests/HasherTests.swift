import Foundation
import XCTest
@testable import SodiumKit

/// BLAKE2bHasher against coreutils' b2sum, an
/// independent implementation, on the same bytes.
final class HasherTests: XCTestCase {
    private func coreutils(_ tool: String, _ data: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hash-\(UUID().uuidString)")
        try Data(data).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool, path.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return String(text.split(separator: " ").first ?? "")
    }

    private let inputs: [[UInt8]] = [[], Array("abc".utf8), Random.bytes(1), Random.bytes(200_000)]

    func testBLAKE2b512MatchesB2sumWhenFedInPieces() throws {
        for data in inputs {
            let h = try BLAKE2bHasher()
            let buf = ChunkBuffer(capacity: 7777)
            var off = 0
            while off < data.count {
                let n = min(7777, data.count - off)
                buf.set(Array(data[off..<off + n]))
                h.update(buf)
                off += n
            }
            XCTAssertEqual(Bytes.hex(h.finalize()), try coreutils("b2sum", data), "length \(data.count)")
        }
    }

    func testBLAKE2bRejectsOutOfRangeLengths() {
        XCTAssertThrowsError(try BLAKE2bHasher(length: 8))
        XCTAssertThrowsError(try BLAKE2bHasher(length: 65))
    }
}
