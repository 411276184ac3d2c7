import ArgumentParser
import CaseVault

/// `casevault accept-older`: takes a vault that is older than the one this
/// computer last saw at its place as the current one.
struct AcceptOlderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept-older",
        abstract: "Accept a vault put back from an older copy (a restored backup) as the current one.",
        discussion: """
            Every change raises the vault's state counter, and this computer remembers the highest it saw \\
            for the vault at this place. A vault.db put back from an older copy is then refused before any \\
            code is shown, since a one-time code used since would look unused. If you put the copy back on \\
            purpose, this command accepts it; mark codes you used since as used (`casevault code use`).
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let locked = try VaultAccess.openLocked(global)
        locked.acceptOlderState = true
        let vault = try VaultAccess.unlock(locked, global)
        let counter = try vault.stateCounter()
        if global.json {
            Output.json(Result(accepted: true, state: counter))
        } else {
            Output.line("Accepted this copy of the vault as the current one\(counter.map { " (state \($0))" } ?? "").")
            Output.line("One-time codes used since this copy was made may show as unused: mark them with `casevault code use`.")
        }
    }

    struct Result: Encodable {
        let accepted: Bool
        let state: UInt64?
    }
}
