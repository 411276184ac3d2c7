import Foundation
import SodiumKit
import SystemKit

/// Writes a share's entries into a new directory, all or nothing.
///
/// Everything goes into a fresh temporary directory (0700) beside the target;
/// only when the whole share verified is it renamed to the target. On any
/// failure the temporary directory and everything in it is deleted, so a
/// refused share leaves no file, not even the entries that checked out
/// before the failure. Files are created 0600 with O_EXCL inside directories
/// this process just made, from path components the tar reader checked, so
/// nothing can be written outside the target (no `..`, no symlink to follow).
final class ShareExtractor: ShareEntrySink {
    let target: String
    let temporary: String
    private var current: PosixFile?
    private var committed = false

    init(target: String) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: target, isDirectory: &isDir) {
            let empty = isDir.boolValue && ((try? fm.contentsOfDirectory(atPath: target))?.isEmpty ?? false)
            guard empty else { throw CaseVaultError.alreadyExists(what: isDir.boolValue ? "directory" : "file", name: target) }
        }
        self.target = target
        temporary = PathParts(target).directory + "/.casevault-share-\(Bytes.hex(Random.bytes(6))).part"
        try CaseVaultError.mappingSystemErrors { try PrivateDirectory.make(temporary) }
    }

    func begin(_ path: [String]) throws {
        // The reader checked these already (TarPath, the manifest's rules);
        // this is the last gate before a name reaches the disk.
        for c in path where PortableFileName.problem(c) != nil {
            throw ShareError.unsafeEntry("a name in the archive is not a safe file name: \(PortableFileName.problem(c)!)")
        }
        var dir = temporary
        for c in path.dropLast() {
            dir += "/" + c
            try CaseVaultError.mappingSystemErrors { try PrivateDirectory.make(dir, existingIsFine: true) }
        }
        current = try CaseVaultError.mappingSystemErrors { try PosixFile.createExclusive(dir + "/" + (path.last ?? "entry")) }
    }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        try CaseVaultError.mappingSystemErrors { try current?.write(bytes) }
    }

    func end() throws {
        try CaseVaultError.mappingSystemErrors { try current?.sync() }
        current = nil
    }

    /// Moves the verified tree into place.
    func commit() throws {
        PrivateDirectory.tighten(temporary)
        try CaseVaultError.mappingSystemErrors { try PrivateDirectory.rename(temporary, target) }
        committed = true
    }

    deinit {
        current = nil
        if !committed { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
