import ArgumentParser
import CaseVault
import Foundation
import SystemKit

/// `casevault export --to NAME ...`: a sealed, signed share for a representative.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a sealed, signed share (an age file holding a tar archive) for a designated representative.",
        discussion: """
            The representative opens it with `casevault share open FILE`, or with standard tools: \
            `age -d -i KEY FILE | tar -x`. The share is signed with this vault's signing key; give its \
            public half (`casevault identity show`) to the representative once, and confirm the fingerprint by phone.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("to"), help: ArgumentHelp("The representative's name (see `casevault rep list`).", valueName: "name"))
    var to: String
    @Option(name: .customLong("code"), help: ArgumentHelp("A backup-code entry to include (repeatable).", valueName: "label"))
    var codes: [String] = []
    @Flag(name: .customLong("all-codes"), help: "Include every backup-code entry, with its history.") var allCodes = false
    @Flag(name: .customLong("ids"), help: "Include every case identifier.") var ids = false
    @Option(name: .customLong("doc"), help: ArgumentHelp("A document to include, by label or id (repeatable).", valueName: "id"))
    var docs: [String] = []
    @Flag(name: .customLong("all-docs"), help: "Include every document.") var allDocs = false
    @Option(name: .customLong("as"), help: ArgumentHelp("Your name as the representative will see it (remembered).", valueName: "name"))
    var senderName: String?
    @Option(name: .short, help: ArgumentHelp("Write to FILE (default, or -: standard output).", valueName: "file")) var output: String?

    /// The file to write, or nil for standard output (no -o, or -o -).
    var outputFile: String? { output == "-" ? nil : output }
    @Flag(name: .shortAndLong, help: "ASCII-armored output (PEM-like text).") var armor = false

    func validate() throws {
        if codes.isEmpty && !allCodes && !ids && docs.isEmpty && !allDocs {
            throw ValidationError("choose what to export: --code LABEL, --all-codes, --ids, --doc ID or --all-docs")
        }
        if outputFile == nil && global.json {
            throw ValidationError("--json needs -o FILE: standard output carries the share")
        }
        if outputFile == nil && !armor && Terminal.isTerminal(Terminal.standardOutput) {
            throw ValidationError("refusing to write a binary share to the terminal; use -o FILE or --armor")
        }
    }

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        var selection = ShareSelection()
        selection.codeLabels = codes
        selection.allCodes = allCodes
        selection.identifiers = ids
        selection.documents = docs
        selection.allDocuments = allDocs
        let manifest = try ShareExporter(vault: vault).export(
            to: to, selection: selection, senderName: senderName,
            destination: outputFile.map { .file($0) } ?? .fileDescriptor(1), armor: armor)
        let docCount = manifest.documentEntries.count
        let hasCodes = manifest.entries.contains { $0.path == ShareManifest.codesPath }
        if global.json, outputFile != nil {
            Output.json(["share": manifest.shareID, "to": manifest.recipient.name, "file": outputFile ?? "-",
                         "entries": String(manifest.entries.count)])
            return
        }
        let what = [hasCodes ? "codes and identifiers" : nil, docCount > 0 ? "\(docCount) document\(docCount == 1 ? "" : "s")" : nil]
            .compactMap { $0 }.joined(separator: " and ")
        let contents = what.isEmpty ? "nothing in it (no documents stored)" : what
        Output.err("Share for \(manifest.recipient.name) (\(manifest.recipient.fingerprint)) with \(contents), signed as \(manifest.sender.name) (\(manifest.sender.fingerprint))\(outputFile.map { ": \($0)" } ?? ".")")
    }
}
