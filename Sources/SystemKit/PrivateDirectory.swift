#if canImport(Glibc)
import Glibc
#endif

/// The one helper that makes a directory only its owner can enter (mode
/// 0700 whatever the umask): a vault's directories, a share being
/// extracted, a backup being restored.
public enum PrivateDirectory {
    /// Makes `path` (mode 0700). `.exists` if something is there, unless
    /// `existingIsFine`, when an existing name is left as it is.
    public static func make(_ path: String, existingIsFine: Bool = false) throws {
        if mkdir(path, 0o700) != 0 {
            let e = errno
            if e == EEXIST && existingIsFine { return }
            throw SystemError(errno: e, "create", path)
        }
        _ = chmod(path, 0o700)  // a umask wider than 077 (root's 022) does not widen 0700, but be explicit
    }

    /// Makes `path` and any missing parents, each new one mode 0700
    /// (as `mkdir -p -m 700`); existing ones are left as they are.
    public static func makeWithParents(_ path: String) throws {
        let parts = PathParts(path)
        if parts.directory != path && !PosixFile.exists(parts.directory) { try makeWithParents(parts.directory) }
        try make(path, existingIsFine: true)
    }

    /// Renames the directory `from` to `to`: `.exists` if `to` is a
    /// non-empty directory or a file (a rename never merges or replaces those).
    public static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw SystemError.last("rename", to) }
    }

    /// Sets `path`'s mode to 0700.
    public static func tighten(_ path: String) {
        _ = chmod(path, 0o700)
    }
}
