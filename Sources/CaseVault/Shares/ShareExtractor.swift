import Foundation
import SodiumKit
#if canImport(Glibc)
import Glibc
#endif

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
        guard mkdir(temporary, 0o700) == 0 else {
            throw CaseVaultError.io(operation: "create", path: temporary, reason: String(cString: strerror(errno)))
        }
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
            if mkdir(dir, 0o700) != 0 && errno != EEXIST {
                throw CaseVaultError.io(operation: "create", path: dir, reason: String(cString: strerror(errno)))
            }
        }
        current = try PosixFile.createExclusive(dir + "/" + (path.last ?? "entry"))
    }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        try current?.write(Array(bytes))
    }

    func end() throws {
        try current?.sync()
        current = nil
    }

    /// Moves the verified tree into place.
    func commit() throws {
        chmod(temporary, 0o700)
        guard rename(temporary, target) == 0 else {
            throw CaseVaultError.io(operation: "rename", path: target, reason: String(cString: strerror(errno)))
        }
        committed = true
    }

    deinit {
        current = nil
        if !committed { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
