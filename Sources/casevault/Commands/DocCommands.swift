import ArgumentParser
import CaseVault
import Foundation
import SodiumKit
import SystemKit

/// `casevault doc ...`: document scans, stored apart from codes under their own key.
struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "Document scans (green card, EAD, passport, I-94, I-797, PDFs), stored apart from codes.",
        discussion: "Documents are encrypted in chunks as they stream, so files of any size use little memory. See docs/documents.md.",
        subcommands: [DocAdd.self, DocList.self, DocGet.self, DocVerify.self, DocEdit.self, DocRemove.self])
}

extension DocumentType: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// One document as printed by --json.
struct DocumentJSON: Encodable {
    let id: String
    let type: String
    let label: String
    let fileName: String
    let size: Int64
    /// What `sha256sum` prints; nil only for documents an earlier version added.
    let sha256: String?
    /// Documents an earlier version added record BLAKE2b-512 (`b2sum`) instead.
    let blake2b: String?
    let addedAt: Date
    let expires: String?
    let daysUntilExpiry: Int?
    let note: String?

    init(_ d: Document) {
        let m = d.metadata
        id = d.idHex
        type = m.type.rawValue
        label = m.label
        fileName = m.fileName
        size = m.size
        sha256 = m.sha256
        blake2b = m.blake2b
        addedAt = m.addedAt
        expires = m.expires?.description
        daysUntilExpiry = d.daysUntilExpiry()
        note = m.note
    }
}

struct DocAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Encrypt and store document files.",
        discussion: "Each FILE is streamed in 1 MiB chunks under its own key; a progress bar shows on a terminal for large files.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Files to store.", valueName: "file")) var files: [String]
    @Option(help: ArgumentHelp("What it is: \(DocumentType.spellings).", valueName: "type")) var type: DocumentType = .other
    @Option(help: "A unique name for it (default: the file name). Only with one FILE.") var label: String?
    @Option(help: ArgumentHelp("Expiry date of the card or passport, YYYY-MM-DD (status warns 180 days ahead).", valueName: "date"))
    var expires: String?
    @Option(help: ArgumentHelp("A note kept with it (encrypted).", valueName: "text")) var note: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file to add") }
        if label != nil && files.count > 1 { throw ValidationError("--label names one document; add the files one at a time to label each") }
        if let expires, (try? CalendarDay(parsing: expires)) == nil {
            throw ValidationError("--expires '\(expires)' is not a calendar day; write it YYYY-MM-DD, for example 2031-04-30")
        }
    }

    func run() throws {
        let store = try DocumentAccess.open(global)
        let options = DocumentStore.NewDocument(type: type, label: label, expires: try expires.map(CalendarDay.init(parsing:)), note: note)
        // Refuse up front a file that cannot be read, so a typo in the second
        // name does not leave the first stored and the command failed. A
        // FIFO or a device is refused too, without opening it (an open of a
        // FIFO waits for a writer): documents are regular files, and a pipe's
        // output is saved to one first (`doc add` has no `-` for stdin).
        for file in files {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw CaseVaultError.io(operation: "read", path: file, reason: "no such file, or not readable; nothing was stored")
            }
            if SpecialFile.isSpecial(file) {
                throw CaseVaultError.invalidInput(field: "file \(file)", reason: "it is a FIFO, device or socket, not a regular file; nothing was stored",
                                                  expected: "a path to a regular file (save the output of a pipe to a file first)")
            }
        }
        var added: [Document] = []
        for file in files {
            let bar = ProgressBar(title: (file as NSString).lastPathComponent)
            defer { bar.finish() }
            let doc: Document
            do {
                doc = try store.add(file: file, options, progress: bar.update)
            } catch {
                if !added.isEmpty {
                    Output.err("note: stored before this failure: \(added.map { "'\($0.metadata.label)' (\($0.shortID))" }.joined(separator: ", "))")
                }
                throw error
            }
            bar.finish()
            added.append(doc)
            if !global.json {
                Output.line("Added '\(doc.metadata.label)' (\(doc.metadata.type.rawValue), \(ByteCount.format(doc.metadata.size))) as \(doc.shortID).")
            }
        }
        if global.json { Output.json(["documents": added.map(DocumentJSON.init)]) }
    }
}

struct DocList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List stored documents: type, label, size, expiry.")
    @OptionGroup var global: GlobalOptions
    // Unconditional, so "-5" reaches the check below instead of reading as an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Only documents expiring within DAYS days (or already expired).", valueName: "days"))
    var expiring: Int?

    func validate() throws {
        if let expiring, expiring < 0 { throw ValidationError("--expiring takes a number of days, 0 or more") }
    }

    func run() throws {
        let store = try DocumentAccess.open(global)
        let docs = try expiring.map { try store.expiring(within: $0) } ?? store.list()
        if global.json { Output.json(["documents": docs.map(DocumentJSON.init)]); return }
        if docs.isEmpty {
            Output.line(expiring == nil ? "No documents yet. Add one with `casevault doc add FILE --type passport`."
                                        : "No document expires within \(expiring ?? 0) days.")
            return
        }
        let width = min(max(docs.map(\.metadata.label.count).max() ?? 5, 5), 40)
        Output.line("ID        TYPE        \("LABEL".padding(toLength: width, withPad: " ", startingAt: 0))  SIZE       EXPIRES")
        for d in docs {
            let m = d.metadata
            let label = m.label.count > width ? String(m.label.prefix(width - 1)) + "…" : m.label.padding(toLength: width, withPad: " ", startingAt: 0)
            Output.line("\(d.shortID)  \(m.type.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0))  \(label)  "
                        + "\(ByteCount.format(m.size).padding(toLength: 9, withPad: " ", startingAt: 0))  \(ExpiryText.describe(d))")
        }
    }
}

struct DocGet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Decrypt a document to a file (mode 0600) or to standard output.",
        discussion: """
            Without -o the document is written under its original file name in the current directory. \
            An existing file is never replaced without --force. With -o - each chunk is authenticated before \
            it is written, but if a later chunk fails, earlier chunks are already on standard output: \
            the command then exits 6 and the output must be discarded.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Its label or id (or a unique id prefix).") var ref: String
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write it; - for standard output.", valueName: "file"))
    var output: String?
    @Flag(help: "Replace an existing output file.") var force = false

    func validate() throws {
        if global.json && output == "-" {
            throw ValidationError("--json cannot go with -o -: standard output carries the document")
        }
    }

    func run() throws {
        let store = try DocumentAccess.open(global)
        let doc = try store.resolve(ref)
        if output == "-" {
            guard !Terminal.isTerminal(Terminal.standardOutput) else {
                throw CaseVaultError.invalidInput(field: "output", reason: "standard output is a terminal", expected: "-o FILE, or a pipe or redirection after -o -")
            }
            try store.write(doc, toFileDescriptor: 1)
            return
        }
        let path = output ?? doc.metadata.fileName
        let bar = ProgressBar(title: doc.metadata.label)
        defer { bar.finish() }
        do {
            try store.export(doc, to: path, overwrite: force, progress: bar.update)
        } catch CaseVaultError.alreadyExists(what: "file", let name) {
            throw CLIError(message: "\(name) exists already; nothing was written", hint: "pass --force to replace it, or choose another name with -o FILE", exit: .alreadyExists)
        }
        bar.finish()
        if global.json { Output.json(["document": DocumentJSON(doc)]); return }
        Output.err("Wrote '\(doc.metadata.label)' to \(path) (\(ByteCount.format(doc.metadata.size))).")
    }
}

struct DocVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Decrypt and check every chunk of one or all documents, writing nothing.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Its label or id (default: every document).") var ref: String?
    @Flag(help: "Also print the SHA-256 of each document (what sha256sum prints).") var sha256 = false

    struct Result: Encodable { let id: String; let label: String; let ok: Bool; let error: String?; let sha256: String? }

    func run() throws {
        let store = try DocumentAccess.open(global)
        let docs = try ref.map { [try store.resolve($0)] } ?? store.list()
        var results: [Result] = []
        var firstFailure: Error?
        for d in docs {
            do {
                let digest = sha256 ? try store.sha256(d) : nil
                if !sha256 { try store.verify(d) }
                results.append(Result(id: d.idHex, label: d.metadata.label, ok: true, error: nil, sha256: digest))
                if !global.json { Output.line("ok      \(d.shortID)  \(d.metadata.label)\(digest.map { "  sha256 \($0)" } ?? "")") }
            } catch let e as CaseVaultError {
                firstFailure = firstFailure ?? e
                results.append(Result(id: d.idHex, label: d.metadata.label, ok: false, error: e.message, sha256: nil))
                if !global.json { Output.line("FAILED  \(d.shortID)  \(d.metadata.label): \(e.message)") }
            }
        }
        if global.json { Output.json(["documents": results]) }
        if !global.json && docs.isEmpty { Output.line("No documents to verify.") }
        if let firstFailure {
            // The JSON report lists the failure: `--json` prints one document.
            if global.json, let e = firstFailure as? ReportableError { throw AlreadyInJSON(error: e) }
            throw firstFailure
        }
    }
}

struct DocEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a document's type, label, expiry date or note (not its file).",
        discussion: """
        The scan itself does not change: a renewed card is a new document (`doc add`). \
        `--no-expiry` and `--no-note` take the date or the note away.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Its label or id (or a unique id prefix).") var ref: String
    @Option(help: ArgumentHelp("What it is: \(DocumentType.spellings).", valueName: "type")) var type: DocumentType?
    @Option(help: "A new unique name for it.") var label: String?
    @Option(help: ArgumentHelp("Its expiry date, YYYY-MM-DD.", valueName: "date")) var expires: String?
    @Flag(name: .customLong("no-expiry"), help: "It has no expiry date.") var noExpiry = false
    @Option(help: ArgumentHelp("A new note (encrypted).", valueName: "text")) var note: String?
    @Flag(name: .customLong("no-note"), help: "Remove its note.") var noNote = false

    func validate() throws {
        if expires != nil && noExpiry { throw ValidationError("give --expires or --no-expiry, not both") }
        if note != nil && noNote { throw ValidationError("give --note or --no-note, not both") }
        if let expires, (try? CalendarDay(parsing: expires)) == nil {
            throw ValidationError("--expires '\(expires)' is not a calendar day; write it YYYY-MM-DD, for example 2031-04-30")
        }
        if type == nil && label == nil && expires == nil && !noExpiry && note == nil && !noNote {
            throw ValidationError("say what to change: --type, --label, --expires, --no-expiry, --note or --no-note")
        }
    }

    func run() throws {
        let store = try DocumentAccess.open(global)
        let doc = try store.resolve(ref)
        var edit = DocumentStore.DocumentEdit(type: type, label: label)
        if let expires { edit.expires = .some(try CalendarDay(parsing: expires)) } else if noExpiry { edit.expires = .some(nil) }
        if let note { edit.note = .some(note) } else if noNote { edit.note = .some(nil) }
        let changed = try store.edit(doc, edit)
        if global.json { Output.json(["document": DocumentJSON(changed)]); return }
        let m = changed.metadata
        Output.line("Changed '\(m.label)' (\(m.type.rawValue), expires \(m.expires?.description ?? "never")).")
    }
}

struct DocRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a document: its key and metadata row, and its overwritten ciphertext file.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Its label or id (or a unique id prefix).") var ref: String
    @Flag(help: "Do not ask for confirmation.") var yes = false

    func run() throws {
        let store = try DocumentAccess.open(global)
        let doc = try store.resolve(ref)
        try Confirmation.remove(global, yes: yes, question: "Remove the document '\(doc.metadata.label)'?",
                                label: doc.metadata.label, removed: doc.idHex) { try store.remove(doc) }
    }
}
