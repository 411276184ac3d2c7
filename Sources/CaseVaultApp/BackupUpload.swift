import CaseVault
import Foundation
import Hummingbird
import SodiumKit
import SystemKit

/// A backup file uploaded to the restore page, kept as it came until the
/// restore reads it.
///
/// A backup is an age file: ciphertext from its first byte. It is written
/// as received, never decrypted here, to a private file (0600) beside the
/// vault's future folder, which is where the restore builds the vault
/// anyway (same disk, so no copy in memory-backed /run). The file is made
/// unnamed (Linux O_TMPFILE) where the filesystem allows: it then has no
/// name at all, the restore reads it through `/proc/self/fd/N`, and the
/// kernel frees it when it is dropped or the process dies, even by
/// SIGKILL. Elsewhere it gets a random hidden name, removed when dropped.
final class BackupUpload: @unchecked Sendable {
    private let file: PosixFile
    /// The hidden name of the fallback file; nil for an unnamed file.
    private let name: String?
    private let lock = NSLock()
    private var discarded = false

    /// The name the browser gave the file (shown on the next page only).
    let fileName: String?
    /// Bytes received.
    let size: Int64

    private init(file: PosixFile, name: String?, fileName: String?, size: Int64) {
        self.file = file
        self.name = name
        self.fileName = fileName
        self.size = size
    }

    /// The path the restore opens (the open file itself, or its hidden name).
    var path: String { name ?? "/proc/self/fd/\(file.fd)" }

    /// Bytes written to the file at a time: the file's pieces arrive as
    /// the server's receive buffers (often 64 KiB or less) and are gathered
    /// to make fewer writes and fewer hops to the writer's queue.
    static let batchBytes = 1 << 20

    /// Receives the `backup` field of a multipart request (MultipartStream)
    /// into a new private file; memory stays at about one batch.
    static func receive(_ request: Request, for location: VaultLocation) async throws -> BackupUpload {
        guard let boundary = MultipartHeaders.boundary(contentType: request.headers[.contentType]) else {
            throw AppError.badRequest(RestoreWords.t("bad_format"))
        }
        let form = MultipartStream(boundary: boundary, fileField: "backup")
        let parent = location.directory.deletingLastPathComponent().path
        let (file, name) = try create(in: parent)
        // One writer at a time, off the server's threads: writes block.
        let writer = DispatchQueue(label: "casevault.app.upload")
        // Only the writer queue touches the file until the upload is whole.
        nonisolated(unsafe) let output = file
        func writeOut(_ bytes: [UInt8]) async throws {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, Error>) in
                writer.async { c.resume(with: Result { try output.write(bytes) }) }
            }
        }
        do {
            var batch: [UInt8] = []
            batch.reserveCapacity(batchBytes)
            var size: Int64 = 0
            for try await buffer in request.body {
                for piece in try form.parse(buffer) {
                    batch += piece.readableBytesView
                    size += Int64(piece.readableBytes)
                    if batch.count >= batchBytes {
                        try await writeOut(batch)
                        batch = []
                        batch.reserveCapacity(batchBytes)
                    }
                }
            }
            guard form.isComplete else {
                throw AppError.badRequest(RestoreWords.t("cut_off"))
            }
            if !batch.isEmpty { try await writeOut(batch) }
            guard size > 0 else {
                throw AppError.invalid(RestoreWords.t("no_file"))
            }
            return BackupUpload(file: file, name: name, fileName: form.fileName, size: size)
        } catch {
            if let name { PosixFile.remove(name) }
            if let e = error as? SystemError { throw CaseVaultError(e) }
            throw error
        }
    }

    /// An unnamed file in `directory`, else a new hidden one (0600 either way).
    private static func create(in directory: String) throws -> (PosixFile, String?) {
        do {
            // The restore makes the vault's parent folders too (0700): make
            // them now, so the upload lands where the vault will be.
            try? PrivateDirectory.makeWithParents(directory)
            if let unnamed = try PosixFile.createUnnamed(inDirectory: directory) { return (unnamed, nil) }
            let name = directory + "/.casevault-upload-" + Bytes.hex(Random.bytes(8)) + ".part"
            return (try PosixFile.createExclusive(name), name)
        } catch let e as SystemError {
            throw CaseVaultError(e)
        }
    }

    /// Closes and frees the file now, once a restore has read it. The last
    /// reference may be released later than the answer is sent (a block
    /// on the vault's queue still holds one): a restored backup's file must
    /// not outlive the answer that says it was restored. Idempotent.
    func discard() {
        lock.withLock {
            if let name, !discarded { PosixFile.remove(name) }
            discarded = true
        }
        try? file.close()
    }

    /// Dropping the last reference closes the file (an unnamed one is
    /// then freed) and removes the hidden name, if it has one. A restore
    /// holds its own reference while it reads, so an upload replaced or
    /// dropped meanwhile is closed only after it.
    deinit {
        if let name, !discarded { PosixFile.remove(name) }
        try? file.close()
    }
}
