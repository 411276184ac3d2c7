import Foundation
import SystemKit

/// A directory of a vault (the vault itself, `documents/`, `inbox/`),
/// opened once without following a symbolic link and checked as ssh's
/// StrictModes checks `~/.ssh`; every file in it is then opened, created,
/// renamed and removed relative to that descriptor, never by a path that
/// could lead elsewhere.
///
/// Why: an attack on the vault found that a symbolic link planted as
/// `documents/.removing-<id>.cvdoc` made `status` overwrite the link's
/// target with zeros (opening the store finishes interrupted removes), that
/// a symlinked `vault.db` was followed and its target (a device node)
/// chmodded 0600, that a vault directory owned by another user or writable
/// by everyone was used without a word, and that a FIFO in place of a
/// document file hung `check`, `backup` and `doc remove`.
///
/// The directory must (docs/design.md, "Where the vault lives"):
/// - not be a symbolic link (O_NOFOLLOW on its last component; the
///   directories above it may be links);
/// - be owned by the effective user or by root (root can change any file
///   anyway; ssh trusts it the same way). Run as root, only root's own
///   directories pass: a user's vault opened by root is refused, since the
///   user could turn its files into links to the system's;
/// - not be writable by group or others (mode bits, which also carry an
///   ACL's mask): refused, never tightened, because someone else may
///   already have put files in it. `chmod 700` is the fix.
///
/// Readable or searchable by group or others, and owned by us, it is
/// tightened to 0700 with fchmod on the open descriptor: the names and
/// sizes of the files show how many documents there are and how large.
///
/// A file in it is used only after fstat on its open descriptor says: a
/// regular file, owned by the effective user or root. It is opened with
/// O_NOFOLLOW (a link is refused, not followed), O_NONBLOCK (a FIFO or a
/// device does not hang the open; cleared again for a regular file) and
/// O_NOCTTY. Modes are changed with fchmod on descriptors only.
///
/// The calls are SystemKit's `Directory`; this type is the policy (what is
/// safe to use) and the messages, and maps SystemKit's errors to
/// CaseVaultError.
final class VaultDirectory {
    /// The path the directory was opened by (for messages, and for SQLite,
    /// which opens its files by name).
    var path: String { directory.path }
    private let directory: Directory

    private init(_ directory: Directory) {
        self.directory = directory
    }

    // MARK: - Opening and checking

    /// Opens and checks the directory at `path`; nil if nothing is there,
    /// or a file that is not a directory (callers say "no vault" or "not
    /// empty"). `tighten`: drop group and other permissions of a directory
    /// we own (not while only looking, as `init` does before it asks
    /// anything). `forNewVault`: the hints of a refusal speak of `init`.
    static func open(_ path: String, tighten: Bool = true, forNewVault: Bool = false) throws -> VaultDirectory? {
        let opened: Directory
        do {
            opened = try Directory.open(path)
        } catch let e as SystemError {
            if e.kind == .symbolicLink || e.kind == .notDirectory, FileStatus.of(linkAt: path)?.type == .symbolicLink {
                let resolved = Directory.resolvedPath(path)
                throw CaseVaultError.unsafeVault(
                    path: path, reason: "it is a symbolic link (to \(Directory.linkTarget(path) ?? "?")); casevault does not follow links to or inside the vault",
                    fix: .nameDirectoryItself(resolved: resolved))
            }
            if e.kind == .notFound || e.kind == .notDirectory { return nil }
            throw CaseVaultError(e)
        }
        let dir = VaultDirectory(opened)
        try dir.check(tighten: tighten, forNewVault: forNewVault)
        return dir
    }

    /// Opens (and with `create`, first makes, mode 0700) the subdirectory
    /// `name` and checks it as the vault directory; nil if it is missing.
    func subdirectory(_ name: String, create: Bool) throws -> VaultDirectory? {
        let opened: Directory
        do {
            if create { try directory.makeSubdirectory(name) }
            opened = try directory.subdirectory(name)
        } catch let e as SystemError {
            if e.kind == .notFound && e.operation == "open" { return nil }
            if e.kind == .symbolicLink || e.kind == .notDirectory, let st = entry(name) { throw unsafe(name, st) }
            throw CaseVaultError(e)
        }
        let dir = VaultDirectory(opened)
        try dir.check(tighten: true, forNewVault: false)
        return dir
    }

    /// StrictModes: owned by us or root, not writable by group or others;
    /// group and other bits dropped when we own it and `tighten`.
    private func check(tighten: Bool, forNewVault: Bool) throws {
        let st = try Self.mapping { try directory.status() }
        let me = SystemUser.name(SystemUser.effectiveID)
        if let owner = Self.untrustedOwner(st) {
            throw CaseVaultError.unsafeVault(
                path: path, reason: "it is owned by another user (\(owner)), who could change or replace the vault's files",
                fix: .takeOwnership(user: me, path: path, newVault: forNewVault))
        }
        if st.isWritableByOthers {
            throw CaseVaultError.unsafeVault(
                path: path, reason: "other users can write to it (mode \(st.octalPermissions)), so they could replace the vault's files",
                fix: .makePrivate(path: path, newVault: forNewVault))
        }
        if tighten && st.owner == SystemUser.effectiveID && st.permissions & 0o077 != 0 {
            directory.setPermissions(0o700)
        }
    }

    /// "nobody, uid 65534" when `st` is owned by neither the effective user nor root.
    private static func untrustedOwner(_ st: FileStatus) -> String? {
        st.isOwnedByUserOrRoot ? nil : "\(SystemUser.name(st.owner)), uid \(st.owner)"
    }

    private static func mapping<T>(_ body: () throws -> T) throws -> T {
        try CaseVaultError.mappingSystemErrors(body)
    }

    // MARK: - Entries

    func subpath(_ name: String) -> String { directory.subpath(name) }

    /// lstat of `name` (a link is described, never followed); nil if missing.
    func entry(_ name: String) -> FileStatus? {
        directory.entry(name)
    }

    /// Whether `st` is a file casevault could have written: a regular file
    /// owned by us or root.
    static func isOurs(_ st: FileStatus) -> Bool {
        st.type == .regular && untrustedOwner(st) == nil
    }

    /// What an entry is, for messages: "a symbolic link to /home/x/victim.txt".
    func describe(_ name: String, _ st: FileStatus) -> String {
        switch st.type {
        case .symbolicLink: return "a symbolic link (to \(Directory.linkTarget(subpath(name)) ?? "?"))"
        case .fifo: return "a FIFO (named pipe)"
        case .characterDevice, .blockDevice: return "a device node"
        case .socket: return "a socket"
        case .directory: return "a directory"
        default:
            if let owner = Self.untrustedOwner(st) { return "a file owned by another user (\(owner))" }
            return "a file"
        }
    }

    /// The error for an entry that is not a file casevault wrote.
    func unsafe(_ name: String, _ st: FileStatus) -> CaseVaultError {
        CaseVaultError.unsafeVault(
            path: subpath(name), reason: "it is \(describe(name, st)), not a file casevault wrote; nothing was read or written through it",
            fix: .moveForeignEntryOut(path: subpath(name)))
    }

    /// The names in the directory (no `.` or `..`), unsorted.
    func names() throws -> [String] {
        try Self.mapping { try directory.names() }
    }

    // MARK: - Files

    typealias Access = Directory.Access

    /// Opens `name` with O_NOFOLLOW and O_NONBLOCK, then uses it only if
    /// fstat on the descriptor says a regular file owned by us or root
    /// (else `unsafeVault`, having read and written nothing); O_NONBLOCK is
    /// cleared again. Nil when an existing file was asked for and `name` is missing.
    func openFile(_ name: String, _ access: Access) throws -> PosixFile? {
        do {
            return try directory.openFile(name, access) { st in
                guard Self.isOurs(st) else { throw unsafe(name, st) }
            }
        } catch let e as SystemError {
            // A symbolic link; a FIFO without reader opened to write; a directory.
            if e.kind == .symbolicLink || e.kind == .notRegularFile, let st = entry(name) { throw unsafe(name, st) }
            throw CaseVaultError(e)
        }
    }

    /// Sets the mode of `name` to `mode` if it is a regular file of ours
    /// (else `unsafeVault`; nothing if missing), never through a link
    /// (SystemKit's Directory.setMode says how, and why SQLite's files are
    /// never opened for reading or writing here).
    func setMode(_ name: String, _ mode: UInt32) throws {
        try Self.mapping {
            try directory.setMode(name, mode) { st in
                guard Self.isOurs(st) else { throw unsafe(name, st) }
            }
        }
    }

    /// Renames `from` to `to` in this directory (the names, never a link's target).
    func rename(_ from: String, _ to: String) throws {
        try Self.mapping { try directory.rename(from, to) }
    }

    /// Removes the name `name` if it still names `file` (same device and
    /// inode as the open descriptor); a name that now names something else
    /// (or nothing) is left as it is.
    func unlink(_ name: String, ifSameAs file: PosixFile) throws {
        try Self.mapping { try directory.unlink(name, ifSameAs: file) }
    }

    /// Removes `name` if it is a regular file (a name casevault made and is
    /// giving up); a link or anything else is left alone.
    func removeFile(_ name: String) {
        directory.removeFile(name)
    }

    /// fsyncs the directory, so a rename or unlink in it survives a crash.
    func sync() throws {
        try Self.mapping { try directory.sync() }
    }
}
