import AgeKit
import CaseVault
import Foundation
import SystemKit

/// Input and output files for the age commands: standard streams when no
/// path is given, and outputs written through SystemKit's AtomicOutput (a
/// temporary file beside the target that replaces it only on success), so a
/// failure leaves no partial file.
enum AgeFiles {
    /// Opens the input (standard input for nil or "-").
    static func openInput(_ path: String?) throws -> FileDescriptorInput {
        guard let path, path != "-" else { return FileDescriptorInput(Terminal.standardInput) }
        do {
            return FileDescriptorInput(file: try PosixFile.openAnyForReading(path))
        } catch let e as SystemError {
            throw CLIError.io("cannot open \(path): \(e.plainReason)")
        }
    }

    /// Nothing to do: an opened input closes when it is dropped (kept so the
    /// commands say where they are done with it).
    static func close(_ input: FileDescriptorInput) {}

    /// An output being written; `commit` moves it into place.
    final class Output {
        let handle: AgeOutput
        private let target: String?
        private let file: AtomicOutput?

        init(path: String?) throws {
            guard let path, path != "-" else {
                target = nil; file = nil
                handle = FileDescriptorOutput(Terminal.standardOutput)
                return
            }
            if SpecialFile.isSpecial(path) {
                throw CLIError(message: "\(path) is \(SpecialFile.refusal)",
                                  hint: "leave out -o (or pass -o -) and redirect standard output", exit: .invalidInput)
            }
            do {
                file = try AtomicOutput(path: path, existing: .replace)
            } catch let e as SystemError {
                throw CLIError.io("cannot create a file next to \(path): \(e.plainReason)")
            }
            target = path
            handle = Sink(file!)
        }

        var isTerminal: Bool { target == nil && Terminal.isTerminal(Terminal.standardOutput) }

        /// Closes and renames into place. No fsync, as age does: the output
        /// is a copy whose source still exists, and the rename alone already
        /// guarantees readers see either no file or the whole one.
        func commit() throws {
            guard let target, let file else { return }
            do {
                try file.commit(durable: false)
            } catch let e as SystemError {
                throw CLIError.io("cannot write \(target): \(e.plainReason)")
            }
        }

        /// Removes the partial output.
        func discard() {
            file?.discard()
        }
    }

    /// The output as age writes it: a failed write is age's i/o error.
    private final class Sink: AgeOutput {
        let file: AtomicOutput
        init(_ file: AtomicOutput) { self.file = file }
        func write(_ bytes: ArraySlice<UInt8>) throws {
            do { try file.write(bytes) } catch let e as SystemError { throw AgeError.io("write failed: \(e.plainReason)") }
        }
    }
}
