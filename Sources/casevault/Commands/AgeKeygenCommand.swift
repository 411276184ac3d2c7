import AgeKit
import ArgumentParser
import Foundation
import SystemKit

/// `casevault age keygen [-o FILE]`
struct AgeKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate an X25519 identity (AGE-SECRET-KEY-1...) and print its recipient (age1...).",
        discussion: """
            With -o, writes the identity file (mode 0600, never over an existing file) and prints the recipient on standard output. \
            Without -o, writes the identity file to standard output and the recipient to standard error. \
            The file works with `age -d -i`.
            """
    )

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the identity to FILE.", valueName: "file"))
    var output: String?

    func run() throws {
        let identity = try X25519Identity.generate()
        let recipient = identity.recipient.encoded
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
