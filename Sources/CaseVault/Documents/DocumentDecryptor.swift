import SodiumKit

/// Streams a document ciphertext file back to plaintext, authenticating each
/// chunk before handing it on.
///
/// Integrity failures name the document and the chunk: a chunk that fails
/// authentication (flipped, dropped, repeated, reordered, or from another
/// document), a stream that ends before its FINAL chunk (truncated), bytes
/// after it, or a plaintext whose size or BLAKE2b differs from the metadata.
struct DocumentDecryptor {
    let vaultID: [UInt8]
    let document: Document

    private var record: String { "document \(document.shortID)" }

    /// Decrypts `input` and passes each authenticated chunk to `sink` (nil to
    /// only check). When it returns, every chunk, the end and the hash matched.
    func decrypt(from input: PosixFile, key: SecureBytes, sink: ((ChunkBuffer) throws -> Void)?,
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

        let pipe = try HashPipeline(chunkCapacity: chunkSize)
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
            pipe.acquire(current)
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
            pipe.submit(current)
            try sink?(plain)
            total += Int64(plain.count)
            progress?(total)
            index += 1
            if isFinal { break }
            current = 1 - current
        }
        guard try input.atEnd() else {
            throw CaseVaultError.integrity(record: record, detail: "data follows the final chunk")
        }
        let digest = pipe.finish()
        guard total == document.metadata.size, Bytes.hex(digest) == document.metadata.blake2b else {
            throw CaseVaultError.integrity(record: record, detail: "the decrypted document does not match its recorded size and BLAKE2b hash")
        }
    }
}
