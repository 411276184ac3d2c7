/// What kind of failure a library error is, for any front end to switch over.
///
/// Every error the vault library throws (`CaseVaultError`, `ShareError`)
/// has one kind. A front end picks its own presentation per kind: the CLI
/// maps kinds to its documented exit codes (Sources/casevault/ExitCode.swift),
/// a web page to a status and a message box. The library itself never names
/// an exit code or a command. (AgeKit's `AgeError.Kind` is the same idea for
/// the age format alone.)
public enum ErrorKind: String, CaseIterable, Sendable {
    /// Reading or writing a file failed (permissions, full disk, read-only).
    case io
    /// The vault directory, or an entry in it, is not safe to use (another
    /// owner, writable by others, a link, a FIFO or device).
    case unsafeVault
    /// No vault where one was expected.
    case noVault
    /// A passphrase or recovery key did not open the vault, or is mistyped.
    case wrongSecret
    /// No passphrase could be obtained.
    case noSecret
    /// A new passphrase was refused (too short, the two did not match).
    case weakSecret
    /// Nothing matches what the user named (or no identity to open with).
    case notFound
    /// No unused code left in an entry.
    case exhausted
    /// A record, key slot, file or signature failed authentication.
    case integrity
    /// Outside data is not in the format it claims (a share, a backup).
    case malformed
    /// A share is signed by another key than the one trusted for its sender.
    case untrustedSigner
    /// The vault was put back to an older state, or records were changed
    /// outside the library (the state record does not match).
    case rolledBack
    /// The vault's format is newer than this library.
    case unsupportedFormat
    /// A value given by the user is not valid.
    case invalidInput
    /// The name, file or vault exists already.
    case alreadyExists
    /// Another process holds the vault.
    case busy
    /// Another process changed the vault's keys while this one ran.
    case changedMeanwhile
    /// The keyring could not be used (and no fallback was possible).
    case keyring
    /// The work was done but left out damaged items (backup, restore).
    case incomplete
}
