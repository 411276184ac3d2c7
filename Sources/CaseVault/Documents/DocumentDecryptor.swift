import SystemKit
import SodiumKit

/// Streams a document ciphertext file back to plaintext, authenticating each
/// chunk before handing it on.
///
/// Integrity failures name the document and the chunk: a chunk that fails
/// authentication (flipped, dropped, repeated, reordered, or from another
/// document), a stream that ends before its FINAL chunk (truncated), bytes
/// after it, or a plaintext whose size differs from the metadata. (The hash
/// is the caller's to check: `verify` feeds the chunks to a hash pipeline.)
///
/// Opening reads and checks the header, so the caller learns the chunk size
/// before it sizes the buffers the chunks go to.
struct DocumentDecryptor {
    let document: Document
    let chunkSize: Int
    private let input: PosixFile
    private let stream: SecretStream.Decryptor
    private let ad: [UInt8]

    private var record: String { "document \(document.shortID)" }

    init(vaultID: [UInt8], document: Document, input: PosixFile, key: DocumentKey) throws {
        self.document = document
        self.input = input
        let record = "document \(document.shortID)"
        let header = try input.read(count: DocumentFormat.headerBytes)
        guard header.count == DocumentFormat.headerBytes else {
            throw CaseVaultError.integrity(record: record, detail: "the ciphertext file is shorter than its header (truncated)")
        }
        let fixed = Array(header[0..<DocumentFormat.fixedHeaderBytes])
        guard let chunkSize = DocumentFormat.chunkSize(fromFixedHeader: fixed) else {
            throw CaseVaultError.integrity(record: record, detail: "the ciphertext file has no valid document header")
        }
        self.chunkSize = chunkSize
        ad = DocumentFormat.chunkAD(fixedHeader: fixed, vaultID: vaultID, documentID: document.id)
        do {
            stream = try SecretStream.Decryptor(key: key.secureBytes, header: Array(header[DocumentFormat.fixedHeaderBytes...]))
        } catch {
            throw CaseVaultError.integrity(record: record, detail: "the stream header is invalid")
        }
    }

    /// Decrypts every chunk into `ring` (buffers of at least `chunkSize`),
    /// submitting each only once it authenticated. When it returns, every
    /// chunk, the end of the stream and the size matched; what `ring` does
    /// with the chunks may still be under way.
    func decrypt(into ring: ChunkRing, progress: ((Int64) -> Void)?) throws {
        let sealed = ChunkBuffer(capacity: chunkSize + SecretStream.overheadBytes)
        var total: Int64 = 0
        var index = 0
        var current = 0
        while true {
            try input.readFull(into: sealed)
            if sealed.count == 0 {
                throw CaseVaultError.integrity(record: record, detail: "the document ends after chunk \(index) without its final chunk (truncated)")
            }
            try ring.acquire(current)
            let plain = ring.buffers[current]
            let isFinal: Bool
            do {
                isFinal = try stream.pull(sealed, associatedData: ad, into: plain)
            } catch {
                throw CaseVaultError.integrity(record: record, detail: "chunk \(index + 1) failed authentication (changed, dropped, repeated, reordered or cut short)")
            }
            if !isFinal && plain.count != chunkSize {
                throw CaseVaultError.integrity(record: record, detail: "chunk \(index + 1) is short but not the final chunk (truncated)")
            }
            total += Int64(plain.count)
            guard total <= document.metadata.size else {
                throw CaseVaultError.integrity(record: record, detail: "the decrypted document is larger than its recorded size")
            }
            try ring.submit(current)
            progress?(total)
            index += 1
            if isFinal { break }
            current = ring.next(current)
        }
        guard try input.atEnd() else {
            throw CaseVaultError.integrity(record: record, detail: "data follows the final chunk")
        }
        guard total == document.metadata.size else {
            throw CaseVaultError.integrity(record: record, detail: "the decrypted document is not the recorded size")
        }
    }
}
