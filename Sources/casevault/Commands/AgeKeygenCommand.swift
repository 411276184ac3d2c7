import AgeKit
import ArgumentParser
import Foundation
import SystemKit

/// `casevault age keygen [--pq] [-o FILE]`
struct AgeKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate an X25519 identity (AGE-SECRET-KEY-1...) and print its recipient (age1...); with --pq, a post-quantum one.",
        discussion: """
            With -o, writes the identity file (mode 0600, never over an existing file) and prints the recipient on standard output. \
            Without -o, writes the identity file to standard output and the recipient to standard error. \
            The file works with `age -d -i` (a --pq identity needs age 1.3 or later). \
            --pq makes a post-quantum identity (AGE-SECRET-KEY-PQ-1..., ML-KEM-768 + X25519) whose recipient is age1pq1... \
            (1,959 characters): files to it stay sealed against a future quantum computer.
            """
    )

    @Flag(name: .customLong("pq"), help: "Generate a post-quantum identity (ML-KEM-768 + X25519; recipient age1pq1...).")
    var postQuantum = false

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the identity to FILE.", valueName: "file"))
    var output: String?

    func run() throws {
        let identity: any AgeSecretKeyIdentity = postQuantum ? try MLKEMX25519Identity.generate() : try X25519Identity.generate()
        let recipient = identity.publicKeyRecipient.encoded
        if let output, output != "-" {
            do {
                try identity.writeFile(to: output)
            } catch let e as SystemError {
                if e.kind == .exists && e.operation == "create" {
                    throw CLIError(message: "\(output) already exists", hint: "choose another path; keygen never overwrites a key file", exit: .alreadyExists)
                }
                throw CLIError.io("cannot \(e.operation == "create" ? "create" : "write") \(output): \(e.plainReason)")
            }
            Output.line(recipient)
        } else {
            try identity.writeFile(to: FileDescriptorOutput(Terminal.standardOutput))
            Output.err("Public key: \(recipient)")
        }
    }
}
