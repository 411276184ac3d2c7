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
            guard let text = wholeFile(table) else { continue }
            if let uid = find(in: text, clientPort: clientPort, serverPort: serverPort) { return uid }
        }
        return nil
    }

    /// A /proc file read to its end. procfs files report a size of 0, and
    /// `String(contentsOfFile:)` stops after one read of about 4 KB (some 27
    /// sockets): with a few dozen connections in TIME_WAIT (any busy minute),
    /// our own client's line was past it and every request was refused.
    static func wholeFile(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
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
