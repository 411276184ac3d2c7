import DigestKit
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
    public func export(_ document: Document, to path: String, overwrite: Bool = false,
                       progress: ((Int64, Int64) -> Void)? = nil) throws {
        if !overwrite && PosixFile.exists(path) {
            throw CaseVaultError.alreadyExists(what: "file", name: path)
        }
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let temporary = (dir.isEmpty ? "." : dir) + "/.\(base).casevault-\(Bytes.hex(Random.bytes(6))).part"
        if let unnamed = try PosixFile.createUnnamed(inDirectory: dir.isEmpty ? "." : dir) {
            try decrypt(document, checkHash: false, sink: { try unnamed.write($0) }, progress: progress)
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
            try decrypt(document, checkHash: false, sink: { try output.write($0) }, progress: progress)
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
    public func write(_ document: Document, toFileDescriptor fd: Int32, name: String = "standard output",
                      progress: ((Int64, Int64) -> Void)? = nil) throws {
        let output = PosixFile.borrowing(fd, name: name)
        try decrypt(document, checkHash: false, sink: { try output.write($0) }, progress: progress)
    }

    /// Decrypts and checks every chunk, the end of the stream, the size and
    /// the hash of `document`, writing nothing.
    public func verify(_ document: Document, progress: ((Int64, Int64) -> Void)? = nil) throws {
        try decrypt(document, checkHash: true, sink: nil, progress: progress)
    }

    /// SHA-256 of the plaintext, hex (what `sha256sum` prints), after a full
    /// verification: the recorded one, checked; for a document an earlier
    /// version added (BLAKE2b recorded), computed while it is verified.
    public func sha256(_ document: Document) throws -> String {
        if let recorded = document.metadata.sha256 {
            try decrypt(document, checkHash: true, sink: nil, progress: nil)
            return recorded
        }
        let h = SHA256Hasher()
        try decrypt(document, checkHash: true, sink: { h.update($0) }, progress: nil)
        return Bytes.hex(h.finalize())
    }

    private func decrypt(_ document: Document, checkHash: Bool, sink: ((ChunkBuffer) throws -> Void)?,
                         progress: ((Int64, Int64) -> Void)?) throws {
        let documentKey = try documentKey(document)
        let input: PosixFile
        do {
            input = try PosixFile.openForReading(blobPath(document.id))
        } catch {
            throw CaseVaultError.integrity(record: "document \(document.shortID)", detail: "its ciphertext file is missing or unreadable")
        }
        let total = document.metadata.size
        try DocumentDecryptor(vaultID: vaultID, document: document)
            .decrypt(from: input, key: documentKey, checkHash: checkHash, sink: sink, progress: progress.map { p in { p($0, total) } })
    }
}
