import CaseVault
import SodiumKit

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
}
