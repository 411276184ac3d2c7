/// The one place where the tar layer's errors become share errors.
///
/// A share is a tar archive, so an archive the tar reader refuses is a share
/// that is not valid (or that holds an unsafe entry); the detail is the tar
/// layer's, unchanged.
extension ShareError {
    init(_ tar: TarError) {
        switch tar.kind {
        case .unsafeEntry: self = .unsafeEntry(tar.detail)
        case .malformed, .damagedStructure, .wrongSize: self = .malformed(tar.detail)
        }
    }

    /// Runs `body`, turning a `TarError` it throws into a `ShareError`.
    static func mappingTar<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TarError {
            throw ShareError(error)
        }
    }
}
