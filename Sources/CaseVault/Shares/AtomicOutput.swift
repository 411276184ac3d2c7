import AgeKit
import Foundation
import SodiumKit
#if canImport(Glibc)
import Glibc
#endif

/// A new output file (mode 0600) written under a temporary name beside it and
/// renamed into place only when complete and fsynced, never over an existing
/// file. If the writer fails or is dropped unfinished, the temporary file is
/// removed: a failed export or backup leaves nothing half-written.
final class AtomicOutput {
    let path: String
    private let temporary: String
    private let file: PosixFile
    private var committed = false

    init(path: String) throws {
        if PosixFile.exists(path) { throw CaseVaultError.alreadyExists(what: "file", name: path) }
        self.path = path
        let parts = PathParts(path)
        temporary = parts.directory + "/.\(parts.name).casevault-\(Bytes.hex(Random.bytes(6))).part"
        file = try PosixFile.createExclusive(temporary)
    }

    /// Where the age writer sends its bytes. A failed write (a full disk)
    /// names the file being written, not its temporary name.
    var output: AgeOutput { Output(file: file, path: path) }

    private final class Output: AgeOutput {
        let file: PosixFile
        let path: String
        init(file: PosixFile, path: String) { self.file = file; self.path = path }

        func write(_ bytes: ArraySlice<UInt8>) throws {
            do {
                try file.write(bytes)
            } catch CaseVaultError.io(let operation, _, let reason) {
                throw CaseVaultError.io(operation: operation, path: path, reason: reason)
            }
        }
    }

    /// Renames the finished file into place. `durable` fsyncs it first: a
    /// backup must survive a power cut once reported written; a share is a
    /// copy the user can make again, and an fsync of hundreds of MiB costs
    /// seconds on a slow disk (more than the encryption itself).
    func commit(durable: Bool) throws {
        if durable { try file.sync() }
        try PosixFile.renameNoReplace(temporary, path)
        committed = true
    }

    deinit {
        if !committed { PosixFile.remove(temporary) }
    }
}
