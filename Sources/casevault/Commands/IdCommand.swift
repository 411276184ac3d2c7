import ArgumentParser
import CaseVault
import Foundation

/// `casevault id ...`: case identifiers.
struct IdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "id",
        abstract: "Case identifiers: A-Number, receipt numbers, online account number, card numbers.",
        subcommands: [IdAdd.self, IdList.self, IdShow.self, IdRemove.self])
}

extension IdentifierKind: ExpressibleByArgument {}

struct IdentifierJSON: Encodable {
    let id: String
    let kind: String
    let label: String
    let value: String
    let formatted: String
    let note: String?
    let addedAt: Date

    init(_ s: StoredIdentifier, reveal: Bool) {
        let i = s.identifier
        id = s.id
        kind = i.kind.rawValue
        label = i.label
        value = reveal ? i.value : i.kind.masked(i.value)
        formatted = reveal ? i.kind.formatted(i.value) : i.kind.masked(i.value)
        note = i.note
        addedAt = i.addedAt
    }
}

struct IdAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Store a case identifier.",
        discussion: """
            KIND is a-number, receipt, account-number, card-number or other. The value is read from \
            --from-file, else standard input, else typed on the terminal: never from the command line. \
            Values are checked and normalised (A-Numbers zero-padded to 9 digits; dashes and spaces removed).
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "a-number, receipt, account-number, card-number or other.") var kind: IdentifierKind
    @Option(help: "A name for it (default: the kind, numbered if needed).") var label: String?
    @Option(help: "A note, e.g. which form the receipt is for (I-485).") var note: String?
    @Option(name: .customLong("from-file"), help: ArgumentHelp("Read the value from the first line of FILE.", valueName: "file")) var fromFile: String?

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let text = try CodeInput.readText(fromFile: fromFile, promptIntro: "Type the \(kind.displayName) (\(kind.expectedFormat)).", prompt: "\(kind.displayName): ", single: true)
        let value = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let s = try vault.identifiers.add(kind: kind, value: value, label: label, note: note)
        if global.json { Output.json(IdentifierJSON(s, reveal: false)); return }
        Output.line("Stored \(kind.displayName) as '\(s.identifier.label)' (\(kind.masked(s.identifier.value))).")
    }
}

struct IdList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List identifiers (values masked but for the last 4 characters).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ids = try VaultAccess.unlock(global).identifiers.list()
        if global.json { Output.json(["identifiers": ids.map { IdentifierJSON($0, reveal: false) }]); return }
        if ids.isEmpty { Output.line("No identifiers yet. Add one with `casevault id add a-number`."); return }
        for s in ids {
            let i = s.identifier
            Output.line("\(String(s.id.prefix(8)))  \(i.label.padding(toLength: max(i.label.count, 16), withPad: " ", startingAt: 0))  \(i.kind.displayName): \(i.kind.masked(i.value))")
        }
    }
}

struct IdShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an identifier in full.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Its label or id (or a unique id prefix).") var ref: String

    func run() throws {
        let s = try VaultAccess.unlock(global).identifiers.find(ref)
        if global.json { Output.json(IdentifierJSON(s, reveal: true)); return }
        let i = s.identifier
        Output.line("\(i.kind.displayName) (\(i.label)): \(i.kind.formatted(i.value))")
        if let n = i.note { Output.line("note: \(n)") }
    }
}

struct IdRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an identifier.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Its label or id (or a unique id prefix).") var ref: String
    @Flag(help: "Do not ask for confirmation.") var yes = false

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let s = try vault.identifiers.find(ref)
        try Confirmation.remove(global, yes: yes, question: "Remove the \(s.identifier.kind.displayName) '\(s.identifier.label)'?",
                                label: s.identifier.label) { try vault.identifiers.remove(s.id) }
    }
}
