import DigestKit
import SodiumKit

/// Streams a plaintext file into a document ciphertext file.
///
/// Reads one chunk ahead so the last chunk is known when it is pushed: it is
/// tagged FINAL, so a document cut short is detected when read. The SHA-256
/// of the plaintext is computed on a second thread as the chunks pass.
struct DocumentEncryptor {
    let chunkSize: Int
    let vaultID: [UInt8]
    let documentID: [UInt8]

    struct Result {
        let size: Int64
        let sha256: [UInt8]
    }

    /// Encrypts everything `input` holds into `output` (which must be empty)
    /// under `key`, calling `progress` with the plaintext bytes done so far.
    func encrypt(from input: PosixFile, to output: PosixFile, key: SecureBytes,
                 progress: ((Int64) -> Void)?) throws -> Result {
        let fixed = DocumentFormat.fixedHeader(chunkSize: chunkSize)
        let ad = DocumentFormat.chunkAD(fixedHeader: fixed, vaultID: vaultID, documentID: documentID)
        let stream = try SecretStream.Encryptor(key: key)
        try output.write(fixed + stream.header)

        let pipe = HashPipeline(chunkCapacity: chunkSize, hasher: SHA256Hasher())
        let flush = BackgroundFlush(output)
        defer { flush.drain(); pipe.wipe() }
        let sealed = ChunkBuffer(capacity: chunkSize + SecretStream.overheadBytes)
        var total: Int64 = 0
        var current = 0
        pipe.acquire(current)
        try input.readFull(into: pipe.buffers[current])
        while true {
            let chunk = pipe.buffers[current]
            pipe.submit(current)
            var isFinal = chunk.count < chunkSize
            let next = pipe.next(current)
            if !isFinal {
                // Read ahead: a full chunk followed by end of file is the last one.
                pipe.acquire(next)
                try input.readFull(into: pipe.buffers[next])
                isFinal = pipe.buffers[next].count == 0
            }
            try stream.push(chunk, associatedData: ad, isFinal: isFinal, into: sealed)
            try output.write(sealed)
            flush.wrote(sealed.count)
            total += Int64(chunk.count)
            progress?(total)
            if isFinal { break }
            current = next
        }
        return Result(size: total, sha256: pipe.finish())
    }
}
