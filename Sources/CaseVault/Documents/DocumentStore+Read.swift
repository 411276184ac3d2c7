import SystemKit
import SwiftCryptoKit
import Foundation
import SodiumKit

extension DocumentStore {
    /// Decrypts `document` into a new file at `path`, mode 0600.
    ///
    /// The plaintext goes to an unnamed file (O_TMPFILE) in the destination's
    /// directory, which gets its name only after every chunk, the end of the
    /// stream and the hash checked out. Until then it has no name: a failure,
    /// Ctrl-C or SIGKILL leaves no file, partial or not. Without `overwrite`
    /// an existing `path` is refused, atomically (the naming is a hard link,
    /// which fails if the name exists). Where unnamed files are unsupported,
    /// a named temporary file is used and removed on failure.
    func exportUnmapped(_ document: Document, to path: String, overwrite: Bool,
                        progress: ((Int64, Int64) -> Void)? = nil) throws {
        // Renaming over /dev/null or /dev/stdout (as root) would replace the
        // device node with a file of plaintext; writing into it would give
        // up "no partial file". Neither: a special file is refused.
        if SpecialFile.isSpecial(path) {
            throw CaseVaultError.invalidInput(field: "output \(path)", reason: SpecialFile.refusal,
                                              expected: "a file name, or standard output redirected",
                                              suggestion: .fileNameOrStandardOutput)
        }
        if !overwrite && PosixFile.exists(path) {
            throw CaseVaultError.alreadyExists(what: "file", name: path)
        }
        let parts = PathParts(path)
        let temporary = parts.directory + "/.\(parts.name).casevault-\(Bytes.hex(Random.bytes(6))).part"
        if let unnamed = try PosixFile.createUnnamed(inDirectory: parts.directory) {
            try decrypt(document, to: unnamed, progress: progress)
            if !overwrite {
                try unnamed.link(as: path)
                return
            }
            try unnamed.link(as: temporary)
            do {
                try PosixFile.rename(temporary, path)
            } catch {
                PosixFile.remove(temporary)
                throw error
            }
            return
        }
        var done = false
        defer { if !done { PosixFile.remove(temporary) } }
        do {
            let output = try PosixFile.createExclusive(temporary)
            try decrypt(document, to: output, progress: progress)
        }
        if overwrite {
            try PosixFile.rename(temporary, path)
        } else {
            try PosixFile.renameNoReplace(temporary, path)
        }
        done = true
    }

    /// Decrypts `document` to an open descriptor (standard output).
    ///
    /// Each chunk is authenticated before it is written, but a failure midway
    /// (a tampered or truncated document) comes after earlier chunks were
    /// written: the caller must report it and exit non-zero.
    func writeUnmapped(_ document: Document, toFileDescriptor fd: Int32, name: String,
                       progress: ((Int64, Int64) -> Void)? = nil) throws {
        try decrypt(document, to: PosixFile.borrowing(fd, name: name), progress: progress)
    }

    /// Decrypts and checks every chunk, the end of the stream, the size and
    /// the hash of `document`, writing nothing.
    func verifyUnmapped(_ document: Document, progress: ((Int64, Int64) -> Void)?) throws {
        guard let recorded = try document.metadata.recordedDigest() else {
            throw CaseVaultError.integrity(record: "document \(document.shortID)", detail: "its metadata records no hash of the document")
        }
        try verify(document, against: recorded, progress: progress)
    }

    /// SHA-256 of the plaintext, hex (what `sha256sum` prints), after a full
    /// verification: the recorded one, checked; for a document an earlier
    /// version added (BLAKE2b recorded), computed while it is verified.
    func sha256Unmapped(_ document: Document) throws -> String {
        if let recorded = document.metadata.sha256 {
            try verify(document)
            return recorded
        }
        guard let recorded = try document.metadata.recordedDigest() else {
            throw CaseVaultError.integrity(record: "document \(document.shortID)", detail: "its metadata records no hash of the document")
        }
        let sha256 = SHA256Hasher()
        try verify(document, against: (recorded.hex, TeeHasher(recorded.hasher, sha256)), progress: nil)
        return Bytes.hex(sha256.finalize())
    }

    /// Decrypts `document` on a new thread, for a consumer that takes the
    /// plaintext chunk by chunk (`DocumentStream.next()`), such as a share
    /// export or a web server's response: decryption on one core overlaps
    /// the consumer's work on the other, with a few chunk buffers in between
    /// and no copy. The stream holds the document's key and file, not the
    /// store (a weak reference only, to tell a removal from damage).
    func streamUnmapped(_ document: Document) throws -> DocumentStream {
        let decryptor = try openDecryptor(document)
        return DocumentStream(decryptor: decryptor) { [weak self] error in
            self?.explainReadFailure(error, of: document) ?? ((error as? SystemError).map(CaseVaultError.init) ?? error)
        }
    }

    /// The error a stream reports for `error`: a system error in the vault's
    /// terms, and an integrity failure of a document whose row is gone by
    /// then as "not found" (see `unlessRemoved`).
    private func explainReadFailure(_ error: Error, of document: Document) -> Error {
        if let e = error as? SystemError { return CaseVaultError(e) }
        if case CaseVaultError.integrity = error, let exists = try? rowExists(document.id), !exists {
            return CaseVaultError.notFound(what: "document", name: document.shortID)
        }
        return error
    }

    /// Runs `body`, which reads `document`, reporting an integrity failure
    /// as "not found" when the document's row is gone by then. A remove in
    /// another process shreds the file (overwrites it with zeros) under a
    /// reader, whose next chunk then fails to authenticate: that is a
    /// removal, not damage.
    private func unlessRemoved<T>(_ document: Document, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch CaseVaultError.integrity(let record, let detail) {
            if try !rowExists(document.id) { throw CaseVaultError.notFound(what: "document", name: document.shortID) }
            throw CaseVaultError.integrity(record: record, detail: detail)
        }
    }

    private func verify(_ document: Document, against recorded: (hex: String, hasher: ContentHasher),
                        progress: ((Int64, Int64) -> Void)?) throws {
        try unlessRemoved(document) { try verifyChunks(document, against: recorded, progress: progress) }
    }

    private func verifyChunks(_ document: Document, against recorded: (hex: String, hasher: ContentHasher),
                              progress: ((Int64, Int64) -> Void)?) throws {
        let decryptor = try openDecryptor(document)
        let pipe = HashPipeline(chunkCapacity: decryptor.chunkSize, hasher: recorded.hasher)
        defer { pipe.wipe() }
        let total = document.metadata.size
        try decryptor.decrypt(into: pipe, progress: progress.map { p in { p($0, total) } })
        guard Bytes.hex(pipe.finish()) == recorded.hex else {
            throw CaseVaultError.integrity(record: "document \(document.shortID)", detail: "the decrypted document does not match its recorded hash")
        }
    }

    /// Decrypts `document` into `output`, writing on a second thread while
    /// the next chunks are decrypted.
    ///
    /// The recorded hash is not recomputed: it was computed at add from the
    /// very plaintext that was encrypted, and the stream already proves this
    /// is that plaintext, complete and in order (every chunk authenticated
    /// under a key only this row unwraps, FINAL tag, nothing after it, the
    /// recorded size), so recomputing it adds no protection against
    /// tampering and costs as much CPU as the decryption (docs/documents.md).
    /// `verify` does recompute it.
    private func decrypt(_ document: Document, to output: PosixFile, progress: ((Int64, Int64) -> Void)?) throws {
        try unlessRemoved(document) {
            let decryptor = try openDecryptor(document)
            let writer = WritePipeline(output: output, chunkCapacity: decryptor.chunkSize, flush: false)
            defer { writer.wipe() }
            let total = document.metadata.size
            try decryptor.decrypt(into: writer, progress: progress.map { p in { p($0, total) } })
            try writer.finish()
        }
    }

    private func openDecryptor(_ document: Document) throws -> DocumentDecryptor {
        let documentKey = try documentKey(document)
        let input: PosixFile
        do {
            input = try openCiphertext(document.id)
        } catch let e as CaseVaultError where e.isUnsafeVault {
            // A link, FIFO or device under the document's name: say so.
            throw e
        } catch {
            // Removed since its row was read (a remove renames the file
            // first, then deletes the row): not found, not damaged.
            if try blobs.entry(removingName(document.id)) != nil || !rowExists(document.id) {
                throw CaseVaultError.notFound(what: "document", name: document.shortID)
            }
            throw CaseVaultError.integrity(record: "document \(document.shortID)", detail: "its ciphertext file is missing or unreadable")
        }
        return try DocumentDecryptor(vaultID: vaultID, document: document, input: input, key: documentKey)
    }
}
