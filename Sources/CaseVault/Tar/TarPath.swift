/// Checks the path of a tar entry before anything is written for it.
///
/// A tar file from someone else can name `../../.bashrc`, `/etc/passwd`,
/// `C:\Windows\…` or `dir/../../x`: extracting it as-is would write outside
/// the target directory. The reader therefore refuses, rather than rewrites,
/// any path that is absolute, has a `..` component, a backslash, a drive
/// letter, a NUL or another control character, or is empty; `.` components
/// and repeated slashes are dropped. What remains are plain components that
/// stay inside the directory they are joined to, and each must be a
/// `PortableFileName` (no bidi control, invisible character, leading dot,
/// Windows device name...): the name a sender chooses is written to disk as
/// it is, on whatever system the receiver uses.
package enum TarPath {
    package static func components(_ raw: [UInt8]) throws -> [String] {
        guard let path = String(bytes: raw, encoding: .utf8) else { throw TarError.unsafeEntry("a name that is not UTF-8") }
        let shown = String(path.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : Character($0) }.prefix(120))
        guard !path.isEmpty else { throw TarError.unsafeEntry("an entry with an empty name") }
        guard !path.hasPrefix("/") else { throw TarError.unsafeEntry("absolute path '\(shown)'") }
        guard !path.contains("\\") else { throw TarError.unsafeEntry("backslash in '\(shown)'") }
        guard path.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) else {
            throw TarError.unsafeEntry("control character in '\(shown)'")
        }
        var out: [String] = []
        for c in path.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            guard c != ".." else { throw TarError.unsafeEntry("'..' in '\(shown)'") }
            if out.isEmpty, c.count >= 2, c.dropFirst().first == ":" { throw TarError.unsafeEntry("drive letter in '\(shown)'") }
            // Not echoed: the name is what is refused (a bidi control in it
            // would reorder the message itself).
            if let problem = PortableFileName.problem(String(c)) {
                throw TarError.unsafeEntry("a name in the archive is not a safe file name: \(problem)")
            }
            out.append(String(c))
        }
        guard !out.isEmpty else { throw TarError.unsafeEntry("an entry with an empty name") }
        return out
    }
}
