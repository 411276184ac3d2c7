import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Records which files under some directories are opened or read, through
/// inotify (the kernel reports every open and read of a watched directory's
/// entries, and of the directory itself, whichever process does it).
final class FileAccessWatch {
    private let fd: Int32
    private var directories: [Int32: String] = [:]

    /// Watches each of `directories` (not their subdirectories' contents).
    init(_ directories: [String]) throws {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        for d in directories {
            let wd = inotify_add_watch(fd, d, UInt32(IN_OPEN | IN_ACCESS))
            guard wd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            self.directories[wd] = d
        }
    }

    deinit { close(fd) }

    /// The paths opened or read since the last call (a directory's own path
    /// when it was listed), each once, sorted.
    func drain() -> [String] {
        var seen = Set<String>()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            var off = 0
            while off + MemoryLayout<inotify_event>.size <= n {
                let (wd, nameLength) = buffer.withUnsafeBytes { raw -> (Int32, Int) in
                    let e = raw.loadUnaligned(fromByteOffset: off, as: inotify_event.self)
                    return (e.wd, Int(e.len))
                }
                let nameStart = off + MemoryLayout<inotify_event>.size
                let name = String(decoding: buffer[nameStart..<nameStart + nameLength].prefix { $0 != 0 }, as: UTF8.self)
                if let d = directories[wd] { seen.insert(name.isEmpty ? d : d + "/" + name) }
                off = nameStart + nameLength
            }
        }
        return seen.sorted()
    }
}
