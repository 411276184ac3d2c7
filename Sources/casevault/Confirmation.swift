import Foundation
import CaseVault
import SodiumKit
import SystemKit

/// Asks before destroying data: on a terminal, a y/N question; otherwise
/// --yes is required, so a script never deletes by accident.
enum Confirmation {
    static func require(yes: Bool, question: String, json: Bool) throws {
        if yes { return }
        guard SecretInput.hasTerminal else {
            throw CaseVaultError.invalidInput(field: "confirmation", reason: "removal needs confirmation and there is no terminal", expected: "--yes to confirm")
        }
        let answer = try SecretInput.askVisible("\(question) [y/N] ").lowercased()
        guard answer == "y" || answer == "yes" else {
            throw CaseVaultError.invalidInput(field: "confirmation", reason: "not confirmed; nothing was removed", expected: "y to confirm")
        }
    }

    /// A `remove` command's last steps: confirm, remove, say so. `removed`
    /// is what `--json` reports (a label, or a document's id).
    static func remove(_ global: GlobalOptions, yes: Bool, question: String, label: String, removed: String? = nil,
                       _ body: () throws -> Void) throws {
        try require(yes: yes, question: question, json: global.json)
        try body()
        if global.json { Output.json(["removed": removed ?? label]) } else { Output.line("Removed '\(label)'.") }
    }

    /// Asks for a typed word before a change that others depend on (on a
    /// terminal); otherwise `--yes` is required. `refusal` says why it
    /// needs confirming when there is no terminal, `expected` what to do.
    static func requireTyped(yes: Bool, word: String, question: String, refusal: String, expected: String) throws {
        if yes { return }
        guard SecretInput.hasTerminal else {
            throw CaseVaultError.invalidInput(field: "confirmation", reason: "\(refusal), and there is no terminal to confirm on", expected: expected)
        }
        let answer = try SecretInput.askVisible("\(question) Type '\(word)' to continue: ").trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == word else {
            throw CaseVaultError.invalidInput(field: "confirmation", reason: "not confirmed; nothing was changed", expected: "'\(word)' to confirm")
        }
    }
}
