import ArgumentParser
import CaseVault
import Foundation

/// `casevault rep ...`: designated representatives (applicant side).
struct RepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rep",
        abstract: "Designated representatives that shares can be exported to.",
        subcommands: [RepAdd.self, RepList.self, RepRemove.self])
}

struct RepJSON: Encodable {
    let name: String
    let recipient: String
    let fingerprint: String
    let addedAt: Date
    init(_ r: Representative) { name = r.name; recipient = r.recipient; fingerprint = r.fingerprint; addedAt = r.addedAt }
}

struct RepAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Register a representative by the age recipient they gave you.",
        discussion: "Check the printed fingerprint with the representative by phone before exporting to them.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A name for them, e.g. \"Jane Doe, Esq.\".") var name: String
    @Argument(help: "Their age recipient (age1…).") var recipient: String

    func run() throws {
        let r = try VaultAccess.unlock(global).representatives.add(name: name, recipient: recipient)
        if global.json { Output.json(RepJSON(r)); return }
        Output.line("Added representative '\(r.name)'.")
        Output.line("Fingerprint: \(r.fingerprint)")
        Output.line("Read it to them by phone: it must match what `casevault identity show` prints on their side.")
    }
}

struct RepList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List representatives.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let reps = try VaultAccess.unlock(global).representatives.list()
        if global.json { Output.json(["representatives": reps.map(RepJSON.init)]); return }
        if reps.isEmpty { Output.line("No representatives yet. Add one with `casevault rep add NAME RECIPIENT`."); return }
        for r in reps { Output.line("\(r.name)  \(r.fingerprint)  \(r.recipient)") }
    }
}

struct RepRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a representative.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Their name.") var name: String
    @Flag(help: "Do not ask for confirmation.") var yes = false

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let r = try vault.representatives.find(name)
        try Confirmation.remove(global, yes: yes, question: "Remove representative '\(r.name)'?", label: r.name) {
            try vault.representatives.remove(r.name)
        }
    }
}
