import CSodium

/// Process-wide libsodium initialisation.
///
/// Every public entry point of SodiumKit calls `Sodium.ensureInitialized()`
/// first; `sodium_init` is idempotent and thread-safe, and the result is
/// cached so the cost is paid once.
public enum Sodium {
    private static let initResult: Int32 = sodium_init()

    /// Initialises libsodium once; traps only if libsodium cannot initialise at
    /// all (no entropy source), where continuing would be unsafe.
    public static func ensureInitialized() {
        precondition(initResult >= 0, "libsodium failed to initialise (no entropy source?)")
    }

    /// The libsodium version string, for diagnostics.
    public static var version: String {
        ensureInitialized()
        return String(cString: sodium_version_string())
    }
}
