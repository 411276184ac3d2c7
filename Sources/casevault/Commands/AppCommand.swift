import ArgumentParser
import CaseVault
import CaseVaultApp
import Foundation

/// `casevault app`: the vault in the user's own browser, served on 127.0.0.1.
struct AppCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Open CaseVault in your web browser (served on this computer only).",
        discussion: """
        Serves the app on 127.0.0.1 and opens it in your browser through a launch file \
        (0600, in $XDG_RUNTIME_DIR/casevault) holding a one-time link. The app locks after \
        --idle-lock of inactivity and on its Lock button; it ends on its Quit button or Ctrl-C \
        (the vault locks). \
        See docs/app.md.
        """)

    @Option(name: .customLong("vault"), help: ArgumentHelp(
        "Vault directory (default: $CASEVAULT_DIR, else $XDG_DATA_HOME/casevault, else ~/.local/share/casevault).",
        valueName: "dir"))
    var vault: String?

    @Option(help: ArgumentHelp("Port on 127.0.0.1 (default: a free one).", valueName: "port"))
    var port: Int?

    @Option(name: .customLong("idle-lock"), help: ArgumentHelp(
        "Lock after this much inactivity: seconds, or with s, m or h (default 5m).", valueName: "duration"))
    var idleLock: String?

    @Flag(name: .customLong("no-keyring"), help: "Do not use the desktop keyring; ask for the passphrase.")
    var noKeyring = false

    @Flag(name: .customLong("no-browser"), help: "Do not open a browser; print the launch file's path and the address.")
    var noBrowser = false

    @Flag(help: "Print one line of JSON, {\"address\": …, \"launchFile\": …}, once the app serves.")
    var json = false

    func validate() throws {
        if let port, !(1...65535).contains(port) {
            throw ValidationError("--port must be between 1 and 65535 (or left out for a free port)")
        }
        if let idleLock, AppOptions.parseDuration(idleLock) == nil {
            throw ValidationError("--idle-lock takes a duration such as 300, 45s, 5m or 1h (1 second to 24 hours)")
        }
    }

    func run() throws {
        let options = AppOptions(
            location: VaultLocation.resolve(explicit: vault),
            port: port,
            idleLock: idleLock.flatMap(AppOptions.parseDuration) ?? AppOptions.defaultIdleLock,
            useKeyring: !noKeyring,
            keyringTimeout: KeyringSettings.timeout(),
            openBrowser: !noBrowser && !json)
        let json = self.json
        let noBrowser = self.noBrowser
        let outcome = AppRun()
        Task {
            do {
                try await AppServer.run(options) { ready in
                    if json {
                        Output.line(AppCommand.oneLine(ready))
                    } else {
                        Output.line("CaseVault is running at \(ready.address)")
                        if noBrowser {
                            Output.line("Open it with the launch file: \(ready.launchFile)")
                        } else {
                            Output.line("Your browser should open it; if not, open the launch file: \(ready.launchFile)")
                        }
                        Output.line("Press Ctrl-C, or Quit in the app, to stop (the vault locks).")
                    }
                }
                outcome.finish(nil)
            } catch {
                outcome.finish(error)
            }
        }
        if let error = outcome.wait() { throw error }
    }
}

extension AppCommand {
    /// The ready line for scripts: one JSON object on one line.
    static func oneLine(_ ready: AppReady) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(ready)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// Waits on the main thread for the server task to end.
private final class AppRun: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var error: Error?
    func finish(_ e: Error?) { error = e; done.signal() }
    func wait() -> Error? { done.wait(); return error }
}
