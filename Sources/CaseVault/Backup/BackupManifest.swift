import Foundation

/// `casevault-backup/backup.json`, the last entry of a backup: what the
/// backup holds and the BLAKE2b-256 of every other entry. It comes last
/// because only at the end is it known which documents were copied intact
/// (a document removed while the backup ran, or found damaged, is left out).
struct BackupManifest: Codable {
    static let currentFormat = "casevault-backup/1"
    static let directory = "casevault-backup"
    static let manifestPath = "casevault-backup/backup.json"
    static let vaultDump = "casevault-backup/vault.json"
    static let documentsDump = "casevault-backup/documents.json"
    static let documentsPrefix = "casevault-backup/documents/"
    static let inboxPrefix = "casevault-backup/inbox/"

    struct Entry: Codable, Equatable {
        var path: String
        var size: Int64
        var blake2b: String
    }

    var format: String
    var vaultID: String
    var created: Date
    var entries: [Entry]
    /// Damaged items the backup left out (no labels). Absent when none, and
    /// in backups made before it existed (older readers ignore it).
    var omitted: [BackupOmission]?

    /// (`Data` as base64 is JSONEncoder's default.)
    static let encoder = VaultJSON.encoder(VaultJSON.compact)
    static let decoder = VaultJSON.decoder()
}

