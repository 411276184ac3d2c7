import XCTest
@testable import AgeKit
import SodiumKit

/// Round trips through AgeWriter/AgeReader, chunk release, and misuse.
final class AgeStreamTests: XCTestCase {
    private func pattern(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) } }

    /// A write larger than FileDescriptorOutput.writeLimit arrives whole and
    /// in order, split over several write(2) calls.
    func testFileDescriptorOutputWritesLargeBuffersWhole() throws {
        let path = NSTemporaryDirectory() + "agekit-fdout-\(getpid())"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { unlink(path) }
        let bytes = pattern(4 * FileDescriptorOutput.writeLimit + 5)
        let out = FileDescriptorOutput(fd)
        try out.write(bytes[...])
        try out.write(bytes[3...])
        close(fd)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), bytes + bytes[3...])
    }

    func testRoundTripAtChunkBoundariesBinaryAndArmored() throws {
        let id = try X25519Identity.generate()
        for size in [0, 1, 65535, 65536, 65537, 2 * 65536, 3 * 65536 + 17, 16 * 65536, 16 * 65536 + 1, 33 * 65536 - 1] {
            for (armor, allCores) in [(false, true), (true, true), (false, false)] {
                let plain = pattern(size)
                // Feed in odd-sized pieces to exercise the incremental path.
                let out = BytesOutput()
                let w = try AgeWriter(recipients: [id.recipient], output: out, armor: armor, sealOnAllCores: allCores)
                var i = 0, step = 1
                while i < plain.count {
                    let n = min(step, plain.count - i)
                    try w.write(plain[i..<i + n])
                    i += n
                    step = step * 3 + 7
                }
                try w.finish()
                let expectedChunks = max(1, (size + 65535) / 65536)
                if !armor {
                    XCTAssertEqual(out.bytes.count - headerLength(out.bytes) - 16, size + 16 * expectedChunks, "size \(size)")
                }
                let r = try AgeReader(identities: [id], input: BytesInput(out.bytes))
                XCTAssertEqual(r.wasArmored, armor)
                var got: [UInt8] = []
                var chunks = 0
                while let c = try r.next() { got += c; chunks += 1 }
                XCTAssertEqual(got, plain, "size \(size) armor \(armor)")
                XCTAssertEqual(chunks, expectedChunks, "size \(size)")
                XCTAssertNil(try r.next())
            }
        }
    }

    private func headerLength(_ file: [UInt8]) -> Int {
        let mac = Array("\n--- ".utf8)
        for i in 0..<(file.count - mac.count) where Array(file[i..<i + mac.count]) == mac {
            return i + mac.count + 43 + 1
        }
        return -1
    }

    func testWriteFromInputMatchesBufferedWrites() throws {
        let id = try X25519Identity.generate()
        for size in [0, 65536, 65537, 200_000] {
            let plain = pattern(size)
            let out = BytesOutput()
            let w = try AgeWriter(recipients: [id.recipient], output: out)
            try w.write(from: BytesInput(plain))
            try w.finish()
            XCTAssertEqual(try Age.decrypt(out.bytes, identities: [id]), plain)
        }
    }

    /// Writes of chunk buffers (a document exported into a share) seal whole
    /// 64 KiB chunks straight from the buffer and copy only around them. Mixed
    /// with ordinary writes at every alignment, the file must hold exactly the
    /// bytes, in the standard number of chunks (so the last is the final one).
    func testChunkBufferWritesAtEveryAlignment() throws {
        let id = try X25519Identity.generate()
        let c = 65536
        let source = pattern(16 * c + 3 * 16 * c + c + 20)
        for prefix in [0, 1, 512, c - 1, c, c + 1, 16 * c - 3] {
            for pieces in [[1], [c - 1], [c], [c + 1], [16 * c], [16 * c + 1, 5], [3 * 16 * c + 7, c, 1], [0, 2 * c]] {
                let plain = Array(source[0..<prefix + pieces.reduce(0, +) + 3])
                let out = BytesOutput()
                let w = try AgeWriter(recipients: [id.recipient], output: out)
                try w.write(plain[0..<prefix])
                var at = prefix
                for n in pieces {
                    let b = ChunkBuffer(capacity: max(1, n))
                    b.set(Array(plain[at..<at + n]))
                    try w.write(b)
                    at += n
                }
                try w.write(plain[at...])
                try w.finish()
                let label = "prefix \(prefix), pieces \(pieces)"
                let expectedChunks = max(1, (plain.count + c - 1) / c)
                XCTAssertEqual(out.bytes.count - headerLength(out.bytes) - 16, plain.count + 16 * expectedChunks, label)
                XCTAssertEqual(try Age.decrypt(out.bytes, identities: [id]), plain, label)
            }
        }
        // A stream that ends with a chunk-buffer write: its tail is the final chunk.
        for n in [1, c, 16 * c, 16 * c + 1] {
            let plain = pattern(n)
            let b = ChunkBuffer(capacity: n)
            b.set(plain)
            let out = BytesOutput()
            let w = try AgeWriter(recipients: [id.recipient], output: out)
            try w.write(b)
            try w.finish()
            XCTAssertEqual(try Age.decrypt(out.bytes, identities: [id]), plain, "size \(n)")
        }
    }

    func testNoChunkIsReleasedBeforeItAuthenticates() throws {
        let id = try X25519Identity.generate()
        let plain = pattern(3 * 65536 + 5)
        var file = try Age.encrypt(plain, to: [id.recipient])
        // Flip one byte inside the second chunk's ciphertext.
        let second = headerLength(file) + 16 + 65536 + 16 + 100
        file[second] ^= 0x80
        let r = try AgeReader(identities: [id], input: BytesInput(file))
        XCTAssertEqual(try r.next(), Array(plain[0..<65536]))
        XCTAssertThrowsError(try r.next()) { XCTAssertEqual($0 as? AgeError, .payloadCorrupted(chunk: 1)) }
    }

    /// Chunks are opened in parallel batches of 16: failures on either side
    /// of a batch boundary are still found and named, and the authentic
    /// chunks before a failure are the only ones released.
    func testFailuresAroundBatchBoundaries() throws {
        let id = try X25519Identity.generate()
        let full = try Age.encrypt(pattern(16 * 65536), to: [id.recipient])
        let longer = try Age.encrypt(pattern(17 * 65536 + 9), to: [id.recipient])
        let payloadStart = headerLength(longer) + 16
        func failure(_ file: [UInt8]) -> AgeError? {
            do { _ = try Age.decrypt(file, identities: [id]); return nil } catch { return error as? AgeError }
        }
        // Cut exactly after the 16th chunk (a batch boundary): truncated.
        XCTAssertEqual(failure(Array(longer[0..<(payloadStart + 16 * 65552)])), .payloadTruncated)
        // One byte after a full final 16th chunk: extended.
        XCTAssertEqual(failure(full + [0]), .payloadTrailingData)
        XCTAssertEqual(failure(full + [UInt8](repeating: 0, count: 20)), .payloadTrailingData)
        // Chunk 16 (first of the second batch) corrupted: 16 chunks come out, then the error.
        var bad = longer
        bad[payloadStart + 16 * 65552 + 5] ^= 1
        let r = try AgeReader(identities: [id], input: BytesInput(bad))
        var released = 0
        XCTAssertThrowsError(try { while let c = try r.next() { XCTAssertEqual(c.count, 65536); released += 1 } }()) {
            XCTAssertEqual($0 as? AgeError, .payloadCorrupted(chunk: 16))
        }
        XCTAssertEqual(released, 16)
        // Chunk 3 corrupted inside the first batch: only chunks 0-2 come out.
        var early = longer
        early[payloadStart + 3 * 65552 + 100] ^= 1
        let r2 = try AgeReader(identities: [id], input: BytesInput(early))
        var got: [UInt8] = []
        XCTAssertThrowsError(try { while let c = try r2.next() { got += c } }()) {
            XCTAssertEqual($0 as? AgeError, .payloadCorrupted(chunk: 3))
        }
        XCTAssertEqual(got, Array(pattern(17 * 65536 + 9)[0..<(3 * 65536)]))
        XCTAssertNil(try? r2.next())
    }

    /// A reader that tolerates damaged chunks (backup restore) gets a
    /// changed non-final chunk as 64 KiB of zeros marked damaged and every
    /// other chunk as usual, across batch boundaries; a damaged final chunk,
    /// a cut or an extension still fail as for any reader.
    func testDamageTolerantReaderSkipsOnlyChangedNonFinalChunks() throws {
        let id = try X25519Identity.generate()
        let plain = pattern(17 * 65536 + 9)
        let file = try Age.encrypt(plain, to: [id.recipient])
        let payloadStart = headerLength(file) + 16
        func read(_ f: [UInt8]) throws -> (bytes: [UInt8], damaged: [Int]) {
            let r = try AgeReader(identities: [id], input: BytesInput(f), tolerateDamagedChunks: true)
            var bytes: [UInt8] = [], damaged: [Int] = [], i = 0
            while let c = try r.nextChunk() {
                if c.damaged { damaged.append(i) }
                bytes += c.bytes
                i += 1
            }
            return (bytes, damaged)
        }
        var bad = file
        for chunk in [3, 15, 16] { bad[payloadStart + chunk * 65552 + 77] ^= 1 }
        let got = try read(bad)
        XCTAssertEqual(got.damaged, [3, 15, 16])
        var expected = plain
        for chunk in [3, 15, 16] { expected.replaceSubrange(chunk * 65536..<(chunk + 1) * 65536, with: [UInt8](repeating: 0, count: 65536)) }
        XCTAssertEqual(got.bytes, expected)
        XCTAssertEqual(try read(file).damaged, [])
        // The final chunk, a cut at a chunk boundary, an extension: errors.
        var last = file
        last[last.count - 3] ^= 1
        XCTAssertThrowsError(try read(last)) { XCTAssertEqual($0 as? AgeError, .payloadCorrupted(chunk: 17)) }
        XCTAssertThrowsError(try read(Array(file[0..<(payloadStart + 16 * 65552)]))) { XCTAssertEqual($0 as? AgeError, .payloadTruncated) }
        let full = try Age.encrypt(pattern(16 * 65536), to: [id.recipient])
        XCTAssertThrowsError(try read(full + [0])) { XCTAssertEqual($0 as? AgeError, .payloadTrailingData) }
        // Chunks swapped: each fails under the other's counter, so both come out damaged, never as data.
        var swapped = file
        let a = payloadStart + 1 * 65552, b = payloadStart + 2 * 65552
        swapped.replaceSubrange(a..<a + 65552, with: file[b..<b + 65552])
        swapped.replaceSubrange(b..<b + 65552, with: file[a..<a + 65552])
        XCTAssertEqual(try read(swapped).damaged, [1, 2])
    }

    func testMultipleRecipientsEachDecrypt() throws {
        let a = try X25519Identity.generate(), b = try X25519Identity.generate(), c = try X25519Identity.generate()
        let file = try Age.encrypt(Array("to two".utf8), to: [a.recipient, b.recipient])
        XCTAssertEqual(try Age.decrypt(file, identities: [b]), Array("to two".utf8))
        XCTAssertEqual(try Age.decrypt(file, identities: [c, a]), Array("to two".utf8))
        XCTAssertThrowsError(try Age.decrypt(file, identities: [c])) { XCTAssertEqual($0 as? AgeError, .noMatchingIdentity) }
    }

    func testPassphraseRoundTripAndRefusals() throws {
        let pass = try SecureBytes(copying: Array("a test passphrase".utf8))
        let file = try Age.encrypt(Array("secret".utf8), to: [ScryptRecipient(passphrase: pass, workFactor: 10)])
        XCTAssertEqual(try Age.decrypt(file, identities: [ScryptIdentity(passphrase: pass)]), Array("secret".utf8))
        let wrong = try SecureBytes(copying: Array("another".utf8))
        XCTAssertThrowsError(try Age.decrypt(file, identities: [ScryptIdentity(passphrase: wrong)])) {
            XCTAssertEqual($0 as? AgeError, .incorrectPassphrase)
        }
        XCTAssertThrowsError(try Age.decrypt(file, identities: [ScryptIdentity(passphrase: pass, maxWorkFactor: 9)])) {
            XCTAssertEqual($0 as? AgeError, .workFactorTooHigh(logN: 10, maximum: 9))
        }
        // The spec forbids mixing a passphrase with other recipients.
        let other = try X25519Identity.generate()
        XCTAssertThrowsError(try Age.encrypt([1], to: [ScryptRecipient(passphrase: pass, workFactor: 10), other.recipient]))
        XCTAssertThrowsError(try ScryptRecipient(passphrase: pass, workFactor: 23))
    }

    func testWriterRefusesUseAfterFinish() throws {
        let id = try X25519Identity.generate()
        let w = try AgeWriter(recipients: [id.recipient], output: BytesOutput())
        try w.finish()
        XCTAssertThrowsError(try w.write([1])) { XCTAssertEqual($0 as? AgeError, .finished) }
        XCTAssertThrowsError(try w.finish())
        XCTAssertThrowsError(try AgeWriter(recipients: [], output: BytesOutput()))
    }

    func testHeaderEncodingWrapsBodiesAt64Columns() throws {
        let stanzas = [AgeStanza(type: "t", arguments: ["a"], body: [UInt8](repeating: 1, count: 48)),
                       AgeStanza(type: "u", arguments: [], body: [])]
        let text = String(decoding: AgeHeader.encodeWithoutMAC(stanzas), as: UTF8.self)
        XCTAssertEqual(text, "age-encryption.org/v1\n-> t a\n" + String(repeating: "AQEB", count: 16) + "\n\n-> u\n\n---")
        let full = try AgeHeader.encode(stanzas, fileKey: try FileKey.random())
        let parsed = try AgeHeader.parse(BufferedInput(BytesInput(full)))
        XCTAssertEqual(parsed.stanzas, stanzas)
        XCTAssertEqual(parsed.macInput, AgeHeader.encodeWithoutMAC(stanzas))
    }

    func testArmorWriterLayout() throws {
        let id = try X25519Identity.generate()
        let file = try Age.encrypt(pattern(1000), to: [id.recipient], armor: true)
        let lines = String(decoding: file, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "-----BEGIN AGE ENCRYPTED FILE-----")
        XCTAssertEqual(lines[lines.count - 2], "-----END AGE ENCRYPTED FILE-----")
        XCTAssertEqual(lines.last, "")
        let body = lines[1..<(lines.count - 2)]
        XCTAssertTrue(body.dropLast().allSatisfy { $0.count == 64 })
        XCTAssertTrue((1...64).contains(body.last!.count))
    }
}
