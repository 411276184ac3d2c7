import SodiumKit

/// The STREAM construction of age's payload: 64 KiB chunks, each sealed with
/// ChaCha20-Poly1305 under the payload key and the nonce
/// `11-byte big-endian chunk counter || last-chunk flag`.
///
/// The counter makes every nonce unique under the key, and the flag binds
/// "this is the end" into the final chunk's tag, so dropping, reordering,
/// truncating or extending chunks fails authentication.
enum PayloadStream {
    static let chunkSize = 64 * 1024
    static let tagBytes = ChaCha20Poly1305IETF.tagBytes
    static let sealedChunkSize = chunkSize + tagBytes

    static func setNonce(_ nonce: inout [UInt8], counter: UInt64, last: Bool) {
        // Bytes 0-2 of the 11-byte counter stay zero: 2^64 chunks of 64 KiB
        // is beyond any file, and `Sealer`/`Opener` refuse to wrap.
        for i in 0..<8 { nonce[3 + i] = UInt8(truncatingIfNeeded: counter >> UInt64(8 * (7 - i))) }
        nonce[11] = last ? 1 : 0
    }
}

/// Seals chunks one after another.
final class PayloadSealer {
    private let key: SecureBytes
    private var counter: UInt64 = 0
    private var nonce = [UInt8](repeating: 0, count: 12)
    private var sealed = [UInt8](repeating: 0, count: PayloadStream.sealedChunkSize)
    private(set) var finished = false

    init(key: SecureBytes) { self.key = key }

    /// Seals `plaintext[0..<count]` as the next chunk and writes it.
    func seal(_ plaintext: [UInt8], count: Int, last: Bool, to output: AgeOutput) throws {
        precondition(!finished && count <= PayloadStream.chunkSize)
        // Only the final chunk may be short; it may be empty only as the sole chunk.
        precondition(last || count == PayloadStream.chunkSize)
        precondition(!(last && count == 0 && counter > 0))
        guard counter < UInt64.max else { throw AgeError.invalidArgument("the payload is too long") }
        PayloadStream.setNonce(&nonce, counter: counter, last: last)
        let n = try ChaCha20Poly1305IETF.seal(plaintext, count: count, nonce: nonce, key: key, into: &sealed)
        try output.write(sealed[0..<n])
        counter += 1
        if last { finished = true }
    }
}

/// Opens chunks one after another, releasing each only after its tag verified.
final class PayloadOpener {
    private let key: SecureBytes
    private let input: AgeInput
    private var counter: UInt64 = 0
    private var nonce = [UInt8](repeating: 0, count: 12)
    /// One sealed chunk plus one byte of look-ahead: a full chunk is the final
    /// one exactly when no byte follows it.
    private var sealed = [UInt8](repeating: 0, count: PayloadStream.sealedChunkSize + 1)
    private var have = 0
    private(set) var plaintext = [UInt8](repeating: 0, count: PayloadStream.chunkSize)
    private(set) var finished = false

    init(key: SecureBytes, input: AgeInput) {
        self.key = key
        self.input = input
    }

    /// Opens the next chunk into `plaintext` and returns its length, or nil
    /// after the final chunk. Throws on any authentication failure.
    func next() throws -> Int? {
        if finished { return nil }
        var eof = false
        while have < sealed.count {
            let n = try input.read(into: &sealed, offset: have, maxCount: sealed.count - have)
            if n == 0 { eof = true; break }
            have += n
        }
        let last = eof
        let count = last ? have : PayloadStream.sealedChunkSize
        // Shorter than a tag: the file was cut inside the last chunk.
        guard count >= PayloadStream.tagBytes else { throw AgeError.payloadTruncated }
        let n: Int
        do {
            n = try open(count: count, last: last)
        } catch SodiumError.authenticationFailed {
            throw diagnose(count: count, last: last)
        }
        if last && n == 0 && counter > 0 {
            wipePlaintext()
            throw AgeError.payloadEmptyFinalChunk
        }
        if last {
            finished = true
            have = 0
        } else {
            sealed[0] = sealed[PayloadStream.sealedChunkSize]
            have = 1
        }
        counter += 1
        return n
    }

    private func open(count: Int, last: Bool) throws -> Int {
        guard counter < UInt64.max else { throw AgeError.payloadCorrupted(chunk: counter) }
        PayloadStream.setNonce(&nonce, counter: counter, last: last)
        return try ChaCha20Poly1305IETF.open(sealed, count: count, nonce: nonce, key: key, into: &plaintext)
    }

    /// Names the failure: a full chunk that opens with the other flag means
    /// the file was cut at a chunk boundary (opens as non-final) or extended
    /// after its final chunk (opens as final). The trial plaintext is wiped
    /// and never released.
    private func diagnose(count: Int, last: Bool) -> AgeError {
        defer { wipePlaintext() }
        if count == PayloadStream.sealedChunkSize, (try? open(count: count, last: !last)) != nil {
            return last ? .payloadTruncated : .payloadTrailingData
        }
        return .payloadCorrupted(chunk: counter)
    }

    private func wipePlaintext() {
        for i in plaintext.indices { plaintext[i] = 0 }
    }
}
