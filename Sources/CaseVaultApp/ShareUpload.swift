import CaseVault
import Foundation
import NIOCore
import SodiumKit
import SystemKit

/// One share file of an import, kept as it came until it is checked.
///
/// A share is an age file encrypted to this vault's identity: ciphertext
/// from its first byte, like the inbox's own files. It is written as
/// received, never decrypted here, into the vault's folder (the disk the
/// inbox is on), as an unnamed file (Linux O_TMPFILE, 0600): it has no name,
/// the import reads it through `/proc/self/fd/N`, and the kernel frees it
/// when it is dropped or the process dies, even by SIGKILL. Where the
/// filesystem has no unnamed files it gets a random hidden name, removed
/// when dropped. The import copies what verified into `inbox/`; nothing is
/// kept of a share that did not.
final class ShareUpload: @unchecked Sendable {
    private let file: PosixFile
    private let name: String?
    /// The name the browser gave the file (for the results page only).
    let fileName: String
    private(set) var size: Int64 = 0
    private var pending: [UInt8] = []

    /// Bytes written at a time.
    static let batch = 1 << 20

    private init(file: PosixFile, name: String?, fileName: String) {
        self.file = file
        self.name = name
        self.fileName = fileName
    }

    /// The path the import opens (the open file itself, or its hidden name).
    var path: String { name ?? "/proc/self/fd/\(file.fd)" }

    /// A new empty upload in `directory` (the vault's folder).
    static func create(in directory: String, fileName: String) throws -> ShareUpload {
        do {
            if let unnamed = try PosixFile.createUnnamed(inDirectory: directory) {
                return ShareUpload(file: unnamed, name: nil, fileName: fileName)
            }
            let name = directory + "/.casevault-share-upload-" + Bytes.hex(Random.bytes(8)) + ".part"
            return ShareUpload(file: try PosixFile.createExclusive(name), name: name, fileName: fileName)
        } catch let e as SystemError {
            throw CaseVaultError(e)
        }
    }

    /// Takes the next bytes; writes once a batch has collected. Called on
    /// the upload's writer queue only (writes block).
    func append(_ bytes: ByteBuffer) throws {
        pending.append(contentsOf: bytes.readableBytesView)
        size += Int64(bytes.readableBytes)
        if pending.count >= Self.batch { try flush() }
    }

    /// Writes what is collected.
    func flush() throws {
        guard !pending.isEmpty else { return }
        do {
            try file.write(pending)
        } catch let e as SystemError {
            throw CaseVaultError(e)
        }
        pending.removeAll(keepingCapacity: true)
    }

    deinit {
        if let name { PosixFile.remove(name) }
        try? file.close()
    }
}
