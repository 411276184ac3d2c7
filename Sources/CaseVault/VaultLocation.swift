import Foundation

/// Where a vault lives and which files make it up.
public struct VaultLocation: Sendable, Equatable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    /// The directory to use: `explicit` (--vault), else $CASEVAULT_DIR, else
    /// $XDG_DATA_HOME/casevault, else ~/.local/share/casevault.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> VaultLocation {
        if let e = explicit, !e.isEmpty { return .init(directory: URL(fileURLWithPath: expand(e, environment))) }
        if let d = environment["CASEVAULT_DIR"], !d.isEmpty { return .init(directory: URL(fileURLWithPath: expand(d, environment))) }
        if let x = environment["XDG_DATA_HOME"], x.hasPrefix("/") {
            return .init(directory: URL(fileURLWithPath: x).appendingPathComponent("casevault"))
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return .init(directory: URL(fileURLWithPath: home).appendingPathComponent(".local/share/casevault"))
    }

    private static func expand(_ p: String, _ env: [String: String]) -> String {
        if p == "~" || p.hasPrefix("~/"), let home = env["HOME"] { return home + p.dropFirst() }
        return p
    }

    /// Codes, identifiers, key slots.
    public var database: URL { directory.appendingPathComponent("vault.db") }
    /// Document index (separate file, separate key).
    public var documentsDatabase: URL { directory.appendingPathComponent("documents.db") }
    /// Document ciphertexts.
    public var documentsDirectory: URL { directory.appendingPathComponent("documents") }

    public var path: String { directory.path }
}
