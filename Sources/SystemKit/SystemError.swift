#if canImport(Glibc)
import Glibc
#endif

/// A failed system call, as the layers above see it: what was being done
/// (`operation`: "open", "create", "write", "sync", "rename", "lock" ...),
/// to which path, errno's text (`reason`) and a `kind` to act on.
///
/// SystemKit knows nothing of CaseVault: the vault library maps this to its
/// own error in one function (CaseVaultError+System.swift), AgeKit to
/// `AgeError.io`. No secret is ever part of one (paths and errno only).
public struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// ENOENT: nothing at the path.
        case notFound
        /// EACCES, EPERM.
        case permission
        /// ENOSPC, EDQUOT, EFBIG: the disk is full or a file size limit was reached.
        case noSpace
        /// EROFS.
        case readOnly
        /// EEXIST, ENOTEMPTY: something is already there (never replaced).
        case exists
        /// EWOULDBLOCK, EBUSY, or a lock not free within its bound.
        case busy
        /// A FIFO, device, socket or directory where a regular file was needed
        /// (nothing was read from or written to it).
        case notRegularFile
        /// ELOOP: a symbolic link where none is followed.
        case symbolicLink
        /// ENOTDIR.
        case notDirectory
        /// Anything else (errno's text says what).
        case other
    }

    public let kind: Kind
    public let operation: String
    public let path: String
    public let reason: String
    /// errno, or 0 when the refusal came from a check rather than a call.
    public let code: Int32

    public init(kind: Kind, operation: String, path: String, reason: String, code: Int32 = 0) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.reason = reason
        self.code = code
    }

    /// The error for errno `code` from `operation` on `path`.
    public init(errno code: Int32, _ operation: String, _ path: String) {
        self.init(kind: Self.kind(of: code), operation: operation, path: path, reason: Self.text(code), code: code)
    }

    /// ENOENT's error, for a file found missing by a check rather than a call.
    public static func missing(_ operation: String, _ path: String) -> SystemError {
        SystemError(errno: ENOENT, operation, path)
    }

    /// EEXIST's error, for a name found taken by a check rather than a call.
    public static func taken(_ operation: String, _ path: String) -> SystemError {
        SystemError(errno: EEXIST, operation, path)
    }

    /// The error for the current errno.
    static func last(_ operation: String, _ path: String) -> SystemError {
        SystemError(errno: errno, operation, path)
    }

    /// The same failure told about another path (an output's final name
    /// rather than its temporary one).
    public func at(_ path: String) -> SystemError {
        SystemError(kind: kind, operation: operation, path: path, reason: reason, code: code)
    }

    /// "cannot write /x/y: the disk is full (or a file size limit was reached)".
    public var description: String { "cannot \(operation) \(path): \(reason)" }

    /// errno's text; a full disk in words a user acts on.
    public static func text(_ code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT, EFBIG: return "the disk is full (or a file size limit was reached)"
        default: return String(cString: strerror(code))
        }
    }

    /// strerror's text as age prints it (no rewording of a full disk), or
    /// `reason` for a refusal that came from a check.
    public var plainReason: String { code != 0 ? Self.plainText(code) : reason }

    /// strerror, without the full-disk rewording.
    public static func plainText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func kind(of code: Int32) -> Kind {
        switch code {
        case ENOENT: return .notFound
        case EACCES, EPERM: return .permission
        case ENOSPC, EDQUOT, EFBIG: return .noSpace
        case EROFS: return .readOnly
        case EEXIST, ENOTEMPTY: return .exists
        case EWOULDBLOCK, EBUSY: return .busy
        case ELOOP: return .symbolicLink
        case ENOTDIR: return .notDirectory
        case EISDIR, ENXIO: return .notRegularFile  // ENXIO: a FIFO without reader opened to write
        default: return .other
        }
    }
}
