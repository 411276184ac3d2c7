import AgeKit
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        let created = ISO8601DateFormatter().string(from: Date())
        let comments = "# created: \(created)\n# public key: \(recipient)\n"
        let secret = try identity.encoded()
        if let output, output != "-" {
            let fd = open(output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                if errno == EEXIST {
                    throw CLIError(message: "\(output) already exists", hint: "choose another path; keygen never overwrites a key file", exit: .alreadyExists)
                }
                throw CLIError.io("cannot create \(output): \(String(cString: strerror(errno)))")
            }
            let out = FileDescriptorOutput(fd)
            do {
                try out.write(Array(comments.utf8))
                try out.write(secure: secret)
                try out.write([0x0A])
                guard fsync(fd) == 0, close(fd) == 0 else { throw AgeError.io("cannot write \(output): \(String(cString: strerror(errno)))") }
            } catch {
                _ = close(fd)
                unlink(output)
                throw error
            }
            Output.line(recipient)
        } else {
            let out = FileDescriptorOutput(1)
            try out.write(Array(comments.utf8))
            try out.write(secure: secret)
            try out.write([0x0A])
            Output.err("Public key: \(recipient)")
        }
    }
}
