import AgeKit
import ArgumentParser
import SodiumKit
import SystemKit

/// `casevault age encrypt (-r RECIPIENT... | -R FILE | --passphrase-file F | -p) [-a] [-o OUT] [FILE]`
struct AgeEncryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encrypt",
        abstract: "Encrypt FILE (or standard input) to age recipients or a passphrase.",
        discussion: """
            The output decrypts with `age -d` (age 1.3 or later for post-quantum recipients). A passphrase is never taken from the command line. \
            Post-quantum (age1pq1...) and classic (age1...) recipients cannot be mixed in one file, as age refuses: \
            the classic recipient would let a future quantum computer open it.
            """
    )

    @Option(name: [.customShort("r"), .customLong("recipient")], help: ArgumentHelp("Encrypt to an age1pq1... (post-quantum) or age1... recipient (repeatable).", valueName: "recipient"))
    var recipients: [String] = []

    @Option(name: [.customShort("R"), .customLong("recipients-file")], help: ArgumentHelp("Encrypt to the recipients listed in FILE, one per line (repeatable).", valueName: "file"))
    var recipientsFiles: [String] = []

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp("Encrypt with the passphrase on the first line of FILE (- for standard input).", valueName: "file"))
    var passphraseFile: String?

    @Flag(name: [.customShort("p"), .customLong("passphrase")], help: "Encrypt with a passphrase typed at the terminal (asked twice).")
    var promptPassphrase = false

    @Flag(name: [.customShort("a"), .customLong("armor")], help: "Write ASCII armor (PEM) instead of binary.")
    var armor = false

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to OUT instead of standard output.", valueName: "out"))
    var output: String?

    @Argument(help: ArgumentHelp("The file to encrypt (default: standard input).", valueName: "file"))
    var input: String?

    /// Flag combinations (checked in run() so the errors keep their own exit code and hint).
    private func check() throws {
        let usesKeys = !recipients.isEmpty || !recipientsFiles.isEmpty
        let usesPassphrase = passphraseFile != nil || promptPassphrase
        guard usesKeys || usesPassphrase else {
            throw CLIError.usage("nothing to encrypt to", hint: "pass -r age1..., -R FILE or --passphrase-file FILE")
        }
        guard !(usesKeys && usesPassphrase) else {
            throw CLIError.usage("a passphrase cannot be combined with recipients", hint: "age allows a passphrase only on its own; encrypt twice if you need both")
        }
        guard !(passphraseFile != nil && promptPassphrase) else {
            throw CLIError.usage("-p and --passphrase-file are exclusive", hint: "use one of them")
        }
        let stdinUsers = (passphraseFile == "-" ? 1 : 0) + recipientsFiles.filter { $0 == "-" }.count
            + ((input == nil || input == "-") ? 1 : 0)
        guard stdinUsers <= 1 else {
            throw CLIError.usage("standard input cannot carry both the passphrase or recipients and the data", hint: "name the file to encrypt")
        }
    }

    func run() throws {
        try check()
        var list: [AgeRecipient] = []
        for r in recipients { list.append(try AgePublicKeys.parseRecipient(r)) }
        for path in recipientsFiles { list += try AgeRecipientsFile.read(path) }
        if let passphraseFile {
            list.append(try ScryptRecipient(passphrase: SecretInput.readFirstLine(path: passphraseFile)))
        } else if promptPassphrase {
            list.append(try ScryptRecipient(passphrase: AgePassphrasePrompt.askNew()))
        }

        let source = try AgeFiles.openInput(input)
        defer { AgeFiles.close(source) }
        let sink = try AgeFiles.Output(path: output)
        if sink.isTerminal && !armor {
            sink.discard()
            throw CLIError.usage("refusing to write binary ciphertext to the terminal", hint: "pass -o FILE, redirect the output, or use -a for ASCII armor")
        }
        do {
            let writer = try AgeWriter(recipients: list, output: sink.handle, armor: armor)
            try writer.write(from: source)
            try writer.finish()
            try sink.commit()
        } catch {
            sink.discard()
            throw error
        }
    }
}

/// Recipients files: one `age1pq1...` or `age1...` per line, `#` comments and blank lines ignored.
enum AgeRecipientsFile {
    static func read(_ path: String) throws -> [AgeRecipient] {
        let contents = try SecureFile.read(path: path)
        // Recipients are public: plain text is fine once read.
        let text = contents.revealUTF8()
        var out: [AgeRecipient] = []
        // Split on any line end: CRLF is one Character in Swift, so splitting
        // on "\n" left a CRLF file as one line (age reads such files).
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("AGE-SECRET-KEY-") {
                throw AgeError.invalidRecipient("\(path) line \(i + 1) is an identity (a secret key), not a recipient")
            }
            do { out.append(try AgePublicKeys.parseRecipient(line)) } catch AgeError.invalidRecipient(let why) {
                throw AgeError.invalidRecipient("\(path) line \(i + 1): \(why)")
            }
        }
        guard !out.isEmpty else { throw AgeError.invalidRecipient("\(path) lists no recipient") }
        return out
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = self[...]
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

/// Passphrase prompts on the terminal (never from argv).
enum AgePassphrasePrompt {
    static func askNew() throws -> SecureBytes {
        guard SecretInput.hasTerminal else {
            throw CLIError(message: "no terminal to read the passphrase from", hint: "pass --passphrase-file FILE (- for standard input)", exit: .wrongSecret)
        }
        let first = try SecretInput.prompt("Enter passphrase: ")
        let second = try SecretInput.prompt("Confirm passphrase: ")
        guard first.constantTimeEquals(second) else {
            throw CLIError(message: "the passphrases do not match", hint: "type the same passphrase twice", exit: .wrongSecret)
        }
        return first
    }

    static func ask() throws -> SecureBytes {
        guard SecretInput.hasTerminal else {
            throw CLIError(message: "no terminal to read the passphrase from", hint: "pass --passphrase-file FILE (- for standard input)", exit: .wrongSecret)
        }
        return try SecretInput.prompt("Enter passphrase: ")
    }
}
