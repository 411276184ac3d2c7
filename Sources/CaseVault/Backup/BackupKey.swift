import SodiumKit

/// How a backup is sealed (docs/backups.md).
public enum BackupKey {
    /// A passphrase chosen for the backup (age scrypt recipient).
    case passphrase(SecureBytesBox)
    /// The vault's recovery key, its printed form used as the age scrypt
    /// passphrase: stock `age -d` opens the backup when the key is typed as
    /// printed, and the same key unlocks the restored vault.
    case recoveryKey(RecoveryKey)
}

/// A SecureBytes wrapper so BackupKey can name it in a public enum.
public struct SecureBytesBox {
    public let bytes: SecureBytes
    public init(_ bytes: SecureBytes) { self.bytes = bytes }
}
