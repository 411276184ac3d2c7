import CPosix
#if canImport(Glibc)
import Glibc
#endif

/// Process-level protections for a program that holds secrets in memory.
public enum ProcessHardening {
    /// Applies, before any secret is read:
    /// - umask 077, so every file the process creates (SQLite's WAL and
    ///   journal included) is readable by its owner only;
    /// - RLIMIT_CORE 0 and PR_SET_DUMPABLE 0, so a crash writes no core file
    ///   holding keys or codes and other same-user processes cannot ptrace us;
    /// - SIGXFSZ ignored, so a file-size limit is an error, not a kill.
    public static func apply() {
        umask(0o077)
        var zero = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &zero)
        _ = casevault_set_nondumpable()
        // Past RLIMIT_FSIZE a write raises SIGXFSZ, which kills the process
        // mid-transaction; ignored, the write fails with EFBIG instead and the
        // command reports a clear "disk full" error with nothing lost.
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Whether the process is currently dumpable (for tests).
    public static var isDumpable: Bool { casevault_is_dumpable() != 0 }
}
