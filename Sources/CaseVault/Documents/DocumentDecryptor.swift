import DigestKit
import SodiumKit

/// Streams a document ciphertext file back to plaintext, authenticating each
/// chunk before handing it on.
///
/// Integrity failures name the document and the chunk: a chunk that fails
/// authentication (flipped, dropped, repeated, reordered, or from another
/// document), a stream that ends before its FINAL chunk (truncated), bytes
/// after it, or a plaintext whose size or hash differs from the metadata.
struct DocumentDecryptor {
    let vaultID: [UInt8]
    let document: Document

    private var record: String { "document \(document.shortID)" }

    /// Decrypts `input` and passes each authenticated chunk to `sink` (nil to
    /// only check). When it returns, every chunk, the end and the size
    /// matched, and with `checkHash` the recorded hash too (SHA-256, or the
    /// BLAKE2b-512 that documents added by earlier versions record).
    ///
    /// `get` passes `checkHash: false`: the hash was computed at add from the
    /// very plaintext that was encrypted, and the stream already proves this
    /// is that plaintext, complete and in order (every chunk authenticated
    /// under a key only this row unwraps, FINAL tag, nothing after it), so
    /// recomputing it adds no protection against tampering and costs as much
    /// CPU as the decryption (docs/documents.md). `verify` does recompute it.
    func decrypt(from input: PosixFile, key: SecureBytes, checkHash: Bool, sink: ((ChunkBuffer) throws -> Void)?,
                 progress: ((Int64) -> Void)?) throws {
        let header = try input.read(count: DocumentFormat.headerBytes)
        guard header.count == DocumentFormat.headerBytes else {
            throw CaseVaultError.integrity(record: record, detail: "the ciphertext file is shorter than its header (truncated)")
        }
        let fixed = Array(header[0..<DocumentFormat.fixedHeaderBytes])
        guard let chunkSize = DocumentFormat.chunkSize(fromFixedHeader: fixed) else {
            throw CaseVaultError.integrity(record: record, detail: "the ciphertext file has no valid document header")
        }
        let ad = DocumentFormat.chunkAD(fixedHeader: fixed, vaultID: vaultID, documentID: document.id)
        let stream: SecretStream.Decryptor
        do {
            stream = try SecretStream.Decryptor(key: key, header: Array(header[DocumentFormat.fixedHeaderBytes...]))
        } catch {
            throw CaseVaultError.integrity(record: record, detail: "the stream header is invalid")
        }

        let recorded = try document.metadata.recordedDigest()
        if checkHash && recorded == nil {
            throw CaseVaultError.integrity(record: record, detail: "its metadata records no hash of the document")
        }
        // Without checkHash the pipeline's hasher is never fed.
        let pipe = HashPipeline(chunkCapacity: chunkSize, hasher: recorded?.hasher ?? SHA256Hasher())
        defer { pipe.wipe() }
        let sealed = ChunkBuffer(capacity: chunkSize + SecretStream.overheadBytes)
        var total: Int64 = 0
        var index = 0
        var current = 0
        while true {
            try input.readFull(into: sealed)
            if sealed.count == 0 {
                throw CaseVaultError.integrity(record: record, detail: "the document ends after chunk \(index) without its final chunk (truncated)")
            }
            if checkHash { pipe.acquire(current) }
            let plain = pipe.buffers[current]
            let isFinal: Bool
            do {
                isFinal = try stream.pull(sealed, associatedData: ad, into: plain)
            } catch {
                throw CaseVaultError.integrity(record: record, detail: "chunk \(index + 1) failed authentication (changed, dropped, repeated, reordered or cut short)")
            }
            if !isFinal && plain.count != chunkSize {
                throw CaseVaultError.integrity(record: record, detail: "chunk \(index + 1) is short but not the final chunk (truncated)")
            }
            if checkHash { pipe.submit(current) }
            try sink?(plain)
            total += Int64(plain.count)
            progress?(total)
            index += 1
            if isFinal { break }
            current = pipe.next(current)
        }
        guard try input.atEnd() else {
            throw CaseVaultError.integrity(record: record, detail: "data follows the final chunk")
        }
        guard total == document.metadata.size else {
            throw CaseVaultError.integrity(record: record, detail: "the decrypted document is not the recorded size")
        }
        let digest = pipe.finish()
        guard !checkHash || Bytes.hex(digest) == recorded?.hex else {
            throw CaseVaultError.integrity(record: record, detail: "the decrypted document does not match its recorded hash")
        }
    }
}
