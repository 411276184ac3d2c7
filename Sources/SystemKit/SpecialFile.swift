/// Outputs named with -o that are a device, FIFO or socket (/dev/null,
/// /dev/stdout, a `>(...)` pipe), followed through symlinks.
///
/// Outputs are written under a temporary name and renamed into place.
/// Renamed over one of these, the file would replace the device node (as
/// root: /dev/null becomes a file of plaintext) or fail with a misleading
/// "permission denied" (otherwise); written into it, a failure would leave
/// partial output. Commands refuse them and point to standard output
/// (`doc get` in DocumentStore+Read; the CLI's own outputs).
public enum SpecialFile {
    /// Why such an output is refused, for the commands' error messages.
    public static let refusal = "not a regular file (a device, FIFO or socket); nothing was written"

    public static func isSpecial(_ path: String) -> Bool {
        guard let st = FileStatus.of(path: path) else { return false }
        return st.type != .regular && st.type != .directory
    }
}
