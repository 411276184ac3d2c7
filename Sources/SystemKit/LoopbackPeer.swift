import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which local user owns the other end of a loopback TCP connection.
///
/// Linux lists every TCP socket in /proc/net/tcp and /proc/net/tcp6 with its
/// owner's uid. A connection from 127.0.0.1:C to our 127.0.0.1:S appears
/// there as the client's socket, local port C and remote port S, owned by
/// the user whose process connected. The app serves only its own user: a
/// connection owned by anyone else gets nothing (not even the how-to-open
/// page), whatever it sends.
public enum LoopbackPeer {
    /// This process's user.
    public static var currentUser: UInt32 { getuid() }

    /// The uid owning the socket whose local port is `clientPort` and remote
    /// port is `serverPort`; nil when no such socket is listed (it closed).
    public static func owner(clientPort: Int, serverPort: Int) -> UInt32? {
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = readWhole(table) else { continue }
            if let uid = find(in: text, clientPort: clientPort, serverPort: serverPort) { return uid }
        }
        return nil
    }

    /// A /proc table read to its end. Not `String(contentsOfFile:)`: /proc
    /// files report a size of 0 and hand out about a page per read, and
    /// Foundation stops after the first read, so with more than a few dozen
    /// sockets on the machine the client's line was missed and the user's
    /// own browser got the empty 403.
    static func readWhole(_ path: String) -> String? {
        guard let file = try? PosixFile.openAnyForReading(path) else { return nil }
        defer { try? file.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            guard let n = try? file.readSome(into: &chunk, offset: 0, maxCount: chunk.count) else { return nil }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses one table: `sl local_address rem_address st tx:rx tr:when retrnsmt uid ...`,
    /// addresses as HEXIP:HEXPORT.
    static func find(in table: String, clientPort: Int, serverPort: Int) -> UInt32? {
        for line in table.split(separator: "\n").dropFirst() {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count > 7,
                  let local = f[1].split(separator: ":").last, let remote = f[2].split(separator: ":").last,
                  Int(local, radix: 16) == clientPort, Int(remote, radix: 16) == serverPort else { continue }
            return UInt32(f[7])
        }
        return nil
    }
}
