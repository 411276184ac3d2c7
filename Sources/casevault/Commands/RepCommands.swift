import AgeKit
import ArgumentParser
import CaseVault
import Foundation
import SystemKit

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
    /// "post-quantum" (age1pq1…) or "classic" (age1…).
    let kind: String
    let addedAt: Date
    init(_ r: Representative) {
        name = r.name; recipient = r.recipient; fingerprint = r.fingerprint; addedAt = r.addedAt
        kind = r.isPostQuantum ? "post-quantum" : "classic"
    }
}

struct RepAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Register a representative by the age recipient they gave you.",
        discussion: """
            Takes a post-quantum recipient (age1pq1…, 1,959 characters) or a classic one (age1…); shares to a \
            post-quantum recipient stay sealed against a future quantum computer. A long recipient is easier \
            passed in the file the representative sent (--recipient-file). \
            Check the printed fingerprint with the representative by phone before exporting to them.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A name for them, e.g. \"Jane Doe, Esq.\".") var name: String
    @Argument(help: "Their age recipient (age1pq1… or age1…).") var recipient: String?
    @Option(name: [.customShort("R"), .customLong("recipient-file")],
            help: ArgumentHelp("Read the recipient from FILE (its first age1… line; `#` comments skipped).", valueName: "file"))
    var recipientFile: String?

    func validate() throws {
        if (recipient == nil) == (recipientFile == nil) {
            throw ValidationError("give the recipient, or --recipient-file FILE (one of them)")
        }
    }

    func run() throws {
        var text = recipient ?? ""
        if let recipientFile {
            // A recipient is public: plain text once read.
            let contents = try SecureFile.read(path: recipientFile).revealUTF8()
            text = contents.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .first { !$0.isEmpty && !$0.hasPrefix("#") } ?? ""
        }
        let r = try VaultAccess.unlock(global).representatives.add(name: name, recipient: text)
        if global.json { Output.json(RepJSON(r)); return }
        Output.line("Added representative '\(r.name)' (\(r.isPostQuantum ? "post-quantum" : "classic")).")
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
        for r in reps { Output.line("\(r.name)  \(r.isPostQuantum ? "post-quantum" : "classic")  \(r.fingerprint)  \(r.recipient)") }
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
