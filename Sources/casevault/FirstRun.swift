import CaseVault
import Foundation
import SodiumKit
import SystemKit

/// `casevault` with no command: say what CaseVault is and what to do next.
///
/// With no vault at the default location it explains, and on a terminal
/// offers to create one right away (the init walkthrough). With a vault it
/// names the everyday commands. It never prompts without a terminal and
/// always exits 0: it is help, not an operation.
enum FirstRun {
    static func run() throws {
        let location = VaultLocation.resolve(explicit: nil)
        let exists = FileManager.default.fileExists(atPath: location.database.path)
        if exists {
            say("""
                CaseVault: your vault is at \(location.path).

                  casevault emergency          codes and case numbers on one screen
                  casevault status             what is stored, what needs attention
                  casevault code use LABEL     give a backup code and mark it used
                  casevault kit -o kit.html    a printable emergency sheet
                  casevault help               every command
                """)
            return
        }
        say("""
            CaseVault keeps your USCIS backup code, other sites' backup codes,
            your case numbers (A-Number, receipt numbers, card numbers) and
            scans of your documents encrypted on this computer, so that you
            have them at an airport counter or a help desk.

            There is no vault yet at \(location.path).
            """)
        let interactive = SecretInput.hasTerminal && Terminal.isTerminal(Terminal.standardOutput)
        guard interactive else {
            say("Create one with: casevault init")
            return
        }
        let answer = (try? SecretInput.askVisible("Create one now? [Y/n] ")) ?? "n"
        let a = answer.trimmingCharacters(in: .whitespaces).lowercased()
        guard a.isEmpty || a == "y" || a == "yes" else {
            say("Nothing was created. When you are ready: casevault init")
            return
        }
        say("")
        try InitWalkthrough(location: location, kdf: .moderate, useKeyring: true).run()
    }

    private static func say(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { Output.line(String(line)) }
    }
}
