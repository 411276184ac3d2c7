import SodiumKit

/// Checks a document's ciphertext file as its bytes pass by, for a copier
/// that reads them anyway (a backup): the push counterpart of
/// `DocumentDecryptor`, with the same checks (header, every chunk
/// authenticated under the document's key with its associated data, the
/// FINAL chunk last and nothing after it, the recorded size). It never
/// throws while fed, so the copy goes on to the end of the file; `finish`
/// says whether the document was whole.
///
/// The recorded hash is not recomputed, for the reason `export` gives
/// (DocumentStore+Read): the authenticated stream already proves the
/// plaintext is the one that was hashed. Plaintext goes to one chunk buffer
/// that is wiped on every reuse and when freed.
final class DocumentChunkVerifier {
    let document: Document
    private let vaultID: [UInt8]
    private let key: DocumentKey
    private var header: [UInt8] = []
    private var pending: [UInt8] = []
    private var stream: SecretStream.Decryptor?
    private var ad: [UInt8] = []
    private var chunkSize = 0
    private var sealed: ChunkBuffer?
    private var plain: ChunkBuffer?
    private var index = 0
    private var total: Int64 = 0
    private var sawFinal = false
    /// The first problem found; nothing is checked after it.
    private(set) var failure: String?

    init(vaultID: [UInt8], document: Document, key: DocumentKey) {
        self.vaultID = vaultID
        self.document = document
        self.key = key
    }

    /// The next bytes of the file.
    func update(_ bytes: ArraySlice<UInt8>) {
        guard failure == nil else { return }
        var rest = bytes
        if stream == nil {
            let need = DocumentFormat.headerBytes - header.count
            header += rest.prefix(need)
            rest = rest.dropFirst(need)
            guard header.count == DocumentFormat.headerBytes else { return }
            startStream()
            guard failure == nil else { return }
        }
        pending += rest
        // A chunk is known not to be the last once more bytes follow it.
        let sealedSize = chunkSize + SecretStream.overheadBytes
        var start = 0
        while failure == nil && pending.count - start > sealedSize {
            pull(pending[start..<start + sealedSize], last: false)
            start += sealedSize
        }
        if start > 0 { pending.removeSubrange(0..<start) }
    }

    /// Nil when the document was whole, else what was wrong.
    func finish() -> String? {
        if failure == nil {
            if stream == nil {
                failure = "the ciphertext file is shorter than its header (truncated)"
            } else if pending.isEmpty && !sawFinal {
                failure = "the document ends after chunk \(index) without its final chunk (truncated)"
            } else if !pending.isEmpty {
                pull(pending[...], last: true)
            }
        }
        if failure == nil && total != document.metadata.size {
            failure = "the decrypted document is not the recorded size"
        }
        plain?.wipe()
        pending = []
        return failure
    }

    private func startStream() {
        let fixed = Array(header[0..<DocumentFormat.fixedHeaderBytes])
        guard let size = DocumentFormat.chunkSize(fromFixedHeader: fixed) else {
            failure = "the ciphertext file has no valid document header"
            return
        }
        chunkSize = size
        ad = DocumentFormat.chunkAD(fixedHeader: fixed, vaultID: vaultID, documentID: document.id)
        do {
            stream = try SecretStream.Decryptor(key: key.secureBytes, header: Array(header[DocumentFormat.fixedHeaderBytes...]))
        } catch {
            failure = "the stream header is invalid"
            return
        }
        sealed = ChunkBuffer(capacity: size + SecretStream.overheadBytes)
        plain = ChunkBuffer(capacity: size)
    }

    private func pull(_ chunk: ArraySlice<UInt8>, last: Bool) {
        guard let stream, let sealed, let plain else { return }
        if sawFinal {
            failure = "data follows the final chunk"
            return
        }
        sealed.set(Array(chunk))
        let isFinal: Bool
        do {
            isFinal = try stream.pull(sealed, associatedData: ad, into: plain)
        } catch {
            failure = "chunk \(index + 1) failed authentication (changed, dropped, repeated, reordered or cut short)"
            return
        }
        index += 1
        total += Int64(plain.count)
        plain.wipe()
        // Chunks before the last are whole by construction (`update` cuts
        // them at the sealed size), so a short non-final chunk can only be
        // the last one.
        if isFinal {
            sawFinal = true
        } else if last {
            failure = "the document ends after chunk \(index) without its final chunk (truncated)"
        }
        if total > document.metadata.size { failure = "the decrypted document is larger than its recorded size" }
    }
}
