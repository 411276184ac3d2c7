import Foundation
import GRDB
import SystemKit

/// Opens CaseVault's SQLite files with one set of settings.
///
/// - WAL journal: readers never block the writer, and a crash mid-write
///   leaves the last committed state.
/// - synchronous FULL: a transaction that reported success survives power loss.
/// - secure_delete ON: deleted rows' pages are overwritten with zeros, so a
///   removed ciphertext (and the wrapped key it held) is gone from the file,
///   not only unlinked.
/// - busy timeout: concurrent casevault processes wait for each other up to
///   `busyTimeout` seconds, then fail with `CaseVaultError.busy`.
/// - files 0600: SQLite creates the database, -wal and -shm files with the
///   process umask; we tighten modes ourselves so the library is safe even
///   when its caller did not set umask 077.
/// - no links: each file (the database and its -wal, -shm and -journal) is
///   refused before the open if it is a symbolic link, a FIFO, a device or
///   a file of another user (fstatat without following, relative to the
///   checked vault directory, VaultDirectory). SQLite's own SQLITE_OPEN_NOFOLLOW would say
///   the same from inside the open, but GRDB 7.10 builds the open flags
///   itself (`Configuration.SQLiteOpenFlags` is internal) and has no way to
///   add one. SQLite's unix VFS does open every file with O_NOFOLLOW, but
///   only after it has resolved the links in the database's path. After the
///   open, each file's mode is set through an O_PATH | O_NOFOLLOW
///   descriptor (VaultDirectory.setMode): a name turned into a link
///   meanwhile is refused, and no chmod ever follows a link (one did, to a
///   device node).
enum SQLiteFile {
    static let busyTimeout: TimeInterval = 10
    static let companions = ["", "-wal", "-shm", "-journal"]

    /// Opens (creating if needed) the database `name` in `directory`.
    static func open(_ name: String, in directory: VaultDirectory, readOnly: Bool = false) throws -> DatabaseQueue {
        let path = directory.subpath(name)
        for suffix in companions {
            if let st = directory.entry(name + suffix), !VaultDirectory.isOurs(st) { throw directory.unsafe(name + suffix, st) }
        }
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(busyTimeout)
        config.label = name
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            if !readOnly {
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        }
        do {
            // umask 077 while SQLite creates its files (WAL, journal).
            return try FileCreationMask.privateFiles {
                let queue = try DatabaseQueue(path: path, configuration: config)
                if !readOnly {
                    try queue.writeWithoutTransaction { db in
                        _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    }
                }
                try tightenModes(name, in: directory)
                return queue
            }
        } catch let e as DatabaseError {
            throw mapped(e, path: path, operation: "open")
        }
    }

    /// Sets mode 0600 on the database and its WAL/SHM companions when
    /// present, each through an O_PATH | O_NOFOLLOW descriptor: never
    /// through a link, and without dropping SQLite's POSIX locks
    /// (VaultDirectory.setMode says why that matters).
    static func tightenModes(_ name: String, in directory: VaultDirectory) throws {
        for suffix in companions {
            try directory.setMode(name + suffix, 0o600)
        }
    }

    /// Translates SQLite failures into user-facing errors.
    static func mapped(_ error: DatabaseError, path: String, operation: String) -> CaseVaultError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(seconds: Int(busyTimeout))
        case .SQLITE_FULL:
            return .io(operation: operation, path: path, reason: "the disk is full")
        case .SQLITE_READONLY:
            return .io(operation: operation, path: path, reason: "the vault is read-only")
        case .SQLITE_IOERR:
            return .io(operation: operation, path: path, reason: "a disk write or read failed (the disk may be full, too small a file-size limit, or failing)")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .integrity(record: (path as NSString).lastPathComponent, detail: "the database file is damaged (\(error.resultCode))")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .io(operation: operation, path: path, reason: "permission denied or missing directory")
        default:
            return .io(operation: operation, path: path, reason: "SQLite error \(error.resultCode.rawValue)")
        }
    }
}

extension DatabaseQueue {
    /// Runs a write transaction (BEGIN IMMEDIATE, so two processes never both
    /// read-then-write the same rows) and maps SQLite errors to CaseVaultError.
    func vaultWrite<T>(path: String, _ body: (Database) throws -> T) throws -> T {
        do {
            var result: T?
            try inDatabase { db in
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
            }
            return result!
        } catch let e as DatabaseError {
            throw SQLiteFile.mapped(e, path: path, operation: "write")
        }
    }

    /// Runs a read and maps SQLite errors to CaseVaultError.
    func vaultRead<T>(path: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try read(body)
        } catch let e as DatabaseError {
            throw SQLiteFile.mapped(e, path: path, operation: "read")
        }
    }
}
