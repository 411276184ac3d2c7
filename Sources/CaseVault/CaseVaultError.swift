/// Every failure the vault reports to a user.
///
/// Each case has a kind (`ErrorKind`, for a front end to switch over), a
/// message (what went wrong), plain advice (what to do, naming no command,
/// flag or exit code) and, where the user can take a step a front end offers,
/// a `suggestion`. The CLI maps kinds to exit codes and suggestions to its
/// hints in one place (Sources/casevault/ExitCode.swift, CLIHints.swift).
/// Messages name records by table and id, never by their decrypted contents,
/// and never include secrets.
public enum CaseVaultError: Error, Equatable, Sendable {
    /// No vault at the directory.
    case noVault(path: String)
    /// A vault is already at the directory.
    case vaultExists(path: String)
    /// The directory for a new vault is a file, or a directory with files in it.
    case notEmpty(path: String)
    /// The passphrase did not open the vault.
    case wrongPassphrase
    /// The recovery key did not open the vault (it passed its checksum).
    case wrongRecoveryKey
    /// The recovery key has a typo (checksum mismatch) or bad characters.
    case malformedRecoveryKey(reason: String)
    /// A stored record failed authentication: tampered, corrupted or moved.
    case integrity(record: String, detail: String)
    /// Nothing matches what the user named.
    case notFound(what: String, name: String)
    /// An entry with that name exists already.
    case alreadyExists(what: String, name: String)
    /// User input failed validation. `expected` is in plain words;
    /// `suggestion`, when the expected value is a front end's choice (a flag,
    /// a command's output), says which.
    case invalidInput(field: String, reason: String, expected: String, suggestion: Suggestion? = nil)
    /// No passphrase could be obtained (no terminal, no --passphrase-file).
    case passphraseUnavailable(reason: String)
    /// The passphrase was refused at creation (too short, mismatch).
    case weakPassphrase(reason: String)
    /// The vault is in use by another process for longer than the wait bound.
    case busy(seconds: Int)
    /// The keyring could not be used (and no fallback was possible).
    case keyring(reason: String, suggestion: Suggestion)
    /// The vault's format version is newer than this program.
    case unsupportedFormat(found: Int, supported: Int)
    /// File-system failure (permissions, full disk, read-only).
    case io(operation: String, path: String, reason: String)
    /// No unused code is left in an entry.
    case exhausted(label: String)
    /// vault.db is older than the state this computer last saw for it at this
    /// place (put back from an older copy); nothing is shown until accepted.
    case olderThanSeen(found: UInt64, seen: UInt64)
    /// vault.db's rows do not match its state record: a record was put back
    /// to an older version, removed or added outside casevault.
    case recordsChangedOutside
    /// Another process changed the vault's keys (a passphrase change) after
    /// this one unlocked it; nothing was written.
    case keysChangedMeanwhile
    /// The vault directory, or a file or directory in it, is not safe to
    /// use: owned by another user, writable by others, a symbolic link, or
    /// a FIFO, device or socket where a file should be (VaultDirectory).
    /// `fix` says what to do.
    case unsafeVault(path: String, reason: String, fix: Suggestion)

    /// The kind of failure (the CLI's exit code follows from it).
    public var kind: ErrorKind {
        switch self {
        case .io: return .io
        case .unsafeVault: return .unsafeVault
        case .noVault: return .noVault
        case .wrongPassphrase, .wrongRecoveryKey, .malformedRecoveryKey: return .wrongSecret
        case .passphraseUnavailable: return .noSecret
        case .weakPassphrase: return .weakSecret
        case .notFound: return .notFound
        case .exhausted: return .exhausted
        case .integrity: return .integrity
        case .unsupportedFormat: return .unsupportedFormat
        case .olderThanSeen, .recordsChangedOutside: return .rolledBack
        case .invalidInput: return .invalidInput
        case .alreadyExists, .vaultExists, .notEmpty: return .alreadyExists
        case .busy: return .busy
        case .keysChangedMeanwhile: return .changedMeanwhile
        case .keyring: return .keyring
        }
    }

    /// One line saying what went wrong.
    public var message: String {
        switch self {
        case .noVault(let p): return "no vault at \(p)"
        case .vaultExists(let p): return "a vault already exists at \(p); it is never overwritten"
        case .notEmpty(let p): return "\(p) is not a vault but a file or a directory with files in it; nothing was written"
        case .wrongPassphrase: return "wrong passphrase"
        case .wrongRecoveryKey: return "the recovery key does not open this vault"
        case .malformedRecoveryKey(let r): return "the recovery key is not valid: \(r)"
        case .integrity(let rec, let d): return "integrity failure in \(rec): \(d)"
        case .notFound(let w, let n): return "no \(w) named '\(n)'"
        case .alreadyExists(let w, let n): return "\(CaseVaultError.article(w)) \(w) named '\(n)' already exists"
        case .invalidInput(let f, let r, _, _): return "invalid \(f): \(r)"
        case .passphraseUnavailable(let r): return "no passphrase: \(r)"
        case .weakPassphrase(let r): return "passphrase refused: \(r)"
        case .busy(let s): return "the vault is busy: another casevault process held it for more than \(s) s"
        case .keyring(let r, _): return "keyring: \(r)"
        case .unsupportedFormat(let f, let s): return "vault format \(f) is newer than this casevault (supports \(s))"
        case .io(let op, let p, let r): return "cannot \(op) \(p): \(r)"
        case .exhausted(let l): return "no unused codes left in '\(l)'"
        case .olderThanSeen(let f, let s):
            return "this vault is older than the one this computer last saw here (state \(f), last seen \(s)): vault.db was put back from an older copy, so codes used since may look unused"
        case .recordsChangedOutside:
            return "vault.db's records do not match its state record: a record was put back to an older version, removed or added outside casevault, so a used code may look unused"
        case .keysChangedMeanwhile:
            return "the vault's passphrase was changed by another casevault process while this one ran; nothing was changed"
        case .unsafeVault(let p, let r, _): return "refusing to use \(p): \(r)"
        }
    }

    /// The step a front end can offer, when there is one.
    /// "a" or "an" before a noun (the message names a kind of thing).
    static func article(_ noun: String) -> String {
        guard let first = noun.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    public var suggestion: Suggestion? {
        switch self {
        case .noVault: return .createVault
        case .vaultExists: return .chooseAnotherVaultDirectory
        case .notEmpty: return .chooseEmptyVaultDirectory
        case .wrongPassphrase: return .recoverWithRecoveryKey
        case .wrongRecoveryKey: return .checkVaultLocation
        case .malformedRecoveryKey: return .retypeRecoveryKey
        case .integrity: return .restoreBackupAndCheck
        case .notFound(let w, _): return .listExisting(what: w)
        case .invalidInput(_, _, _, let s): return s
        case .passphraseUnavailable: return .providePassphrase
        case .busy: return .waitAndRetry
        case .keyring(_, let s): return s
        case .unsupportedFormat: return .upgrade
        case .exhausted: return .replaceCodes
        case .olderThanSeen: return .acceptOlderOrRestoreNewer
        case .recordsChangedOutside: return .restoreBackupOrAcceptAsIs
        case .keysChangedMeanwhile: return .runAgainWithNewPassphrase
        case .unsafeVault(_, _, let fix): return fix
        case .alreadyExists, .weakPassphrase, .io: return nil
        }
    }

    /// One line saying what to do next, in plain words (no command, flag or
    /// exit code): what any front end can show as it is.
    public var advice: String {
        switch self {
        case .alreadyExists: return "choose another name, or remove the old entry first"
        case .invalidInput(_, _, let e, _): return "expected \(e)"
        case .weakPassphrase: return "use a passphrase of at least 10 characters, for example four or five random words"
        case .io(_, let path, _): return "check that \(path) exists and is readable or writable as needed, and that its disk has free space"
        default: return suggestion?.advice ?? ""
        }
    }
}

extension CaseVaultError {
    /// Whether this is `unsafeVault` (a path to pass on as it is).
    var isUnsafeVault: Bool {
        if case .unsafeVault = self { return true }
        return false
    }
}

extension CaseVaultError: CustomStringConvertible {
    public var description: String { message }
}
