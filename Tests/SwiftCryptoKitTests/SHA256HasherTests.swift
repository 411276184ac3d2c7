import Foundation
import XCTest
import SwiftCryptoKit
import SodiumKit

/// SHA256Hasher against coreutils' sha256sum (an independent implementation)
/// on the same bytes, fed whole and in pieces of every kind the document and
/// share pipelines use, plus the FIPS 180-2 "abc" answer.
final class SHA256HasherTests: XCTestCase {
    /// coreutils' sha256sum of `data`, given on its standard input.
    private func sha256sum(_ data: [UInt8]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum"]
        let input = Pipe(), out = Pipe()
        (p.standardInput, p.standardOutput) = (input, out)
        try p.run()
        let writer = Thread { input.fileHandleForWriting.write(Data(data)); try? input.fileHandleForWriting.close() }
        writer.start()
        let digest = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(String(decoding: digest, as: UTF8.self).prefix(64))
    }

    func testKnownAnswer() {
        XCTAssertEqual(Bytes.hex(SHA256Hasher.hash(Array("abc".utf8))),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(Bytes.hex(SHA256Hasher.hash([])),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testMatchesSha256sumFedInPieces() throws {
        for data in [[], Random.bytes(1), Random.bytes(63), Random.bytes(64), Random.bytes(65), Random.bytes(300_001)] {
            let expected = try sha256sum(data)
            XCTAssertEqual(Bytes.hex(SHA256Hasher.hash(data)), expected, "one shot, length \(data.count)")

            let h = SHA256Hasher()
            h.update(Array(data.prefix(1000)))
            let rest = data.dropFirst(1000)
            h.update(rest.prefix(5000))
            let buf = ChunkBuffer(capacity: 7777)
            var off = rest.startIndex + min(5000, rest.count)
            while off < rest.endIndex {
                let n = min(7777, rest.endIndex - off)
                buf.set(Array(rest[off..<off + n]))
                h.update(buf)
                off += n
            }
            XCTAssertEqual(Bytes.hex(h.finalize()), expected, "in pieces, length \(data.count)")
        }
    }
}
