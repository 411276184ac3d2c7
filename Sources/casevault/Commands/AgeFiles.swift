import AgeKit
import CaseVault
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Input and output files for the age commands: standard streams when no
/// path is given, and outputs written to a temporary file beside the target
/// that replaces it only on success, so a failure leaves no partial file.
enum AgeFiles {
    /// Opens the input (standard input for nil or "-").
    static func openInput(_ path: String?) throws -> FileDescriptorInput {
        guard let path, path != "-" else { return FileDescriptorInput(0) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CLIError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        return FileDescriptorInput(fd)
    }

    static func close(_ input: FileDescriptorInput) {
        if input.fileDescriptor > 2 { _ = Glibc.close(input.fileDescriptor) }
    }

    /// An output being written; `commit` moves it into place.
    final class Output {
        let handle: FileDescriptorOutput
        private let target: String?
        private let temporary: String?
        private var finished = false

        init(path: String?) throws {
            guard let path, path != "-" else {
                target = nil; temporary = nil
                handle = FileDescriptorOutput(1)
                return
            }
            if SpecialFile.isSpecial(path) {
                throw CLIError(message: "\(path) is \(SpecialFile.refusal)",
                                  hint: "leave out -o (or pass -o -) and redirect standard output", exit: .invalidInput)
            }
            let url = URL(fileURLWithPath: path)
            var template = Array(url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).casevault-XXXXXX").path.utf8CString)
            // mkstemp creates the file 0600 with O_EXCL.
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { throw CLIError.io("cannot create a file next to \(path): \(String(cString: strerror(errno)))") }
            target = path
            temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            handle = FileDescriptorOutput(fd)
        }

        var isTerminal: Bool { target == nil && isatty(1) == 1 }

        /// Closes and renames into place. No fsync, as age does: the output
        /// is a copy whose source still exists, and the rename alone already
        /// guarantees readers see either no file or the whole one.
        func commit() throws {
            finished = true
            guard let target, let temporary else { return }
            if Glibc.close(handle.fileDescriptor) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw CLIError.io("cannot write \(target): \(reason)")
            }
            guard rename(temporary, target) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw CLIError.io("cannot write \(target): \(reason)")
            }
        }

        /// Removes the partial output.
        func discard() {
            guard !finished, let temporary else { return }
            finished = true
            _ = Glibc.close(handle.fileDescriptor)
            unlink(temporary)
        }

        deinit { discard() }
    }
}
