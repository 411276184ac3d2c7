/// Every failure the vault reports to a user.
///
/// Each case has a message (what went wrong), a hint (what to do) and a
/// documented process exit code (docs/cli.md). Messages name records by table
/// and id, never by their decrypted contents, and never include secrets.
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
    /// User input failed validation.
    case invalidInput(field: String, reason: String, expected: String)
    /// No passphrase could be obtained (no terminal, no --passphrase-file).
    case passphraseUnavailable(reason: String)
    /// The passphrase was refused at creation (too short, mismatch).
    case weakPassphrase(reason: String)
    /// The vault is in use by another process for longer than the wait bound.
    case busy(seconds: Int)
    /// The keyring could not be used (and no fallback was possible).
    case keyring(reason: String, hint: String)
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
    case unsafeVault(path: String, reason: String, fix: String)

    /// Documented exit status for this error (see docs/cli.md).
    public var exitCode: Int32 {
        switch self {
        case .io, .unsafeVault: return 1
        case .noVault: return 3
        case .wrongPassphrase, .wrongRecoveryKey, .malformedRecoveryKey, .passphraseUnavailable, .weakPassphrase: return 4
        case .notFound, .exhausted: return 5
        case .integrity, .unsupportedFormat, .olderThanSeen, .recordsChangedOutside: return 6
        case .invalidInput: return 7
        case .alreadyExists, .vaultExists, .notEmpty: return 8
        case .busy, .keysChangedMeanwhile: return 9
        case .keyring: return 10
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
        case .alreadyExists(let w, let n): return "a \(w) named '\(n)' already exists"
        case .invalidInput(let f, let r, _): return "invalid \(f): \(r)"
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

    /// One line saying what to do next.
    public var hint: String {
        switch self {
        case .noVault: return "create one with `casevault init`, or point to it with --vault DIR or $CASEVAULT_DIR"
        case .vaultExists: return "choose another directory with --vault DIR, or use the existing vault"
        case .notEmpty: return "choose a new or empty directory with --vault DIR (a new one is created)"
        case .wrongPassphrase: return "try again; if it is lost, set a new one with `casevault recover` and your recovery key"
        case .wrongRecoveryKey: return "check that the key belongs to this vault (see the vault path in `casevault status`)"
        case .malformedRecoveryKey: return "type the key exactly as printed at init: groups of letters and digits; dashes and case do not matter"
        case .integrity: return "the vault file was changed outside casevault; restore it from a backup (`casevault restore`) and run `casevault check`"
        case .notFound(let w, _): return "list what exists with `casevault \(Self.listCommand(for: w))`"
        case .alreadyExists: return "choose another name, or remove the old entry first"
        case .invalidInput(_, _, let e): return "expected \(e)"
        case .passphraseUnavailable: return "run on a terminal, or pass --passphrase-file FILE (- for standard input)"
        case .weakPassphrase: return "use a passphrase of at least 10 characters, for example four or five random words"
        case .busy: return "wait for the other casevault command to finish, then try again"
        case .keyring(_, let h): return h
        case .unsupportedFormat: return "install a newer casevault"
        case .io(_, let path, _): return "check that \(path) exists and is readable or writable as needed, and that its disk has free space"
        case .exhausted: return "generate new codes on the site, then store them with `casevault code replace LABEL`"
        case .olderThanSeen:
            return "if you put this copy back on purpose (restoring a backup), accept it with `casevault accept-older`; otherwise restore the newer vault"
        case .keysChangedMeanwhile: return "run the command again (with the new passphrase)"
        case .recordsChangedOutside:
            return "restore the vault from a backup (`casevault restore`); if you changed it on purpose, accept it as it is with `casevault accept-older`"
        case .unsafeVault(_, _, let fix): return fix
        }
    }
}

extension CaseVaultError {
    /// Whether this is `unsafeVault` (a path to pass on as it is).
    var isUnsafeVault: Bool {
        if case .unsafeVault = self { return true }
        return false
    }

    /// The command that lists the kind of thing `notFound` names.
    static func listCommand(for what: String) -> String {
        switch what {
        case "identifier": return "id list"
        case "document": return "doc list"
        case "representative": return "rep list"
        case "share", "pinned client": return "share list"
        default: return "code list"
        }
    }
}

extension CaseVaultError: CustomStringConvertible {
    public var description: String { message }
}
