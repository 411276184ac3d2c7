import Foundation
import GRDB

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
enum SQLiteFile {
    static let busyTimeout: TimeInterval = 10

    static func open(path: String, readOnly: Bool = false) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(busyTimeout)
        config.label = (path as NSString).lastPathComponent
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            if !readOnly {
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        }
        let previous = umask(0o077)
        defer { umask(previous) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            if !readOnly {
                try queue.writeWithoutTransaction { db in
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
            }
            tightenModes(path: path)
            return queue
        } catch let e as DatabaseError {
            throw mapped(e, path: path, operation: "open")
        }
    }

    /// chmod 0600 the database and its WAL/SHM companions when present.
    static func tightenModes(path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let p = path + suffix
            if FileManager.default.fileExists(atPath: p) { chmod(p, 0o600) }
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
