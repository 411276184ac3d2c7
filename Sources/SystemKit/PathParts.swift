/// The directory and the last component of a file path, as `dirname` and
/// `basename` give them: `a/b.age` is (`a`, `b.age`), `b.age` is (`.`,
/// `b.age`), `/b` is (`/`, `b`); trailing slashes are ignored.
///
/// Not `NSString.deletingLastPathComponent`: Foundation on Linux (Swift
/// 6.3) traps on a one-character relative path such as `a` or `-`, which
/// made `export -o a`, `doc get … -o a` and `share open --extract d` crash.
public struct PathParts: Equatable, Sendable {
    public let directory: String
    public let name: String

    public init(_ path: String) {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else {
            directory = "."
            name = String(p)
            return
        }
        let dir = p[..<slash], last = p[p.index(after: slash)...]
        directory = dir.isEmpty ? "/" : String(dir)
        name = last.isEmpty ? "/" : String(last)   // the root itself
    }
}
