import ArgumentParser
import CaseVault
import Foundation

/// `casevault code ...`: backup codes.
struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Backup codes: the USCIS backup code and other sites' one-time codes.",
        subcommands: [CodeAdd.self, CodeList.self, CodeShow.self, CodeUse.self, CodeReplace.self, CodeRemove.self, CodePrimary.self])
}

/// JSON shape of an entry (codes only where the command reveals them).
struct CodeEntryJSON: Encodable {
    struct Code: Encodable { let code: String; let usedAt: Date? }
    struct Old: Encodable { let codes: [Code]; let addedAt: Date; let supersededAt: Date }
    let id: String
    let label: String
    let account: String?
    let kind: String
    let primary: Bool
    let unused: Int
    let total: Int
    let addedAt: Date
    let updatedAt: Date
    let codes: [Code]?
    let history: [Old]?
    /// `code add` / `code replace`: line numbers skipped as headings or notes, and as repeats.
    let skippedLines: [Int]?
    let duplicateLines: [Int]?

    init(_ s: StoredCodeEntry, reveal: Bool, reading: CodeReading? = nil) {
        skippedLines = reading?.skippedLines
        duplicateLines = reading?.duplicateLines
        let e = s.entry
        id = s.id
        label = e.label
        account = e.account
        kind = e.kind.rawValue
        primary = e.primary
        unused = e.unusedCount
        total = e.codes.count
        addedAt = e.addedAt
        updatedAt = e.updatedAt
        codes = reveal ? e.codes.map { Code(code: $0.code, usedAt: $0.usedAt) } : nil
        history = reveal ? e.history.map { h in Old(codes: h.codes.map { Code(code: $0.code, usedAt: $0.usedAt) }, addedAt: h.addedAt, supersededAt: h.supersededAt) } : nil
    }
}

struct CodeAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Store a backup-code entry.",
        discussion: """
            Codes are read from --from-file (a codes file as the site saved it), else from standard input, \
            else typed on the terminal (echo off), one per line, an empty line to finish. One code makes a \
            single-code entry (the USCIS kind); several make a list of one-time codes. Headings and notes \
            are skipped and counted; if any other line is not understood, nothing is stored and the line \
            numbers are named (exit 7).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A name for the entry, e.g. uscis or login.gov.") var label: String
    @Option(help: "The account the codes belong to (e.g. an e-mail address).") var account: String?
    @Option(name: .customLong("from-file"), help: ArgumentHelp("Read the codes from FILE.", valueName: "file")) var fromFile: String?
    @Flag(help: "Mark as the entry `casevault emergency` shows first.") var primary = false

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let input = try CodeInput.readBytes(fromFile: fromFile, promptIntro: "Type or paste the backup codes for \(label), one per line; an empty line finishes.", prompt: "code: ")
        let reading = try CodeParser.read(input)
        let stored = try vault.codes.add(label: label, account: account, codes: reading.codes, primary: primary)
        if global.json { Output.json(CodeEntryJSON(stored, reveal: false, reading: reading)); return }
        let e = stored.entry
        Output.line("Stored \(e.codes.count) code\(e.codes.count == 1 ? "" : "s") as '\(e.label)' (\(CodeReadingText.kind(e))).")
        CodeReadingText.report(reading)
    }
}

/// What `code add` and `code replace` say about what they read: how many
/// codes, of which kind, and which lines were skipped, so a list that lost
/// lines, or became a single code, does not go unnoticed.
enum CodeReadingText {
    static func kind(_ e: CodeEntry) -> String {
        e.kind == .single ? "a single backup code" : "one-time codes"
    }

    static func report(_ r: CodeReading) {
        if !r.skippedLines.isEmpty {
            Output.line("Skipped \(lines(r.skippedLines)) as heading\(r.skippedLines.count == 1 ? "" : "s") or note\(r.skippedLines.count == 1 ? "" : "s").")
        }
        if !r.duplicateLines.isEmpty {
            Output.line("Skipped \(lines(r.duplicateLines)): the same code as an earlier line.")
        }
    }

    /// "line 3", "3 lines (1, 2, 12)"
    static func lines(_ numbers: [Int]) -> String {
        guard numbers.count > 1 else { return "line \(numbers[0])" }
        let shown = numbers.prefix(20).map(String.init).joined(separator: ", ")
        return "\(numbers.count) lines (\(shown)\(numbers.count > 20 ? ", ..." : ""))"
    }
}

struct CodeList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List entries with counts of unused codes (never the codes).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let entries = try VaultAccess.unlock(global).codes.list()
        if global.json { Output.json(["entries": entries.map { CodeEntryJSON($0, reveal: false) }]); return }
        if entries.isEmpty { Output.line("No backup codes yet. Add some with `casevault code add LABEL`."); return }
        for s in entries {
            let e = s.entry
            let acct = e.account.map { " (\($0))" } ?? ""
            let count = e.kind == .single ? (e.codes.first?.isUsed == true ? "single code, used" : "single code") : "\(e.unusedCount) of \(e.codes.count) unused"
            Output.line("\(e.primary ? "*" : " ") \(e.label)\(acct): \(count)\(e.kind == .list && e.isLow ? "  [low]" : "")")
        }
    }
}

struct CodeShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an entry's codes with used marks.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The entry's label.") var label: String
    @Flag(help: "Also show superseded codes.") var history = false

    func run() throws {
        let s = try VaultAccess.unlock(global).codes.find(label: label)
        if global.json { Output.json(CodeEntryJSON(s, reveal: true)); return }
        let e = s.entry
        Output.line("\(e.label)\(e.account.map { " (\($0))" } ?? "")")
        for c in e.codes {
            Output.line(c.usedAt.map { "  \(c.code)   used \(Output.date($0))" } ?? "  \(c.code)")
        }
        if history {
            for h in e.history.reversed() {
                Output.line("  superseded \(Output.date(h.supersededAt)):")
                for c in h.codes { Output.line("    \(c.code)\(c.usedAt.map { "   used \(Output.date($0))" } ?? "")") }
            }
        } else if !e.history.isEmpty {
            Output.line("  (\(e.history.count) superseded set\(e.history.count == 1 ? "" : "s"); see --history)")
        }
    }
}

struct CodeUse: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "use", abstract: "Print the next unused code and mark it used.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The entry's label.") var label: String

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        // The code is written out inside the transaction that marks it used
        // (CodeStore.use): if it cannot be written (stdout on a full disk,
        // /dev/full, a closed pipe) the mark is rolled back.
        let undone = "the code was not marked used"
        var delivered = false
        let use: CaseVault.CodeUse
        do {
            use = try vault.codes.use(label: label) { use in
                if global.json {
                    try Output.deliverJSON(UseJSON(code: use.code, label: use.entry.label, remaining: use.remaining,
                                                   previouslyUsedAt: use.previouslyUsedAt), undone: undone)
                } else {
                    try Output.deliverLine(use.code, undone: undone)
                }
                delivered = true
            }
        } catch let e as ReportableError where delivered {
            // Written out, but the commit failed after it (the vault's disk
            // filled meanwhile): the code will be handed out again.
            Output.warn("the code written above was not marked used; `code use` will give it again")
            throw global.json ? AlreadyInJSON(error: e) : e
        }
        if let before = use.previouslyUsedAt {
            Output.warn("this backup code was already used on \(Output.date(before)); if the site refuses it, generate a new one and run `casevault code replace \(use.entry.label)`")
        } else if use.entry.kind == .list && use.remaining <= CodeEntry.lowWaterMark {
            Output.warn("\(use.remaining) unused code\(use.remaining == 1 ? "" : "s") left in '\(use.entry.label)': generate new ones on the site and run `casevault code replace \(use.entry.label)`")
        } else if use.entry.kind == .single {
            Output.err("note: when you change your two-step method the site issues a new backup code; store it with `casevault code replace \(use.entry.label)`")
        }
    }

    struct UseJSON: Encodable {
        let code: String
        let label: String
        let remaining: Int
        let previouslyUsedAt: Date?
    }
}

struct CodeReplace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replace",
        abstract: "Replace an entry's codes; the old ones are kept as dated history.",
        discussion: "Codes are read as for `code add`.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The entry's label.") var label: String
    @Option(name: .customLong("from-file"), help: ArgumentHelp("Read the new codes from FILE.", valueName: "file")) var fromFile: String?

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        _ = try vault.codes.find(label: label)
        let input = try CodeInput.readBytes(fromFile: fromFile, promptIntro: "Type or paste the new codes for \(label), one per line; an empty line finishes.", prompt: "code: ")
        let reading = try CodeParser.read(input)
        let stored = try vault.codes.replace(label: label, codes: reading.codes)
        if global.json { Output.json(CodeEntryJSON(stored, reveal: false, reading: reading)); return }
        Output.line("Replaced the codes of '\(stored.entry.label)': \(stored.entry.codes.count) new (\(CodeReadingText.kind(stored.entry))), the old set kept as history.")
        CodeReadingText.report(reading)
    }
}

struct CodeRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an entry and its history.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The entry's label.") var label: String
    @Flag(help: "Do not ask for confirmation.") var yes = false

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let s = try vault.codes.find(label: label)
        try Confirmation.remove(global, yes: yes, question: "Remove '\(s.entry.label)' and all its codes?", label: s.entry.label) {
            try vault.codes.remove(label: label)
        }
    }
}

struct CodePrimary: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "primary", abstract: "Mark the entry `casevault emergency` shows first.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The entry's label.") var label: String

    func run() throws {
        try VaultAccess.unlock(global).codes.setPrimary(label: label)
        if global.json { Output.json(["primary": label]) } else { Output.line("'\(label)' is now the primary entry.") }
    }
}
