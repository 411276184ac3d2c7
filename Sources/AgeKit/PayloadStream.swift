import SodiumKit

/// The STREAM construction of age's payload: 64 KiB chunks, each sealed with
/// ChaCha20-Poly1305 under the payload key and the nonce
/// `11-byte big-endian chunk counter || last-chunk flag`.
///
/// The counter makes every nonce unique under the key, and the flag binds
/// "this is the end" into the final chunk's tag, so dropping, reordering,
/// truncating or extending chunks fails authentication.
///
/// Chunks are independent, so they are processed in batches of
/// `batchChunks` sealed or opened on all cores (1 MiB of plaintext: memory
/// stays a few MiB whatever the file size).
enum PayloadStream {
    static let chunkSize = 64 * 1024
    static let tagBytes = ChaCha20Poly1305IETF.tagBytes
    static let sealedChunkSize = chunkSize + tagBytes
    static let batchChunks = 16
    static let batchSize = batchChunks * chunkSize

    /// Overwrites `array[from...]` with zeros in place (plaintext no longer needed).
    static func wipe(_ array: inout [UInt8], from: Int = 0) {
        guard from < array.count else { return }
        array.replaceSubrange(from..<array.count, with: [UInt8](repeating: 0, count: array.count - from))
    }

    /// Writes the nonces of `count` chunks from `counter` on, the last one
    /// flagged final if `final`.
    static func setNonces(_ nonces: inout [UInt8], counter: UInt64, count: Int, final: Bool) {
        for c in 0..<count {
            let value = counter + UInt64(c)
            let base = c * 12
            // Bytes 0-2 of the 11-byte counter stay zero: 2^64 chunks of
            // 64 KiB is beyond any file, and the callers refuse to wrap.
            for i in 0..<3 { nonces[base + i] = 0 }
            for i in 0..<8 { nonces[base + 3 + i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * (7 - i))) }
            nonces[base + 11] = (final && c == count - 1) ? 1 : 0
        }
    }
}

/// Seals batches of chunks one after another.
final class PayloadSealer {
    private let key: SecureBytes
    private var counter: UInt64 = 0
    private var nonces = [UInt8](repeating: 0, count: PayloadStream.batchChunks * 12)
    /// Sized on first use to what the batch needs (a short message stays small).
    private var sealed: [UInt8] = []

    /// Whether each batch is sealed on all cores (see `AgeWriter.init`).
    private let parallel: Bool

    init(key: SecureBytes, parallel: Bool = true) {
        self.key = key
        self.parallel = parallel
    }

    /// Seals `plaintext[0..<count]` as the next chunks and writes them. A
    /// batch that is not final must be whole chunks; the final batch's last
    /// chunk carries the final flag and may be empty only as the sole chunk.
    func seal(_ plaintext: [UInt8], count: Int, final: Bool, to output: AgeOutput) throws {
        try plaintext.withUnsafeBytes { try seal(raw: $0, count: count, final: final, to: output) }
    }

    /// The same, from memory the caller owns.
    func seal(raw plaintext: UnsafeRawBufferPointer, count: Int, final: Bool, to output: AgeOutput) throws {
        precondition(count <= PayloadStream.batchSize && count <= plaintext.count)
        precondition(final || (count > 0 && count % PayloadStream.chunkSize == 0))
        precondition(!(final && count == 0 && counter > 0))
        let chunks = max(1, (count + PayloadStream.chunkSize - 1) / PayloadStream.chunkSize)
        guard counter < UInt64.max - UInt64(chunks) else { throw AgeError.invalidArgument("the payload is too long") }
        PayloadStream.setNonces(&nonces, counter: counter, count: chunks, final: final)
        let needed = count + chunks * PayloadStream.tagBytes
        if sealed.count < needed { sealed += [UInt8](repeating: 0, count: needed - sealed.count) }
        let n = try ChaCha20Poly1305IETF.sealSegments(plaintext, length: count, segmentSize: PayloadStream.chunkSize,
                                                       nonces: nonces, key: key, parallel: parallel, into: &sealed)
        try output.write(sealed[0..<n])
        counter += UInt64(chunks)
    }
}

/// Opens batches of chunks and hands out each chunk only after its tag verified.
final class PayloadOpener {
    private let key: SecureBytes
    private let input: AgeInput
    private var counter: UInt64 = 0
    private var nonces = [UInt8](repeating: 0, count: PayloadStream.batchChunks * 12)
    /// One batch of sealed chunks plus one byte of look-ahead: the stream's
    /// last chunk is the one after which no byte follows.
    /// Grows from one chunk to a whole batch as the input turns out longer,
    /// so a small file does not allocate 2 MiB.
    private var sealed = [UInt8](repeating: 0, count: PayloadStream.sealedChunkSize + 1)
    private static let sealedCapacity = PayloadStream.batchChunks * PayloadStream.sealedChunkSize + 1
    private var have = 0
    /// Authenticated plaintext of the current batch: chunk i at i * chunkSize.
    private(set) var plaintext: [UInt8] = []
    private var ready: [Int] = []
    private var nextReady = 0
    /// An error found in the current batch, thrown once the authentic
    /// chunks before it were handed out.
    private var pendingError: AgeError?
    private var finished = false
    private var sawFinal = false
    /// Hand out a non-final chunk that fails authentication as zeros marked
    /// damaged, instead of ending the stream (see `AgeReader.nextChunk`).
    private let tolerateDamage: Bool
    /// Indexes (in the current batch) of chunks handed out as damaged.
    private var damagedInBatch: Set<Int> = []
    /// Whether the chunk `next` returned last is a damaged one (zeros).
    private(set) var lastWasDamaged = false

    init(key: SecureBytes, input: AgeInput, tolerateDamage: Bool = false) {
        self.key = key
        self.input = input
        self.tolerateDamage = tolerateDamage
    }

    /// The next authenticated chunk as a range of `plaintext`, or nil after
    /// the final chunk. Throws on any authentication failure.
    func next() throws -> Range<Int>? {
        if nextReady == ready.count {
            if let e = pendingError { finished = true; pendingError = nil; throw e }
            if finished || sawFinal { finished = true; return nil }
            do { try openBatch() } catch { finished = true; throw error }
            if nextReady == ready.count, let e = pendingError { finished = true; pendingError = nil; throw e }
        }
        let i = nextReady
        nextReady += 1
        lastWasDamaged = damagedInBatch.contains(i)
        let start = i * PayloadStream.chunkSize
        return start..<start + ready[i]
    }

    /// All authenticated chunks ready now, as one range (for bulk output).
    /// Not for a damage-tolerant opener (one chunk at a time there).
    func nextRun() throws -> Range<Int>? {
        guard let first = try next() else { return nil }
        if tolerateDamage { return first }
        var end = first.upperBound
        // Chunks before the last are full, so ready chunks are contiguous.
        while nextReady < ready.count {
            end = nextReady * PayloadStream.chunkSize + ready[nextReady]
            nextReady += 1
        }
        return first.lowerBound..<end
    }

    private func openBatch() throws {
        ready.removeAll(keepingCapacity: true)
        damagedInBatch.removeAll()
        nextReady = 0
        var eof = false
        while have < Self.sealedCapacity {
            if have == sealed.count {
                let grown = min(Self.sealedCapacity, sealed.count * 4)
                sealed += [UInt8](repeating: 0, count: grown - sealed.count)
            }
            let n = try input.read(into: &sealed, offset: have, maxCount: sealed.count - have)
            if n == 0 { eof = true; break }
            have += n
        }
        let length = eof ? have : Self.sealedCapacity - 1
        let chunks = max(1, (length + PayloadStream.sealedChunkSize - 1) / PayloadStream.sealedChunkSize)
        let lastLength = length - (chunks - 1) * PayloadStream.sealedChunkSize
        // Shorter than a tag: the file was cut inside the last chunk (or
        // right after the nonce), unless the chunk before is a valid final
        // chunk and these bytes were appended after it.
        guard lastLength >= PayloadStream.tagBytes else {
            if chunks > 1, diagnose(chunk: chunks - 2, count: PayloadStream.sealedChunkSize, final: false) == .payloadTrailingData {
                throw AgeError.payloadTrailingData
            }
            throw AgeError.payloadTruncated
        }
        guard counter < UInt64.max - UInt64(chunks) else { throw AgeError.payloadCorrupted(chunk: counter) }
        PayloadStream.setNonces(&nonces, counter: counter, count: chunks, final: eof)
        if plaintext.count < chunks * PayloadStream.chunkSize {
            plaintext += [UInt8](repeating: 0, count: chunks * PayloadStream.chunkSize - plaintext.count)
        }
        let results = try ChaCha20Poly1305IETF.openSegments(sealed, length: length, segmentSize: PayloadStream.chunkSize,
                                                            nonces: nonces, key: key, into: &plaintext)
        for (i, result) in results.enumerated() {
            guard let n = result else {
                let final = eof && i == chunks - 1
                let error = diagnose(chunk: i, count: i == chunks - 1 ? lastLength : PayloadStream.sealedChunkSize, final: final)
                // A whole chunk that is not the last and fails only because
                // it was changed (not cut, not extended: `diagnose` tells)
                // may be skipped by a reader that asked to: its 64 KiB are
                // handed out as zeros, marked damaged, and the chunks after
                // it still authenticate under their own counters. The final
                // chunk never is: it alone proves the stream is complete.
                if tolerateDamage && !final && error == .payloadCorrupted(chunk: counter + UInt64(i)) {
                    let start = i * PayloadStream.chunkSize
                    plaintext.replaceSubrange(start..<start + PayloadStream.chunkSize,
                                              with: repeatElement(0, count: PayloadStream.chunkSize))
                    damagedInBatch.insert(i)
                    ready.append(PayloadStream.chunkSize)
                    continue
                }
                pendingError = error
                break
            }
            if eof && i == chunks - 1 && n == 0 && counter + UInt64(i) > 0 {
                pendingError = .payloadEmptyFinalChunk
                break
            }
            ready.append(n)
        }
        // Plaintext of chunks not handed out (after a failure) is wiped.
        if pendingError != nil {
            let keep = ready.count * PayloadStream.chunkSize
            PayloadStream.wipe(&plaintext, from: keep)
        }
        counter += UInt64(chunks)
        if eof {
            sawFinal = true
            have = 0
        } else {
            sealed[0] = sealed[Self.sealedCapacity - 1]
            have = 1
        }
    }

    /// Names a failure: a full chunk that opens with the other flag means
    /// the file was cut at a chunk boundary (opens as non-final) or extended
    /// after its final chunk (opens as final). The trial plaintext goes to a
    /// scratch buffer that is wiped and never released.
    private func diagnose(chunk i: Int, count: Int, final: Bool) -> AgeError {
        let index = counter + UInt64(i)
        guard count == PayloadStream.sealedChunkSize else { return .payloadCorrupted(chunk: index) }
        let start = i * PayloadStream.sealedChunkSize
        let one = Array(sealed[start..<start + count])
        var nonce = [UInt8](repeating: 0, count: 12)
        PayloadStream.setNonces(&nonce, counter: index, count: 1, final: !final)
        var scratch = [UInt8](repeating: 0, count: PayloadStream.chunkSize)
        defer { PayloadStream.wipe(&scratch) }
        if (try? ChaCha20Poly1305IETF.open(one, count: count, nonce: nonce, key: key, into: &scratch)) != nil {
            return final ? .payloadTruncated : .payloadTrailingData
        }
        return .payloadCorrupted(chunk: index)
    }
}
