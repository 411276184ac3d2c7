/// Why the tar reader or writer refused an archive, by kind.
///
/// The tar code serves two formats (shares and backups), so it names no
/// format: each caller maps these kinds to its own errors in one place
/// (`ShareError(_: TarError)` in Shares/, `TarError.backupError` in Backup/).
/// `detail` says what is wrong in words any front end can show; it never
/// quotes file contents, and names from the archive appear only with their
/// control characters replaced (TarPath).
public struct TarError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The archive breaks the format: a bad checksum, number or pax record,
        /// cut short, data after the end marker.
        case malformed
        /// An entry that could write outside the target or is not plain data:
        /// an absolute or `..` path, an unportable name, a link, a device.
        case unsafeEntry
        /// A damaged chunk of the stream (marked by its source) lies over a
        /// header: nothing after it can be placed.
        case damagedStructure
        /// The writer was given more or fewer bytes than an entry declared.
        case wrongSize
    }

    public let kind: Kind
    public let detail: String

    package init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    static func malformed(_ detail: String) -> TarError { TarError(.malformed, detail) }
    static func unsafeEntry(_ detail: String) -> TarError { TarError(.unsafeEntry, detail) }

    public var description: String { detail }
}
