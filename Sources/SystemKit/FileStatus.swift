#if canImport(Glibc)
import Glibc
#endif

/// What fstat/lstat said about a file, without the C struct.
public struct FileStatus: Sendable, Equatable {
    public enum FileType: Sendable, Equatable {
        case regular, directory, symbolicLink, fifo, characterDevice, blockDevice, socket, unknown
    }

    public let type: FileType
    /// Owner's user id.
    public let owner: UInt32
    /// Permission bits (mode & 0o7777).
    public let permissions: UInt32
    public let size: Int64
    public let device: UInt64
    public let inode: UInt64
    /// Hard links to it.
    public let links: UInt64

    init(_ st: stat) {
        switch st.st_mode & S_IFMT {
        case S_IFREG: type = .regular
        case S_IFDIR: type = .directory
        case S_IFLNK: type = .symbolicLink
        case S_IFIFO: type = .fifo
        case S_IFCHR: type = .characterDevice
        case S_IFBLK: type = .blockDevice
        case S_IFSOCK: type = .socket
        default: type = .unknown
        }
        owner = UInt32(st.st_uid)
        permissions = UInt32(st.st_mode & 0o7777)
        size = Int64(st.st_size)
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        links = UInt64(st.st_nlink)
    }

    /// Whether `other` is the very same file (device and inode).
    public func isSameFile(as other: FileStatus) -> Bool {
        device == other.device && inode == other.inode
    }

    /// Owned by the effective user or by root (whom nothing stops anyway).
    public var isOwnedByUserOrRoot: Bool { owner == SystemUser.effectiveID || owner == 0 }

    /// Group or others may write.
    public var isWritableByOthers: Bool { permissions & UInt32(S_IWGRP | S_IWOTH) != 0 }

    /// "0755".
    public var octalPermissions: String { "0" + String(permissions, radix: 8) }

    /// "a FIFO or pipe", "a device", ... for a file that is not regular
    /// (a user's input given by path).
    public var kindForInput: String {
        switch type {
        case .fifo: return "a FIFO or pipe"
        case .characterDevice, .blockDevice: return "a device"
        case .socket: return "a socket"
        case .directory: return "a directory"
        case .symbolicLink: return "a symbolic link"
        default: return "a special file"
        }
    }

    /// lstat of `path` (a link is described, not followed); nil if missing.
    public static func of(linkAt path: String) -> FileStatus? {
        var st = stat()
        return lstat(path, &st) == 0 ? FileStatus(st) : nil
    }

    /// stat of `path`, following links; nil if missing.
    public static func of(path: String) -> FileStatus? {
        var st = stat()
        return stat(path, &st) == 0 ? FileStatus(st) : nil
    }

    /// fstat of an open descriptor (standard output, say).
    public static func of(descriptor fd: Int32) -> FileStatus? {
        var st = stat()
        return fstat(fd, &st) == 0 ? FileStatus(st) : nil
    }
}
