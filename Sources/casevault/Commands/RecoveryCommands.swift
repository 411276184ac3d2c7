import AgeKit
import ArgumentParser
import CaseVault
import Foundation
import ShamirKit
import SodiumKit
import SystemKit

/// `casevault recovery`: trusted-people recovery (docs/recovery.md, docs/trusted-people.md).
struct RecoveryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recovery",
        abstract: "Let any K of N trusted people open an emergency copy of your vault's contents together.",
        discussion: """
            `setup` makes one SLIP-0039 share per person (a printable sheet, or sealed to their age recipient) and \
            the emergency copy; `status`, `drill` and `refresh` keep it current; the trusted people use `open`, \
            which needs no vault.
            """,
        subcommands: [RecoverySetupCommand.self, RecoveryStatusCommand.self, RecoveryDrillCommand.self,
                      RecoveryRefreshCommand.self, RecoveryOpenCommand.self]
    )
}

/// `casevault recovery setup --threshold K --person NAME... [--seal-to NAME=RECIPIENT]... [-o DIR]`
struct RecoverySetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Make the trusted people's shares and the emergency copy.",
        discussion: """
            Writes into DIR (created 0700 if missing; default ./casevault-recovery): emergency-copy.age, and per person \
            share-N-NAME.html (a printable sheet with their share's words, 0600) or, with --seal-to, share-N-NAME.age \
            (their share sealed to their age recipient and signed). What goes into the copy is chosen as for `export`. \
            Give the copy to every person (or keep it where they can reach it); a share alone opens nothing.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("threshold"), help: ArgumentHelp("How many people together open the copy.", valueName: "k"))
    var threshold: Int
    @Option(name: .customLong("person"), help: ArgumentHelp("A trusted person (repeatable, 2 to 16).", valueName: "name"))
    var people: [String] = []
    @Option(name: .customLong("seal-to"), help: ArgumentHelp("Seal NAME's share to their age recipient instead of a sheet (repeatable).", valueName: "name=age1…"))
    var sealTo: [String] = []
    @Option(name: .short, help: ArgumentHelp("The directory to write into.", valueName: "dir")) var output: String = "casevault-recovery"
    @Option(name: .customLong("code"), help: ArgumentHelp("A backup-code entry to include (repeatable).", valueName: "label"))
    var codes: [String] = []
    @Flag(name: .customLong("all-codes"), help: "Include every backup-code entry.") var allCodes = false
    @Flag(name: .customLong("ids"), help: "Include every case identifier.") var ids = false
    @Option(name: .customLong("doc"), help: ArgumentHelp("A document to include (repeatable).", valueName: "id")) var docs: [String] = []
    @Flag(name: .customLong("all-docs"), help: "Include every document.") var allDocs = false
    @Option(name: .customLong("as"), help: ArgumentHelp("Your name as the trusted people will see it (remembered).", valueName: "name"))
    var senderName: String?
    @Flag(name: .customLong("replace"), help: "Replace the current setup (its shares will no longer open new copies).") var replace = false

    func validate() throws {
        if codes.isEmpty && !allCodes && !ids && docs.isEmpty && !allDocs {
            throw ValidationError("choose what goes into the copy: --code LABEL, --all-codes, --ids, --doc ID or --all-docs")
        }
    }

    func run() throws {
        var sealed: [String: String] = [:]
        for s in sealTo {
            guard let eq = s.firstIndex(of: "=") else { throw CLIError.usage("--seal-to \(s) is not NAME=RECIPIENT", hint: "for example --seal-to \"Jane Doe=age1…\"") }
            let name = String(s[..<eq])
            guard people.contains(where: { $0.lowercased() == name.lowercased() }) else {
                throw CLIError.usage("--seal-to names \(name), who is not among the --person names", hint: "add --person \"\(name)\" too")
            }
            sealed[name.lowercased()] = String(s[s.index(after: eq)...])
        }
        let vault = try VaultAccess.unlock(global)
        try RecoveryFiles.prepareDirectory(output)
        var selection = ShareSelection()
        selection.codeLabels = codes
        selection.allCodes = allCodes
        selection.identifiers = ids
        selection.documents = docs
        selection.allDocuments = allDocs
        let persons = people.map { RecoveryStore.Person(name: $0, sealTo: sealed[$0.lowercased()]) }
        let copy = RecoveryFiles.path(output, "emergency-copy.age")
        // Every file is new: refused before anything is made, so a name in
        // the way never leaves a setup half written.
        let targets = [copy] + persons.enumerated().map { RecoveryFiles.sharePath(output, $0.offset, $0.element.name, ext: $0.element.sealTo == nil ? "html" : "age") }
        if let taken = targets.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw CaseVaultError.alreadyExists(what: "file", name: taken)
        }
        let made = try vault.recovery.setup(threshold: threshold, people: persons, selection: selection, senderName: senderName,
                                            copyPath: copy, sealedSharePath: { i, p in RecoveryFiles.sharePath(output, i, p.name, ext: "age") },
                                            replace: replace)
        var written: [String] = [copy]
        var paperIndex = 0
        for (i, holder) in made.setup.holders.enumerated() {
            if holder.sealedTo != nil {
                written.append(RecoveryFiles.sharePath(output, i, holder.name, ext: "age"))
                continue
            }
            let words = made.paperShares[paperIndex].words
            paperIndex += 1
            let sheet = RecoverySheet(holder: holder.name, number: i + 1, words: words.revealUTF8().split(separator: " ").map(String.init),
                                      setup: made.setup, applicant: made.senderName, signerFingerprint: made.signer.fingerprint)
            words.wipe()
            let path = RecoveryFiles.sharePath(output, i, holder.name, ext: "html")
            try KitFile.write(sheet.html(), to: path, replace: false)
            written.append(path)
        }
        if global.json {
            Output.json(["threshold": String(made.setup.threshold), "people": String(made.setup.holders.count),
                         "recipient": made.setup.recipient, "files": written.joined(separator: "\n")])
            return
        }
        Output.line("Recovery set up: any \(made.setup.threshold) of \(made.setup.holders.count) people together open the emergency copy.")
        for f in written { Output.line("  \(f)") }
        Output.line("Print each sheet and give it to its person (then delete the file); send sealed shares as they are.")
        Output.line("Everyone needs the emergency copy too. Signed by \(made.senderName) (\(made.signer.fingerprint)).")
        Output.line("After changing what the vault holds, run `casevault recovery refresh -o FILE`: the same shares open the new copy.")
    }
}

/// `casevault recovery status`
struct RecoveryStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Who holds a share, the threshold, when the copy was made and refreshed.")
    @OptionGroup var global: GlobalOptions

    struct JSON: Encodable {
        struct Holder: Encodable { let name: String; let kind: String }
        let threshold: Int
        let holders: [Holder]
        let created: Date
        let refreshed: Date
        let recipientFingerprint: String
        let signerFingerprint: String
    }

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        guard let s = try vault.recovery.current() else {
            throw CLIError(message: "no recovery setup in this vault", hint: "make one with `casevault recovery setup --threshold K --person NAME ...`", exit: .notFound)
        }
        if global.json {
            Output.json(JSON(threshold: s.threshold, holders: s.holders.map { .init(name: $0.name, kind: $0.sealedTo == nil ? "paper" : "sealed") },
                             created: s.createdAt, refreshed: s.refreshedAt, recipientFingerprint: s.recipientFingerprint,
                             signerFingerprint: s.signerFingerprint))
            return
        }
        Output.line("Any \(s.threshold) of \(s.holders.count) trusted people open the emergency copy.")
        for h in s.holders { Output.line("  \(h.name): \(h.sealedTo == nil ? "paper sheet" : "sealed share")") }
        Output.line("Set up: \(Output.date(s.createdAt)); copy last made: \(Output.date(s.refreshedAt))")
        Output.line("Copy recipient: \(s.recipientFingerprint); signed with \(s.signerFingerprint)")
    }
}

/// `casevault recovery refresh -o FILE`
struct RecoveryRefreshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Make the emergency copy again from what the vault holds now; the same shares open it.",
        discussion: "Nobody is asked for their share: the vault keeps the copy's recipient. Give the new copy to the trusted people.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .short, help: ArgumentHelp("Where to write the new copy (must not exist).", valueName: "file")) var output: String

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let (setup, manifest) = try vault.recovery.refresh(copyPath: output)
        if global.json {
            Output.json(["file": output, "entries": String(manifest.entries.count), "refreshed": Output.date(setup.refreshedAt)])
            return
        }
        Output.line("Emergency copy made again: \(output) (\(manifest.entries.count) entries); the same \(setup.threshold) of \(setup.holders.count) shares open it.")
    }
}

/// `casevault recovery drill`: shares typed back are checked; nothing is opened.
struct RecoveryDrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Type shares back to check them; nothing is opened.",
        discussion: """
            Reads shares one per line on standard input, or asks for them on the terminal (an empty line ends). Each is \
            checked as it comes (its words, its checksum, that it belongs to this setup); once enough were given, that \
            together they open the emergency copy. Nothing is decrypted or written.
            """)
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        guard let setup = try vault.recovery.current() else {
            throw CLIError(message: "no recovery setup in this vault", hint: "make one with `casevault recovery setup`", exit: .notFound)
        }
        let set = Slip39ShareSet()
        let refused = try ShareCollector.collect(into: set) { share, number in
            try vault.recovery.drillAdd(share, number: number, to: set, setup: setup)
        }
        guard set.progress.isComplete else {
            let p = set.progress
            if set.count > 0 && refused == 0 {
                Output.line("\(set.count) share\(set.count == 1 ? "" : "s") checked and good; \(p.moreShares) more would be needed to open the copy.")
                return
            }
            throw Slip39Error.tooFew(moreShares: p.moreShares, moreGroups: p.moreGroups, groupThreshold: p.groupThreshold)
        }
        try vault.recovery.drillCheck(set, setup: setup)
        Output.line("These \(set.count) shares open the emergency copy. Nothing was opened.")
        if refused > 0 { throw CLIError(message: "\(refused) share\(refused == 1 ? " was" : "s were") refused (above)", hint: "check those sheets word by word", exit: .invalidInput) }
    }
}

/// `casevault recovery open COPY [--sealed-share FILE -i IDENTITY]... [--extract DIR]`: for the trusted people; needs no vault.
struct RecoveryOpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open an emergency copy with enough trusted people's shares (needs no vault).",
        discussion: """
            Sealed shares are opened with -i (each share's holder's age identity file). Then shares are read one per \
            line on standard input, or asked for on the terminal, until enough were given. Each share is checked as it \
            comes: a wrong word is named, and how many more are needed is said. The copy is then opened as \
            `share open` opens a share: listed, or written into --extract DIR once all of it verified.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The emergency copy (emergency-copy.age).") var copy: String
    @Option(name: .customLong("sealed-share"), help: ArgumentHelp("A share sealed to you (repeatable).", valueName: "file")) var sealedShares: [String] = []
    @Option(name: [.customShort("i"), .customLong("identity")], help: ArgumentHelp("An age identity file to open sealed shares (repeatable).", valueName: "file"))
    var identityFiles: [String] = []
    @Option(name: .customLong("extract"), help: ArgumentHelp("Extract into DIR (must not exist, or be empty).", valueName: "dir")) var extract: String?

    func run() throws {
        if !sealedShares.isEmpty && identityFiles.isEmpty {
            throw CLIError.usage("sealed shares need the identity they were sealed to", hint: "add -i IDENTITY_FILE")
        }
        var identities: [any AgeSecretKeyIdentity] = []
        for path in identityFiles { identities += try AgePublicKeys.parseIdentityFile(SecureFile.read(path: path)) }
        let set = Slip39ShareSet()
        var number = 0
        var signer: SignerKey? = nil
        for path in sealedShares {
            number += 1
            let (sealed, words, key) = try SealedRecoveryShare.open(path: path, identities: identities)
            if let signer, signer != key {
                throw RecoveryError.signerMismatch(share: key.fingerprint, copy: signer.fingerprint)
            }
            signer = key
            try set.add(try Slip39Share(words: words, number: number), number: number)
            words.wipe()
            Output.err("share \(number) (sealed, \(sealed.holder)'s): good; signed by \(sealed.applicant.name) (\(key.fingerprint)). \(ShareCollector.progressText(set))")
        }
        var refused = 0
        if !set.progress.isComplete {
            refused = try ShareCollector.collect(into: set, startingAt: number) { share, n in try set.add(share, number: n) }
        }
        let p = set.progress
        guard p.isComplete else {
            throw Slip39Error.tooFew(moreShares: p.moreShares, moreGroups: p.moreGroups, groupThreshold: p.groupThreshold)
        }
        let r = try RecoveryOpener.open(copy: copy, shares: set, sealedBy: signer, action: extract.map { .extract(to: $0) } ?? .list)
        ShareSupport.print(r, json: global.json, extracted: extract)
        if !global.json {
            Output.line("Compare \(r.signer.fingerprint) with the applicant's key printed on your sheet: if they differ, the applicant did not make this copy.")
        }
        _ = refused
    }
}
