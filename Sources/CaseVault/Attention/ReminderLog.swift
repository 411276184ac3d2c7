import Foundation
import SodiumKit
import SystemKit

/// Which reminders this computer already sent for one vault, so a daily run
/// notifies once per stage (a code list running low, a document crossing
/// 180, 90, 30 or 7 days, or expiring), not every day.
///
/// `$XDG_STATE_HOME/casevault/remind/<name>` (else under
/// `~/.local/state`), 0600 in 0700 directories, `<name>` as for
/// `SeenState`. It holds no names: each entry is a keyed BLAKE2b-128 of
/// `AttentionItem.stageKey` under a key derived from the vault's records
/// subkey, so without the vault's key the file tells only how many stages
/// were notified, not which labels, documents or sites they are (a plain
/// hash of a label such as `login.gov` could be guessed). A passphrase
/// change rotates that key: the next run then notifies once more.
/// Losing the file only means one more notification.
public struct ReminderLog: Sendable {
    public let file: String
    private let markKey: SecureBytes

    public init(vault: Vault, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        file = vault.location.localStateFile(folder: "remind", domain: Array("casevault remind state v1".utf8), vaultID: vault.vaultID, environment: environment)
        let records = try vault.subkey(for: .records)
        markKey = try BLAKE2b.keyedHash(length: 32, key: records.secureBytes, message: Array("casevault remind marks v1".utf8))
    }

    /// The mark of one item's stage (hex, 32 characters).
    public func mark(_ item: AttentionItem) throws -> String {
        Bytes.hex(try BLAKE2b.keyedHash(length: 16, key: markKey, message: Array(item.stageKey.utf8)).withUnsafeBytes { Array($0) })
    }

    /// The marks recorded by the last run (empty when there is no file or it is unreadable).
    public func sent() -> Set<String> {
        guard let f = try? PosixFile.openForReading(file), let bytes = try? f.read(count: 1 << 20),
              let text = String(bytes: bytes, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init).filter { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }

    /// Replaces the recorded marks with `marks` (temporary file, fsync, rename).
    /// Marks of items no longer due are dropped, so an item that comes back
    /// (a code list low again after a replace) is notified again.
    public func record(_ marks: Set<String>) throws {
        do {
            try PrivateDirectory.makeWithParents(PathParts(file).directory)
            let out = try AtomicOutput(path: file, existing: .replace)
            try out.write(Array(marks.sorted().map { $0 + "\n" }.joined().utf8))
            try out.commit(durable: true)
        } catch let e as SystemError {
            throw CaseVaultError(e)
        }
    }
}
