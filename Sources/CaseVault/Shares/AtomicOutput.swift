import AgeKit
import Foundation
import SodiumKit

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
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        temporary = (dir.isEmpty ? "." : dir) + "/.\(base).casevault-\(Bytes.hex(Random.bytes(6))).part"
        file = try PosixFile.createExclusive(temporary)
    }

    /// Where the age writer sends its bytes.
    var output: AgeOutput { FileDescriptorOutput(file.fd) }

    func commit() throws {
        try file.sync()
        try PosixFile.renameNoReplace(temporary, path)
        committed = true
    }

    deinit {
        if !committed { PosixFile.remove(temporary) }
    }
}
