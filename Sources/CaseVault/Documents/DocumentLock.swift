import Foundation
import SystemKit

/// An advisory lock (flock) on `documents/.lock` between casevault processes.
///
/// An add or remove holds it shared from its first file operation to its
/// commit; leftover cleanup takes it exclusively and only if nobody holds it,
/// so cleanup never mistakes another process's add in progress for debris.
/// A backup takes it exclusively (waiting) while it reads documents.db and
/// opens the files, so it never sees a row whose file is midway between
/// two names.
/// The kernel drops the lock of a killed process, so nothing stays locked.
///
/// Waits are bounded like SQLite's: at most `SQLiteFile.busyTimeout` (10 s),
/// then `CaseVaultError.busy` (kind `busy`). A process that holds
/// the lock longer (stopped with Ctrl-Z, hung on a disk, or an add of a file
/// large enough to take that long) makes the others say so, not hang.
final class DocumentLock {
    static let name = ".lock"

    private let lock: FileLock

    /// Opens (creating, 0600) `.lock` in `directory`: not through a link,
    /// and only a regular file of ours (VaultDirectory.openFile).
    init(in directory: VaultDirectory, timeout: TimeInterval = SQLiteFile.busyTimeout) throws {
        guard let file = try directory.openFile(Self.name, .openOrCreate) else {
            throw CaseVaultError.io(operation: "open", path: directory.subpath(Self.name), reason: "it could not be created")
        }
        lock = FileLock(file: file, timeout: timeout)
    }

    /// Runs `body` holding the lock shared (waits for a cleanup or a backup to finish).
    func shared<T>(_ body: () throws -> T) throws -> T {
        try mapped { try lock.shared(body) }
    }

    /// Runs `body` holding the lock exclusively, waiting for every add and
    /// remove in progress to finish.
    func exclusive<T>(_ body: () throws -> T) throws -> T {
        try mapped { try lock.exclusive(body) }
    }

    /// Runs `body` holding the lock exclusively if nobody else holds it;
    /// returns nil (without running it) otherwise.
    func exclusiveIfFree<T>(_ body: () throws -> T) rethrows -> T? {
        try lock.exclusiveIfFree(body)
    }

    /// A wait past the bound is `busy`; other lock failures as usual.
    /// Errors `body` throws pass through: only the lock's own are mapped.
    private func mapped<T>(_ run: () throws -> T) throws -> T {
        do {
            return try run()
        } catch let e as SystemError where e.operation == "lock" && e.path == lock.file.path {
            if e.kind == .busy { throw CaseVaultError.busy(seconds: Int(lock.timeout)) }
            throw CaseVaultError(e)
        }
    }
}
