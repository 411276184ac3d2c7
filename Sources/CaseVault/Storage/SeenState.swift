import SystemKit
import Foundation
import SodiumKit

/// The highest state counter this computer has seen for one vault at one
/// location, kept outside the vault directory so that putting back an older
/// vault.db (a sync tool, a restored copy, an attacker with the folder) is
/// noticed: `$XDG_STATE_HOME/casevault/seen/<name>` (else
/// `~/.local/state/casevault/seen/<name>`), 0600 in 0700 directories.
///
/// One file per vault *and* location: `<name>` is a BLAKE2b of the vault id
/// and the vault's absolute path. A copy of a vault kept elsewhere (a backup
/// restored into another folder, a test copy) is its own line of history and
/// is not reported against the original; an older copy put back in the same
/// place is. The file holds JSON with the counter, the vault id and the path
/// (none of them secret). Writing it is best effort: the command's own work
/// is committed by then, and a missing file only means "nothing seen yet".
public struct SeenState: Sendable {
    public let file: String

    public init(vaultID: [UInt8], location: VaultLocation, environment: [String: String] = ProcessInfo.processInfo.environment) {
        file = location.localStateFile(folder: "seen", domain: Array("casevault seen state v1".utf8), vaultID: vaultID, environment: environment)
        self.vaultID = vaultID
        self.path = location.path
    }

    private let vaultID: [UInt8]
    private let path: String

    struct Record: Codable {
        var vault: String
        var path: String
        var counter: UInt64
    }


    /// The counter last recorded, or nil.
    public func counter() -> UInt64? {
        guard let f = try? PosixFile.openForReading(file), let bytes = try? f.read(count: 4096),
              let r = try? JSONDecoder().decode(Record.self, from: Data(bytes)), r.vault == Bytes.hex(vaultID) else { return nil }
        return r.counter
    }

    /// Records `counter` if it is higher than the one recorded (or `force`).
    func record(_ counter: UInt64, force: Bool = false) {
        if !force, let seen = self.counter(), seen >= counter { return }
        try? PrivateDirectory.makeWithParents(PathParts(file).directory)
        guard let json = try? JSONEncoder().encode(Record(vault: Bytes.hex(vaultID), path: path, counter: counter)) else { return }
        // Temporary file, fsync, rename over the old one; a failure leaves
        // the old file (AtomicOutput removes its temporary).
        do {
            let out = try AtomicOutput(path: file, existing: .replace)
            try out.write([UInt8](json))
            try out.commit(durable: true)
        } catch {
            return
        }
    }
}
