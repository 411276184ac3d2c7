import Foundation
import SodiumKit
import SystemKit

extension AgeSecretKeyIdentity {
    /// The identity file's text as age-keygen writes it: two comment lines
    /// (creation time, public key), then the secret key and a newline.
    /// The comments are ordinary text; the key stays in secure memory.
    public func fileComments(created: Date = Date()) -> String {
        "# created: \(ISO8601DateFormatter().string(from: created))\n# public key: \(publicKeyRecipient.encoded)\n"
    }

    /// The one identity-file writer (`age keygen -o`, `id export -o`):
    /// a new file, mode 0600, never over an existing one (`.exists`),
    /// fsynced; removed again if anything fails. Throws `SystemError`.
    public func writeFile(to path: String) throws {
        let file = try PosixFile.createExclusive(path)
        do {
            try file.write(Array(fileComments().utf8))
            try file.write(secure: try encoded())
            try file.write([0x0A])
            try file.sync()
            try file.close()
        } catch {
            PosixFile.remove(path)
            throw error
        }
    }

    /// Writes the identity file's text to standard output.
    public func writeFile(to output: FileDescriptorOutput) throws {
        try output.write(Array(fileComments().utf8)[...])
        try output.write(secure: try encoded())
        try output.write([0x0A][...])
    }
}
