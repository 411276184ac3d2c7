import AgeKit
import ArgumentParser
import SodiumKit
import SystemKit

/// `casevault age decrypt (-i IDENTITY_FILE... | --passphrase-file F) [-o OUT] [FILE]`
struct AgeDecryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Decrypt an age file (binary or armored) from FILE or standard input.",
        discussion: """
            Reads files written by `age -e` and by `casevault age encrypt`. With -o the output appears only if \
            the whole file authenticated; on standard output, chunks are written as each one authenticates and a \
            failure exits non-zero. Without -i or --passphrase-file, a passphrase file prompts on the terminal.
            """
    )

    @Option(name: [.customShort("i"), .customLong("identity")], help: ArgumentHelp("An identity file (AGE-SECRET-KEY-PQ-1... or AGE-SECRET-KEY-1... lines; repeatable).", valueName: "file"))
    var identities: [String] = []

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp("Decrypt with the passphrase on the first line of FILE (- for standard input).", valueName: "file"))
    var passphraseFile: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the plaintext to OUT instead of standard output.", valueName: "out"))
    var output: String?

    @Argument(help: ArgumentHelp("The age file (default: standard input).", valueName: "file"))
    var input: String?

    /// Flag combinations (checked in run() so the errors keep their own exit code and hint).
    private func check() throws {
        let stdinReaders = identities.filter { $0 == "-" }.count + (passphraseFile == "-" ? 1 : 0)
        if stdinReaders > 1 || (stdinReaders == 1 && (input == nil || input == "-")) {
            throw CLIError.usage("standard input cannot carry both a key and the file", hint: "name the age file to decrypt")
        }
        if identities.isEmpty && passphraseFile == nil && !SecretInput.hasTerminal {
            throw CLIError.usage("no identity or passphrase given", hint: "pass -i IDENTITY_FILE or --passphrase-file FILE")
        }
    }

    func run() throws {
        try check()
        var keys: [AgeIdentity] = []
        for path in identities {
            keys += try AgePublicKeys.parseIdentityFile(SecureFile.read(path: path)) as [AgeIdentity]
        }
        if let passphraseFile {
            keys.append(ScryptIdentity(passphrase: try SecretInput.readFirstLine(path: passphraseFile)))
        } else if identities.isEmpty {
            // Asked only if the file turns out to be passphrase-encrypted.
            keys.append(ScryptIdentity(passphraseProvider: { try AgePassphrasePrompt.ask() }))
        }

        let source = try AgeFiles.openInput(input)
        defer { AgeFiles.close(source) }
        let reader = try AgeReader(identities: keys, input: source)
        let sink = try AgeFiles.Output(path: output)
        do {
            try reader.decrypt(to: sink.handle)
            try sink.commit()
        } catch {
            sink.discard()
            throw error
        }
    }
}
