import CaseVault
import Foundation
import SystemKit

/// `remind --enable` / `--disable`: the daily systemd user timer.
///
/// The package installs the units in /usr/lib/systemd/user; without them
/// (a `make install` or a binary run from its build folder) `--enable`
/// writes them into `$XDG_CONFIG_HOME/systemd/user/` (else
/// `~/.config/systemd/user/`) with this binary's path. Either way it then
/// runs `systemctl --user enable --now casevault-remind.timer`. Without a
/// systemd user manager it says so and exits 12, naming what it wrote.
enum RemindTimer {
    static let packagedDirectories = ["/usr/lib/systemd/user", "/usr/local/lib/systemd/user", "/lib/systemd/user"]

    static func enable(environment env: [String: String] = ProcessInfo.processInfo.environment) throws {
        var wrote: [String] = []
        if !packagedDirectories.contains(where: { PosixFile.exists($0 + "/" + RemindUnits.timerName) }) {
            let dir = userUnitDirectory(env)
            let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? "/usr/bin/casevault"
            do {
                try PrivateDirectory.makeWithParents(dir)
                for (name, text) in [(RemindUnits.serviceName, RemindUnits.service(executable: executable)), (RemindUnits.timerName, RemindUnits.timer)] {
                    let out = try AtomicOutput(path: dir + "/" + name, existing: .replace)
                    try out.write(Array((RemindUnits.marker + "\n" + text).utf8))
                    try out.commit(durable: true)
                    wrote.append(dir + "/" + name)
                }
            } catch let e as SystemError {
                throw CaseVaultError(e)
            }
            for w in wrote { Output.line("Wrote \(w)") }
        }
        try systemctl(["daemon-reload"], wrote: wrote, undo: "the timer is not enabled")
        try systemctl(["enable", "--now", RemindUnits.timerName], wrote: wrote, undo: "the timer is not enabled")
        Output.line("Daily reminders are on (\(RemindUnits.timerName)). `casevault remind --disable` turns them off.")
    }

    static func disable(environment env: [String: String] = ProcessInfo.processInfo.environment) throws {
        var removed: [String] = []
        let dir = userUnitDirectory(env)
        let outcome = Result { try systemctl(["disable", "--now", RemindUnits.timerName], wrote: [], undo: "nothing was changed") }
        for name in [RemindUnits.timerName, RemindUnits.serviceName] {
            let path = dir + "/" + name
            // Only files this command wrote: a unit the user wrote by hand stays.
            if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasPrefix(RemindUnits.marker) {
                PosixFile.remove(path)
                removed.append(path)
            }
        }
        for r in removed { Output.line("Removed \(r)") }
        if case .failure(let error) = outcome {
            // With the units gone, no systemd manager will start them again.
            guard !removed.isEmpty else { throw error }
            Output.err("note: systemctl --user is not available; the unit files were removed, so nothing will run them")
            return
        }
        Output.line("Daily reminders are off.")
    }

    /// `$XDG_CONFIG_HOME/systemd/user`, else `~/.config/systemd/user`.
    static func userUnitDirectory(_ env: [String: String]) -> String {
        if let x = env["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/systemd/user" }
        let home = env["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.config/systemd/user"
    }

    /// Runs `systemctl --user ARGS`; a missing systemctl or a failure (no
    /// user manager: a console, a container, CI) is exit 12, saying what
    /// was written.
    static func systemctl(_ args: [String], wrote: [String], undo: String) throws {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { $0 + "/systemctl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        let written = wrote.isEmpty ? "" : "; the unit files were written (\(wrote.joined(separator: ", ")))"
        guard let path else {
            throw CLIError(message: "remind: systemctl was not found, so there is no systemd user manager to run a daily timer; \(undo)\(written)",
                           hint: "on a desktop without systemd, run `casevault remind` daily from your session's autostart or cron",
                           exit: .desktopService)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--user"] + args
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do { try process.run() } catch {
            throw CLIError(message: "remind: could not run systemctl --user (\(error.localizedDescription)); \(undo)\(written)",
                           hint: "run `systemctl --user \(args.joined(separator: " "))` yourself in a desktop session", exit: .desktopService)
        }
        let detail = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError(message: "remind: systemctl --user is not available (\(Output.printable(detail))); \(undo)\(written)",
                           hint: "run `casevault remind --enable` in a desktop session with a systemd user manager, or `systemctl --user enable --now \(RemindUnits.timerName)` there",
                           exit: .desktopService)
        }
    }
}
