import Foundation
import SodiumKit
import SystemKit

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
        return .init(directory: URL(fileURLWithPath: home(environment)).appendingPathComponent(".local/share/casevault"))
    }

    private static func expand(_ p: String, _ env: [String: String]) -> String {
        if p == "~" || p.hasPrefix("~/") { return home(env) + p.dropFirst() }
        return p
    }

    /// $HOME if it is an absolute path, else the account's home directory
    /// from the password database. An empty or relative $HOME (a broken
    /// service environment) must not put the vault under whatever folder
    /// the command happens to run in.
    static func home(_ env: [String: String]) -> String {
        if let h = env["HOME"], h.hasPrefix("/") { return h }
        if let path = SystemUser.homeDirectory, path.hasPrefix("/") { return path }
        return "/"
    }

    /// A file of this computer's own state about the vault at this place,
    /// kept outside the vault: `$XDG_STATE_HOME/casevault/FOLDER/NAME` (else
    /// under `~/.local/state`), NAME a BLAKE2b of `domain`, the vault id and
    /// this path, so a copy of the vault elsewhere has its own file and the
    /// name tells nothing of the vault's folder.
    func localStateFile(folder: String, domain: [UInt8], vaultID: [UInt8], environment: [String: String]) -> String {
        let name = Bytes.hex(BLAKE2b.hash(length: 16, domain + vaultID + Array(path.utf8)))
        let base: String
        if let x = environment["XDG_STATE_HOME"], x.hasPrefix("/") { base = x } else { base = Self.home(environment) + "/.local/state" }
        return base + "/casevault/" + folder + "/" + name
    }

    /// Codes, identifiers, key slots.
    public var database: URL { directory.appendingPathComponent("vault.db") }
    /// Document index (separate file, separate key).
    public var documentsDatabase: URL { directory.appendingPathComponent("documents.db") }
    /// Document ciphertexts.
    public var documentsDirectory: URL { directory.appendingPathComponent("documents") }

    public var path: String { directory.path }
}
