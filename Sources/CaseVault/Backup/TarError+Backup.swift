/// The one place where the tar layer's errors become backup errors.
///
/// A backup is a tar archive inside an age file; an archive the tar reader
/// refuses (malformed, an unsafe entry, damage over its structure) is a
/// backup that cannot be restored, with the tar layer's detail unchanged.
extension TarError {
    var backupError: ShareError { .badBackup(detail) }

    /// Runs `body`, turning a `TarError` it throws into a backup error.
    static func mappedToBackup<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TarError {
            throw error.backupError
        }
    }
}
