import ArgumentParser
import ShamirKit
import SodiumKit
import SystemKit

/// `casevault shamir`: SLIP-0039 word shares on their own, for any secret.
///
/// Plumbing, like `casevault age`: these commands never open the vault. Their
/// `--passphrase-file` is the SLIP-0039 passphrase, not the vault's.
struct ShamirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shamir",
        abstract: "Split a secret into SLIP-0039 word shares, or combine shares (never opens the vault).",
        discussion: """
            Shares work both ways with other SLIP-0039 tools (Trezor, the reference `shamir-mnemonic`). \
            Secrets and shares go through standard input and output only, never the command line.
            """,
        subcommands: [ShamirSplitCommand.self, ShamirCombineCommand.self]
    )
}

/// `casevault shamir split --threshold K --shares N ...`: hex on stdin, one share per line on stdout.
struct ShamirSplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Read a master secret in hex on standard input; print SLIP-0039 shares, one per line.",
        discussion: """
            The secret is 16 to 32 bytes (32 to 64 hex digits, an even number of bytes). Any K of the N shares \
            give it back. With --group (repeatable) the shares come in groups, printed one group after another \
            with an empty line between them, and --group-threshold of the groups must each be complete.
            """
    )

    @Option(name: .customLong("threshold"), help: ArgumentHelp("How many shares give the secret back.", valueName: "k"))
    var threshold: Int?

    @Option(name: .customLong("shares"), help: ArgumentHelp("How many shares to make (at most 16).", valueName: "n"))
    var shares: Int?

    @Option(name: .customLong("group"), help: ArgumentHelp("A group of shares, K of N (repeatable; instead of --threshold/--shares).", valueName: "k/n"))
    var groups: [String] = []

    @Option(name: .customLong("group-threshold"), help: ArgumentHelp("How many groups must be complete (with --group).", valueName: "g"))
    var groupThreshold: Int?

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp("The SLIP-0039 passphrase on the first line of FILE (printable ASCII).", valueName: "file"))
    var passphraseFile: String?

    @Option(name: .customLong("iteration-exponent"), help: ArgumentHelp("Passphrase work: 10000 << E PBKDF2 iterations in all (0-15).", valueName: "e"))
    var iterationExponent: Int = 1

    @Flag(name: .customLong("no-extendable"), help: "Make shares without the extendable-backup flag (for older SLIP-0039 tools).")
    var notExtendable = false

    func parsedGroups() throws -> (Int, [Slip39.Group]) {
        if groups.isEmpty {
            guard let threshold, let shares else {
                throw CLIError.usage("give --threshold K and --shares N (or --group K/N ...)", hint: "for example: casevault shamir split --threshold 2 --shares 3")
            }
            if groupThreshold != nil { throw CLIError.usage("--group-threshold goes with --group", hint: "add --group K/N for each group") }
            return (1, [Slip39.Group(threshold: threshold, count: shares)])
        }
        if threshold != nil || shares != nil {
            throw CLIError.usage("--threshold and --shares do not go with --group", hint: "give each group as --group K/N")
        }
        let parsed = try groups.map { text -> Slip39.Group in
            let parts = text.split(separator: "/")
            guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
                throw CLIError.usage("--group \(text) is not K/N", hint: "for example --group 2/3")
            }
            return Slip39.Group(threshold: k, count: n)
        }
        return (groupThreshold ?? 1, parsed)
    }

    func run() throws {
        let (groupThreshold, groups) = try parsedGroups()
        if passphraseFile == "-" {
            throw CLIError.usage("standard input carries the secret", hint: "put the passphrase in a file for --passphrase-file")
        }
        let passphrase = try passphraseFile.map { try SecretInput.readFirstLine(path: $0) } ?? SecureBytes(count: 0)
        let line: SecureBytes
        do {
            line = try SecretInput.readLine(fileDescriptor: 0, maxLength: 1024)
        } catch SecretInput.Failure.empty {
            throw CLIError(message: "no secret on standard input", hint: "pipe the master secret in hex: 32 to 64 hex digits", exit: .invalidInput)
        }
        guard let secret = try SecureBytes.fromHex(line) else {
            throw CLIError(message: "the secret on standard input is not hex", hint: "give an even number of hex digits (0-9, a-f), 32 to 64 of them",
                           exit: .invalidInput)
        }
        let made = try Slip39.split(masterSecret: secret, groupThreshold: groupThreshold, groups: groups, passphrase: passphrase,
                                    extendable: !notExtendable, iterationExponent: iterationExponent)
        var out = Output.Buffer()
        for (i, group) in made.enumerated() {
            if i > 0 { out.line("") }
            for share in group { out.line(try share.mnemonic().revealUTF8()) }
        }
        out.flush()
    }
}

/// `casevault shamir combine`: shares on stdin, one per line; the master secret in hex on stdout.
struct ShamirCombineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "combine",
        abstract: "Read SLIP-0039 shares on standard input, one per line; print the master secret in hex.",
        discussion: """
            Empty lines are skipped. Each share is checked as it comes (its checksum, that it belongs to the \
            same set, a repeated share), then the combination is checked against the shares' digest. A wrong \
            passphrase cannot be detected: SLIP-0039 then gives another secret, by design.
            """
    )

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp("The SLIP-0039 passphrase on the first line of FILE.", valueName: "file"))
    var passphraseFile: String?

    /// Standard input large enough for 16 groups of 16 shares of 33 words.
    static let maxInput = 256 * 1024

    func run() throws {
        if passphraseFile == "-" {
            throw CLIError.usage("standard input carries the shares", hint: "put the passphrase in a file for --passphrase-file")
        }
        let passphrase = try passphraseFile.map { try SecretInput.readFirstLine(path: $0) } ?? SecureBytes(count: 0)
        guard let input = try SecretInput.readWholeFile(path: "-", maxSize: Self.maxInput) else {
            throw CLIError(message: "standard input is longer than \(Self.maxInput) bytes", hint: "give the shares only, one per line", exit: .invalidInput)
        }
        let lines = try ShareLines.split(input)
        let secret = try Slip39.combine(lines, passphrase: passphrase)
        Output.line(try secret.hexText().revealUTF8())
    }
}
