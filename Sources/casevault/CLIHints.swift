import AgeKit
import CaseVault
import ShamirKit

/// The CLI's words for what to do next: the one place that turns the
/// library's `Suggestion`s into `hint:` lines naming casevault's commands and
/// flags. (The library says the same steps in plain words, `advice`, for
/// front ends that have no commands.)
extension Suggestion {
    var cliHint: String {
        switch self {
        case .createVault: return "create one with `casevault init`, or point to it with --vault DIR or $CASEVAULT_DIR"
        case .chooseAnotherVaultDirectory: return "choose another directory with --vault DIR, or use the existing vault"
        case .chooseEmptyVaultDirectory: return "choose a new or empty directory with --vault DIR (a new one is created)"
        case .recoverWithRecoveryKey: return "try again; if it is lost, set a new one with `casevault recover` and your recovery key"
        case .checkVaultLocation: return "check that the key belongs to this vault (see the vault path in `casevault status`)"
        case .retypeRecoveryKey:
            return "type the key exactly as printed at init: groups of letters and digits; dashes and case do not matter"
        case .restoreBackupAndCheck:
            return "the vault file was changed outside casevault; restore it from a backup (`casevault restore`) and run `casevault check`"
        case .listExisting(let what): return "list what exists with `casevault \(Self.listCommand(for: what))`"
        case .providePassphrase: return "run on a terminal, or pass --passphrase-file FILE (- for standard input)"
        case .waitAndRetry: return "wait for the other casevault command to finish, then try again"
        case .upgrade: return "install a newer casevault"
        case .replaceCodes: return "generate new codes on the site, then store them with `casevault code replace LABEL`"
        case .acceptOlderOrRestoreNewer:
            return "if you put this copy back on purpose (restoring a backup), accept it with `casevault accept-older`; otherwise restore the newer vault"
        case .restoreBackupOrAcceptAsIs:
            return "restore the vault from a backup (`casevault restore`); if you changed it on purpose, accept it as it is with `casevault accept-older`"
        case .runAgainWithNewPassphrase: return "run the command again (with the new passphrase)"

        case .nameDirectoryItself(let resolved):
            return resolved.map { "name the directory itself: --vault \($0)" } ?? "name a directory, not a link, with --vault DIR"
        case .takeOwnership(let user, let path, let newVault):
            return newVault
                ? "choose a directory of your own with --vault DIR (casevault creates a new one, mode 0700), or have root give you this one: chown \(user) \(path)"
                : "use a vault in a directory of your own (--vault DIR or $CASEVAULT_DIR); "
                    + "if you trust this one, have root give it to you: chown -R \(user) \(path), then run `casevault check`"
        case .makePrivate(let path, let newVault):
            return newVault
                ? "make it yours alone first (chmod 700 \(path)), or choose a new directory with --vault DIR (casevault creates it, mode 0700)"
                : "if only you have used it: chmod 700 \(path), then run `casevault check`"
        case .moveForeignEntryOut(let path):
            return "something other than casevault put it there: look at it (ls -l \(path)), move it out of the vault "
                + "(restore the real file from a backup if one is missing), then run `casevault check`"

        case .keyringNeedsDesktopSession:
            return "the desktop keyring needs a desktop session (a D-Bus session bus); use the passphrase, or --no-keyring to skip the keyring"
        case .startKeyringService:
            return "start GNOME Keyring, KWallet or KeePassXC (with its Secret Service integration on), or use --no-keyring"
        case .unlockKeyring:
            return "unlock the keyring in your keyring manager (for example Seahorse, \"Passwords and Keys\"), or log out and in again"
        case .createDefaultKeyring: return "create a default keyring in your keyring manager, then run `casevault keyring enable` again"
        case .restartKeyringService: return "the keyring service is stuck; restart it (or log out and in), or use --no-keyring"
        case .enableKeyringAgainOrDisable:
            return "the keyring item was removed: run `casevault keyring enable` again, or `casevault keyring disable`"
        case .unlockWithPassphraseThenEnableKeyring:
            return "unlock with the passphrase (--no-keyring), then run `casevault keyring enable` again"
        case .checkKeyringManager: return "check your keyring manager, or use --no-keyring"
        case .enableKeyring: return "enable it with `casevault keyring enable`"

        case .fileNameOrStandardOutput: return "expected a file name, or -o - to write to standard output and redirect it"
        case .applicantSigningKey: return "expected the cvsign1… text the applicant's `casevault identity show` prints"
        case .representativeRecipient: return "expected the age1… text your representative's `casevault identity show` prints"
        case .chooseWhatToShare: return "expected --code LABEL, --all-codes, --ids, --doc ID or --all-docs"
        case .senderName: return "expected --as \"Your Name\" (remembered for later exports; your representative sees it)"
        case .longerShareID: return "expected more digits of the id `casevault share list` shows"

        case .askSenderToExportAgain:
            return "ask the sender to export it again with `casevault export`; a plain age file opens with `casevault age decrypt`"
        case .confirmNewSignerKey(let client):
            return "call the client and compare the fingerprint; if they really have a new key, accept it with `--repin` (client '\(client)')"
        case .checkExpectedSigner: return "check the key given with --from against what the client gave you"
        case .pinLookalikeAsOwnClient(let client, let key, let id):
            let step = id.map { "`casevault share pin \(String($0.prefix(12)))`" } ?? "`casevault share import FILE`, then `casevault share pin ID`"
            return "call '\(client)' on a number you already had and compare key \(key); if the share is really from someone else, pin that key as a client of its own with \(step)"
        case .createIdentity: return "create one with `casevault identity new`, or pass the identity file with -i FILE"
        }
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

extension CaseVaultError: ReportableError {
    var hint: String { suggestion?.cliHint ?? advice }
    var exit: ExitCode { ExitCode(kind) }
}

extension ShareError: ReportableError {
    var hint: String { suggestion?.cliHint ?? advice }
    var exit: ExitCode { ExitCode(kind) }
}

extension VaultKeyringStatus {
    /// `explanation` in the CLI's words (`keyring status`).
    var cliExplanation: String {
        switch state {
        case .enabled, .unavailable: return explanation
        case .mismatch: return "the keyring item does not open this vault (restored from a backup, or the item changed); run `casevault keyring enable` again"
        case .itemMissing: return "the vault has a keyring slot but the keyring has no item for it; run `casevault keyring enable` again, or `casevault keyring disable`"
        case .disabled: return "commands ask for the passphrase; `casevault keyring enable` stores an unlock secret in the keyring"
        case .leftoverItem: return "a keyring item is left from an interrupted enable or disable; it opens nothing; `casevault keyring disable` removes it"
        }
    }
}

extension AgeError: ReportableError {
    var exit: ExitCode { ExitCode(self) }

    var message: String { description }

    var hint: String {
        switch self {
        case .noMatchingIdentity:
            return "the file was encrypted to other keys: pass the identity file that belongs to one of its recipients with -i (or --passphrase-file if it was encrypted with a passphrase)"
        case .incorrectPassphrase: return "check the passphrase (the first line of --passphrase-file) and try again"
        case .notAgeFile: return "check that the input is an age file (binary, or armored with -----BEGIN AGE ENCRYPTED FILE-----)"
        case .unsupportedVersion: return "this file needs a newer age implementation"
        case .workFactorTooHigh:
            return "the file asks for more passphrase work than is safe to run; if you trust it, decrypt it with `age -d`"
        case .scryptNotAlone, .malformedHeader, .headerMACMismatch, .malformedArmor, .postQuantumStanzaArgumentCount,
             .postQuantumEncapsulatedKeyNotBase64, .postQuantumEncapsulatedKeyLength, .postQuantumBodyLength,
             .postQuantumEncapsulatedKeyRefused:
            return "the file is damaged or was changed after encryption; ask the sender for a new copy"
        case .missingPayloadNonce, .payloadTruncated:
            return "the file was cut short (an incomplete download or copy); get the whole file again"
        case .payloadTrailingData, .payloadCorrupted, .payloadEmptyFinalChunk:
            return "the file is damaged or was changed after encryption; no plaintext was written to -o"
        case .invalidRecipient: return "recipients look like age1pq1... (post-quantum) or age1... (classic); see `casevault age keygen`"
        case .invalidIdentity:
            return "pass an identity file made by `casevault age keygen` or `age-keygen` (lines AGE-SECRET-KEY-PQ-1... or AGE-SECRET-KEY-1...)"
        case .mixedPostQuantumRecipients:
            return "encrypt to post-quantum recipients only (ask the others for an age1pq1... recipient), or to classic ones only"
        case .invalidArgument: return "see `casevault age encrypt --help`"
        case .io: return "check the paths, permissions and free space"
        case .finished: return "report this as a bug"
        }
    }
}

extension Slip39Error: ReportableError {
    /// A share that does not check out or does not fit the set is invalid
    /// input (7); shares that combine into something their digest refuses
    /// are an integrity failure (6); bad split parameters are usage (2).
    var exit: ExitCode {
        switch kind {
        case .invalidShare, .unusableSet: return .invalidInput
        case .integrity: return .integrity
        case .invalidRequest:
            if case .invalidParameters = self { return .usage }
            return .invalidInput
        }
    }

    var hint: String {
        switch self {
        case .unknownWord, .badChecksum, .badPadding:
            return "compare the share word by word with the paper; every word is in the SLIP-0039 word list, and its first four letters are enough"
        case .wrongLength: return "check that each share is on one line of its own, with no word left out or added"
        case .badGroupParameters: return "the share is damaged; compare it with the paper, word by word"
        case .differentSet: return "use shares of one split only: all of them begin with the same first two words"
        case .repeatedIndex: return "each share counts once: give another holder's share instead"
        case .tooFew: return "add more shares, one per line"
        case .noShares: return "give the shares on standard input, one per line"
        case .digestMismatch:
            return "check that the shares come from one split; a share changed on purpose would also cause this"
        case .passphraseNotPrintableASCII: return "use a passphrase of printable ASCII characters only (no accents, no emoji)"
        case .secretLength: return "give 32 to 64 hex digits (16 to 32 bytes) on standard input"
        case .invalidParameters: return "see `casevault shamir split --help`"
        }
    }
}
