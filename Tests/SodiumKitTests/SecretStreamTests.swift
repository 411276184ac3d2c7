import XCTest
@testable import SodiumKit

final class SecretStreamTests: XCTestCase {
    private let ad = Array("test-ad".utf8)

    /// Encrypts `chunks`, the last one FINAL; returns header and ciphertext chunks.
    private func encrypt(_ chunks: [[UInt8]], key: SecureBytes) throws -> ([UInt8], [[UInt8]]) {
        let enc = try SecretStream.Encryptor(key: key)
        let input = ChunkBuffer(capacity: 4096)
        let output = ChunkBuffer(capacity: 4096 + SecretStream.overheadBytes)
        var out: [[UInt8]] = []
        for (i, c) in chunks.enumerated() {
            input.set(c)
            try enc.push(input, associatedData: ad, isFinal: i == chunks.count - 1, into: output)
            out.append(output.bytes)
        }
        return (enc.header, out)
    }

    /// Decrypts chunks; returns plaintext chunks and whether FINAL was seen.
    private func decrypt(_ header: [UInt8], _ chunks: [[UInt8]], key: SecureBytes, ad: [UInt8]? = nil) throws -> ([[UInt8]], Bool) {
        let dec = try SecretStream.Decryptor(key: key, header: header)
        let input = ChunkBuffer(capacity: 4096 + SecretStream.overheadBytes)
        let output = ChunkBuffer(capacity: 4096)
        var out: [[UInt8]] = []
        var final = false
        for c in chunks {
            input.set(c)
            final = try dec.pull(input, associatedData: ad ?? self.ad, into: output)
            out.append(output.bytes)
        }
        return (out, final)
    }

    func testRoundTripIncludingEmptyChunks() throws {
        let key = try SecretStream.generateKey()
        let chunks: [[UInt8]] = [Random.bytes(4096), [], Random.bytes(1), Random.bytes(100)]
        let (h, ct) = try encrypt(chunks, key: key)
        XCTAssertEqual(h.count, SecretStream.headerBytes)
        XCTAssertEqual(ct.map(\.count), chunks.map { $0.count + SecretStream.overheadBytes })
        let (pt, final) = try decrypt(h, ct, key: key)
        XCTAssertEqual(pt, chunks)
        XCTAssertTrue(final)
    }

    func testTamperedReorderedDroppedOrRepeatedChunksFail() throws {
        let key = try SecretStream.generateKey()
        let chunks = (0..<3).map { _ in Random.bytes(64) }
        let (h, ct) = try encrypt(chunks, key: key)
        var flipped = ct
        flipped[1][5] ^= 0x01
        let cases: [(String, [[UInt8]])] = [
            ("flipped", flipped), ("reordered", [ct[1], ct[0], ct[2]]),
            ("dropped", [ct[0], ct[2]]), ("repeated", [ct[0], ct[0], ct[1], ct[2]]),
        ]
        for (name, bad) in cases {
            XCTAssertThrowsError(try decrypt(h, bad, key: key), name) { XCTAssertEqual($0 as? SodiumError, .authenticationFailed) }
        }
    }

    func testTruncatedStreamHasNoFinalChunk() throws {
        let key = try SecretStream.generateKey()
        let (h, ct) = try encrypt([Random.bytes(10), Random.bytes(10)], key: key)
        let (_, final) = try decrypt(h, [ct[0]], key: key)
        XCTAssertFalse(final, "a stream cut before its FINAL chunk must be recognisable")
    }

    func testNothingIsAcceptedAfterTheFinalChunk() throws {
        let key = try SecretStream.generateKey()
        let (h, ct) = try encrypt([Random.bytes(10)], key: key)
        XCTAssertThrowsError(try decrypt(h, [ct[0], ct[0]], key: key))
    }

    func testWrongKeyOrAssociatedDataFails() throws {
        let key = try SecretStream.generateKey()
        let (h, ct) = try encrypt([Random.bytes(10)], key: key)
        XCTAssertThrowsError(try decrypt(h, ct, key: try SecretStream.generateKey()))
        XCTAssertThrowsError(try decrypt(h, ct, key: key, ad: Array("other".utf8)))
    }

    func testFailedPullLeavesNoPlaintextInTheOutput() throws {
        let key = try SecretStream.generateKey()
        let (h, ct) = try encrypt([[UInt8](repeating: 0x41, count: 64)], key: key)
        var bad = ct[0]
        bad[bad.count - 1] ^= 1
        let dec = try SecretStream.Decryptor(key: key, header: h)
        let input = ChunkBuffer(capacity: 128), output = ChunkBuffer(capacity: 128)
        input.set(bad)
        XCTAssertThrowsError(try dec.pull(input, associatedData: ad, into: output))
        XCTAssertEqual(output.count, 0)
        output.withUnsafeMutableCapacity { XCTAssertTrue($0.allSatisfy { $0 == 0 }) }
    }

    func testPushAfterFinalIsRefused() throws {
        let enc = try SecretStream.Encryptor(key: try SecretStream.generateKey())
        let input = ChunkBuffer(capacity: 16), output = ChunkBuffer(capacity: 64)
        try enc.push(input, associatedData: [], isFinal: true, into: output)
        XCTAssertThrowsError(try enc.push(input, associatedData: [], isFinal: true, into: output))
    }

    func testHeadersDifferForTheSameKey() throws {
        let key = try SecretStream.generateKey()
        XCTAssertNotEqual(try SecretStream.Encryptor(key: key).header, try SecretStream.Encryptor(key: key).header)
    }
}
