import CaseVault
import Foundation
import SodiumKit
import SystemKit

/// One app per vault for the menu's launches: choosing CaseVault again while
/// it runs opens the running app in the browser instead of starting a
/// second server.
///
/// The running app (one that opens the browser itself, on a port of its
/// choosing) holds a lock file in the launch-file folder (0700), named by a
/// hash of the vault's path, with its process id in it. A second launch
/// finds it there and sends it SIGUSR1; the running app then writes a new
/// launch file with a new one-time token and opens it. Only this user (or
/// root) can write that folder or signal the process, and the signal
/// carries nothing: the token never leaves the running app except in the
/// new 0600 launch file.
public enum AppInstance {
    /// The lock file for the vault at `location`.
    static func lockPath(for location: VaultLocation, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let name = Bytes.hex(BLAKE2b.hash(length: 16, Array("casevault app instance v1".utf8) + Array(location.path.utf8)))
        return LaunchFile.folder(environment: environment) + "/app-\(name).lock"
    }

    /// Whether `options` make an app that takes part: one that opens the
    /// browser and picks its own port (scripts and tests that ask for
    /// `--json`, `--no-browser` or a port get an app of their own).
    static func takesPart(_ options: AppOptions) -> Bool {
        options.openBrowser && options.port == nil
    }

    /// Wakes the app already serving the vault at `options.location`: true
    /// when one was found and signalled (it then opens the browser itself).
    public static func wakeRunning(_ options: AppOptions) -> Bool {
        guard takesPart(options), let pid = SingleInstance.holder(lockPath(for: options.location)) else { return false }
        return SingleInstance.wake(pid)
    }

    /// Claims the vault's lock file for this app; nil when it does not take
    /// part, or the folder cannot be made, or another app holds it (two
    /// launches at the same moment: both serve, as before).
    static func claim(_ options: AppOptions) -> SingleInstance? {
        guard takesPart(options) else { return nil }
        let path = lockPath(for: options.location)
        do {
            try PrivateDirectory.makeWithParents(LaunchFile.folder())
            return try SingleInstance.claim(path)
        } catch {
            return nil
        }
    }
}
