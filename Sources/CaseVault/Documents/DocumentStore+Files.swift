import SystemKit
import Foundation
import GRDB
import SodiumKit

/// The names a document's ciphertext file goes by, and how an add or a
/// remove that was interrupted is finished.
///
/// A file's name says which step of an add or a remove it is at, so that
/// after a crash every file is either referenced by its row or marked as
/// one a crash left:
///
/// | name | meaning |
/// | --- | --- |
/// | `.tmp-<id>.cvdoc` | being added: written and fsynced before its row commits, renamed after |
/// | `<id>.cvdoc` | stored: its row holds its key |
/// | `.removing-<id>.cvdoc` | being removed: renamed before its row is deleted, shredded after |
///
/// A file named `<id>.cvdoc` with no row is therefore never the trace of a
/// crash: it means documents.db lost rows (replaced by an older copy, say).
/// Such a file is kept, since only that row could open it, and `check`
/// reports it. Earlier versions renamed before committing and shredded
/// unreferenced files on open, which would have destroyed every document
/// that an older copy of documents.db did not list.
///
/// Every name is opened, renamed and removed relative to the checked
/// `documents/` directory (VaultDirectory): a symbolic link, FIFO, device or
/// socket under one of these names, or a file of another user, is never
/// followed, read, written or renamed; it is left where it is, and
/// `foreignFiles()` names it (status, check and the document commands say so).
extension DocumentStore {
    static let temporaryPrefix = ".tmp-"
    static let removingPrefix = ".removing-"

    func temporaryName(_ id: [UInt8]) -> String { Self.temporaryPrefix + blobName(id) }
    func removingName(_ id: [UInt8]) -> String { Self.removingPrefix + blobName(id) }
    func temporaryPath(_ id: [UInt8]) -> String { blobs.subpath(temporaryName(id)) }
    func removingPath(_ id: [UInt8]) -> String { blobs.subpath(removingName(id)) }

    /// Opens a stored document's ciphertext: under its own name, or under
    /// the temporary name while the add that committed its row has not yet
    /// renamed it (or was killed before it could). The first name is tried
    /// again last, for a rename that happened between the two tries.
    /// Something other than a file of ours under either name is refused
    /// (`unsafeVault`), without a byte read through it.
    func openCiphertext(_ id: [UInt8]) throws -> PosixFile {
        if let f = try blobs.openFile(blobName(id), .read) { return f }
        if let f = try blobs.openFile(temporaryName(id), .read) { return f }
        if let f = try blobs.openFile(blobName(id), .read) { return f }
        throw CaseVaultError(SystemError.missing("open", blobPath(id)))
    }

    /// The id in a file name `<prefix><32 lowercase hex digits>.cvdoc`, or nil.
    static func id(inFileName name: String, prefix: String = "") -> [UInt8]? {
        let suffix = "." + DocumentFormat.fileExtension
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        let hex = Array(name.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count))
        guard hex.count == 32 else { return nil }
        var id: [UInt8] = []
        for i in stride(from: 0, to: 32, by: 2) {
            guard let hi = nibble(hex[i]), let lo = nibble(hex[i + 1]) else { return nil }
            id.append(hi << 4 | lo)
        }
        return id
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// Whether `name` is one casevault gives a file in documents/ (any of
    /// the three above, or the lock).
    static func isStoreName(_ name: String) -> Bool {
        name == DocumentLock.name || [temporaryPrefix, removingPrefix, ""].contains { id(inFileName: name, prefix: $0) != nil }
    }

    /// Whether documents.db has a row for `id`.
    func rowExists(_ id: [UInt8]) throws -> Bool {
        try db.vaultRead(path: dbPath) { try DocumentRow.exists($0, key: Data(id)) }
    }

    /// The ids of every row.
    func rowIDs() throws -> Set<[UInt8]> {
        Set(try db.vaultRead(path: dbPath) { try Data.fetchAll($0, sql: "SELECT id FROM documents") }.map { [UInt8]($0) })
    }

    /// Finishes what a killed add or remove left, each the way it was going:
    /// an add whose row committed gets its file's final name, one whose row
    /// did not loses its temporary file; a remove is completed (row deleted
    /// if still there, file shredded). Runs only when no other process is
    /// adding or removing (exclusive lock taken without waiting), so it never
    /// touches a change in progress.
    ///
    /// Only regular files of ours count: a link, FIFO or device named
    /// `.removing-<id>.cvdoc` is not followed (a planted link made `status`
    /// overwrite its target with zeros), and it does not delete the row of
    /// `<id>` either; it is left for the user (`foreignFiles`).
    func finishInterruptedChanges() throws {
        _ = try lock.exclusiveIfFree {
            let names = try blobs.names().filter { blobs.entry($0).map(VaultDirectory.isOurs) ?? false }
            let adding = names.compactMap { Self.id(inFileName: $0, prefix: Self.temporaryPrefix) }
            let removing = names.compactMap { Self.id(inFileName: $0, prefix: Self.removingPrefix) }
            guard !adding.isEmpty || !removing.isEmpty else { return }
            var ids = try rowIDs()
            for id in removing where ids.contains(id) {
                _ = try db.vaultWrite(path: dbPath) { try DocumentRow.deleteOne($0, key: Data(id)) }
                ids.remove(id)
                checkpoint()
            }
            for id in removing {
                guard let file = try blobs.openFile(removingName(id), .readWrite) else { continue }
                try shred(file, named: removingName(id))
            }
            for id in adding {
                if ids.contains(id) && blobs.entry(blobName(id)) == nil {
                    try blobs.rename(temporaryName(id), blobName(id))
                } else {
                    blobs.removeFile(temporaryName(id))
                }
            }
            try blobs.sync()
        }
    }

    /// Refuses a documents.db without its table (deleted, emptied or replaced)
    /// while documents/ holds stored ciphertext files: an add creates the
    /// table before it writes a file, so the index was lost. Opening would
    /// make a new, empty index and show no documents; a copy of the old
    /// documents.db put back still opens every one of them.
    static func refuseLostIndex(blobs: VaultDirectory) throws {
        let stored = try storedFileNames(in: blobs)
        guard !stored.isEmpty else { return }
        throw CaseVaultError.integrity(record: "documents.db", detail: "it has no documents table, but documents/ holds "
                                       + "\(stored.count) document file\(stored.count == 1 ? "" : "s") (the index was deleted, emptied or replaced); nothing was removed")
    }

    /// The names in `directory` (a vault's documents/) of stored documents'
    /// files, `<id>.cvdoc`, sorted.
    static func storedFileNames(in directory: VaultDirectory) throws -> [String] {
        try directory.names().filter { id(inFileName: $0) != nil }.sorted()
    }

    /// Files named as stored documents that no row refers to (see above);
    /// entries that are not files of ours are `foreignFiles`.
    /// Read with no add or remove midway (the lock held exclusively), since
    /// a row and its file's name change in two steps.
    func unreferencedFiles() throws -> [String] {
        try lock.exclusive {
            let ids = try rowIDs()
            return try Self.storedFileNames(in: blobs).filter { name in
                (Self.id(inFileName: name).map { !ids.contains($0) } ?? false) && (blobs.entry(name).map(VaultDirectory.isOurs) ?? false)
            }
        }
    }

    /// Entries of documents/ under a name casevault uses that are not a
    /// regular file of ours (a symbolic link, FIFO, device, socket or
    /// directory, or another user's file), sorted by name. Casevault leaves
    /// them alone; `check` lists them as problems, `status` as warnings,
    /// the document commands and `emergency` on stderr.
    public func foreignFiles() throws -> [ForeignFile] {
        try blobs.names().filter(Self.isStoreName).sorted().compactMap { name in
            guard let st = blobs.entry(name), !VaultDirectory.isOurs(st) else { return nil }
            return ForeignFile(path: blobs.subpath(name), name: "documents/\(name)", what: blobs.describe(name, st))
        }
    }
}

/// An entry of the vault that casevault did not write and leaves alone.
public struct ForeignFile: Sendable, Equatable {
    /// Its full path.
    public let path: String
    /// Its name in the vault: `documents/.removing-….cvdoc`.
    public let name: String
    /// What it is: "a symbolic link (to /home/x/victim.txt)".
    public let what: String

    /// One line for a warning: what it is, and that it was left alone.
    public var warning: String {
        "\(path) is \(what), not a file casevault wrote: it was left alone, nothing was read or written through it; "
            + "look at it, then move it out of the vault"
    }
}
