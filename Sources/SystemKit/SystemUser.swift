#if canImport(Glibc)
import Glibc
#endif

/// The user the process runs as, and names from the password database.
public enum SystemUser {
    /// geteuid(): whose files the vault trusts.
    public static var effectiveID: UInt32 { UInt32(geteuid()) }

    /// "alice", or the number when the password database has no name for it.
    public static func name(_ uid: UInt32) -> String {
        if let pw = getpwuid(uid_t(uid)), let name = pw.pointee.pw_name { return String(cString: name) }
        return String(uid)
    }

    /// The real user's home directory from the password database (getuid,
    /// not $HOME); nil if it has none.
    public static var homeDirectory: String? {
        guard let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir else { return nil }
        return String(cString: dir)
    }
}

/// The file-creation mask.
public enum FileCreationMask {
    /// Runs `body` with umask 077 (files created 0600 by code that takes no
    /// mode, SQLite's WAL and journal), restoring the previous mask after.
    public static func privateFiles<T>(_ body: () throws -> T) rethrows -> T {
        let previous = umask(0o077)
        defer { umask(previous) }
        return try body()
    }
}

/// Standard streams and the terminal.
public enum Terminal {
    public static let standardInput: Int32 = 0
    public static let standardOutput: Int32 = 1
    public static let standardError: Int32 = 2

    /// Whether descriptor `fd` is a terminal (isatty).
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
}
