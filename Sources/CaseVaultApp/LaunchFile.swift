import Foundation
import SystemKit

/// The launch file: a small HTML page (0600, in a 0700 folder of the user's)
/// that sends the browser to the one-time launch URL.
///
/// As Jupyter does: the desktop's opener gets the file's *path*, so the token
/// appears in no process's argv (where every local user could read it in
/// /proc) and in no environment. The file is removed when the app exits;
/// the token is useless after its first use anyway.
struct LaunchFile: Sendable {
    let path: String

    /// `$XDG_RUNTIME_DIR/casevault` (a per-login tmpfs, 0700), else
    /// `$XDG_STATE_HOME/casevault/run` (or ~/.local/state/...).
    static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            return runtime + "/casevault"
        }
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/casevault/run"
    }

    /// Writes the launch file for `url` (which holds the token): the first
    /// one `app-PORT.html`, a later one (the menu chosen again) `app-PORT-N.html`.
    static func write(url: String, port: Int, sequence: Int = 0,
                      environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LaunchFile {
        let folder = folder(environment: environment)
        try PrivateDirectory.makeWithParents(folder)
        let path = folder + (sequence == 0 ? "/app-\(port).html" : "/app-\(port)-\(sequence).html")
        let output = try AtomicOutput(path: path, existing: .replace)
        try output.write(Array(page(url: url).utf8))
        try output.commit(durable: false)
        return LaunchFile(path: path)
    }

    /// Removes the file (the app is exiting).
    func remove() {
        let url = URL(fileURLWithPath: path)
        guard let folder = try? Directory.open(url.deletingLastPathComponent().path) else { return }
        folder.removeFile(url.lastPathComponent)
    }

    private static func page(url: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="refresh" content="0;url=\(url)">
        <meta name="referrer" content="no-referrer">
        <title>Opening CaseVault</title></head>
        <body><p>Opening CaseVault… If nothing happens, <a href="\(url)">open CaseVault</a>.</p></body></html>

        """
    }
}
