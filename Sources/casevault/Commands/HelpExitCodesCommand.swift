import ArgumentParser

/// `casevault help-exit-codes --markdown|--roff|--kinds` (hidden): the
/// exit-code table from `ExitCode`, for docs/cli.md (a test holds the two
/// equal) and for the man page (scripts/install.sh, scripts/gen-manpage.py);
/// `--kinds` lists each library error kind with its code (for tests).
struct HelpExitCodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help-exit-codes",
        abstract: "Print the exit-code table (for the documentation).",
        shouldDisplay: false
    )

    @Flag(name: .long, help: "docs/cli.md's Markdown table (the default).")
    var markdown = false

    @Flag(name: .long, help: "The man page's EXIT STATUS entries, in roff.")
    var roff = false

    @Flag(name: .long, help: "Each library error kind and its exit code, one per line.")
    var kinds = false

    func validate() throws {
        if [markdown, roff, kinds].filter({ $0 }).count > 1 { throw ValidationError("--markdown, --roff and --kinds are exclusive") }
    }

    func run() throws {
        let text = roff ? ExitCode.roffEntries : kinds ? ExitCode.kindTable : ExitCode.markdownTable
        Output.line(String(text.dropLast()))
    }
}
