import SystemKit

extension CaseVaultError {
    /// The one mapping from SystemKit's errors to the vault library's:
    /// something already there is `alreadyExists` (a file is never
    /// replaced), a FIFO, device or directory given as an input file is
    /// `invalidInput`, anything else `io` with errno's text (a full disk in
    /// words). A lock not free in time is `busy`, mapped by DocumentLock,
    /// which knows the bound.
    public init(_ e: SystemError) {
        switch e.kind {
        case .exists where e.operation == "create":
            self = .alreadyExists(what: "file", name: e.path)
        case .notRegularFile where e.operation == "open" && e.code == 0:
            self = .invalidInput(field: "file \(e.path)", reason: e.reason,
                                 expected: "a path to a regular file (save the output of a pipe to a file first)")
        default:
            self = .io(operation: e.operation, path: e.path, reason: e.reason)
        }
    }

    /// Runs `body`, turning a SystemError it throws into the CaseVaultError
    /// for it (at the library's entry points that read or write files).
    static func mappingSystemErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as SystemError {
            throw CaseVaultError(e)
        }
    }
}
