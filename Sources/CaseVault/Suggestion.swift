/// What the user can do next about a failure, as a value a front end turns
/// into its own words: the CLI names a command and its flags
/// (Sources/casevault/CLIHints.swift), a web page a button or a link.
///
/// `advice` is the same step in plain words that name no command, no flag
/// and no exit code, for a front end with nothing better to show.
public enum Suggestion: Equatable, Sendable {
    // MARK: the vault
    /// No vault yet: create one, or point to where it is.
    case createVault
    /// A vault exists there: choose another directory, or use it.
    case chooseAnotherVaultDirectory
    /// The directory holds other files: choose a new or empty one.
    case chooseEmptyVaultDirectory
    /// The passphrase is wrong: try again, or set a new one with the recovery key.
    case recoverWithRecoveryKey
    /// The recovery key opens another vault: check which vault this is.
    case checkVaultLocation
    /// The recovery key is mistyped: type it again as printed.
    case retypeRecoveryKey
    /// A record was changed outside the library: restore a backup, then check.
    case restoreBackupAndCheck
    /// Nothing by that name: list what exists (`what` as `notFound` names it).
    case listExisting(what: String)
    /// No passphrase: type it on a terminal, or give it from a file.
    case providePassphrase
    /// Another process holds the vault: wait, then try again.
    case waitAndRetry
    /// The vault is newer than this program: install a newer one.
    case upgrade
    /// No codes left: generate new ones on the site and store them in place.
    case replaceCodes
    /// The vault was put back from an older copy: accept it, or restore the newer one.
    case acceptOlderOrRestoreNewer
    /// Records changed outside: restore a backup, or accept the vault as it is.
    case restoreBackupOrAcceptAsIs
    /// The keys changed meanwhile: run again with the new passphrase.
    case runAgainWithNewPassphrase

    // MARK: an unsafe vault directory or entry
    /// The vault path is a symbolic link: name the directory itself (`resolved`, when known).
    case nameDirectoryItself(resolved: String?)
    /// Owned by another user: use a directory of one's own, or have root give it (`newVault`: before init).
    case takeOwnership(user: String, path: String, newVault: Bool)
    /// Writable by others: make it private (`newVault`: before init).
    case makePrivate(path: String, newVault: Bool)
    /// Something other than the library put an entry in the vault: look at it and move it out.
    case moveForeignEntryOut(path: String)

    // MARK: the keyring
    /// No D-Bus session bus: the keyring needs a desktop session.
    case keyringNeedsDesktopSession
    /// No Secret Service: start a keyring manager.
    case startKeyringService
    /// The keyring is locked: unlock it in the keyring manager.
    case unlockKeyring
    /// The keyring has no default collection: create one, then enable keyring unlock again.
    case createDefaultKeyring
    /// The keyring service did not answer: restart it.
    case restartKeyringService
    /// The keyring item is gone: enable keyring unlock again, or disable it.
    case enableKeyringAgainOrDisable
    /// The keyring item does not open the vault: unlock with the passphrase, then enable again.
    case unlockWithPassphraseThenEnableKeyring
    /// Another keyring failure: check the keyring manager.
    case checkKeyringManager
    /// Keyring unlock is not enabled for this vault: enable it.
    case enableKeyring

    // MARK: input that names a front end's choice
    /// The output is a special file: name a file, or write to standard output.
    case fileNameOrStandardOutput
    /// A signing key is expected: the text the applicant's identity page shows.
    case applicantSigningKey
    /// A representative's recipient is expected: the text their identity page shows.
    case representativeRecipient
    /// An export names nothing to share: choose codes, identifiers or documents.
    case chooseWhatToShare
    /// An export needs the sender's name (remembered for later exports).
    case senderName
    /// A share id prefix matches several shares: give more of it.
    case longerShareID

    // MARK: shares
    /// A share is not valid: ask the sender to export it again.
    case askSenderToExportAgain
    /// The signer changed for `client`: call them; if the new key is real, accept it.
    case confirmNewSignerKey(client: String)
    /// Not the expected signer: check the expected key.
    case checkExpectedSigner
    /// A look-alike sender: call `client` and compare `key`; if it is someone
    /// else, pin that key as a client of its own (`inboxID` once held in the inbox).
    case pinLookalikeAsOwnClient(client: String, key: String, inboxID: String?)
    /// No identity to open shares with: create one, or give an identity file.
    case createIdentity

    /// The step in plain words: no command, no flag, no exit code.
    public var advice: String {
        switch self {
        case .createVault: return "create a vault, or say where the existing one is"
        case .chooseAnotherVaultDirectory: return "choose another directory, or use the existing vault"
        case .chooseEmptyVaultDirectory: return "choose a new or empty directory (a new one is created)"
        case .recoverWithRecoveryKey: return "try again; if it is lost, set a new one with your recovery key"
        case .checkVaultLocation: return "check that the key belongs to this vault (see the vault's path)"
        case .retypeRecoveryKey:
            return "type the key exactly as printed when the vault was created: groups of letters and digits; dashes and case do not matter"
        case .restoreBackupAndCheck:
            return "the vault file was changed outside CaseVault; restore it from a backup and check the vault"
        case .listExisting(let what): return "look at the list of each \(what) that exists"
        case .providePassphrase: return "type the passphrase on a terminal, or give it in a file"
        case .waitAndRetry: return "wait for the other program using the vault to finish, then try again"
        case .upgrade: return "install a newer version of CaseVault"
        case .replaceCodes: return "generate new codes on the site, then store them in place of the used ones"
        case .acceptOlderOrRestoreNewer:
            return "if you put this copy back on purpose (restoring a backup), accept it as the current vault; otherwise restore the newer vault"
        case .restoreBackupOrAcceptAsIs:
            return "restore the vault from a backup; if you changed it on purpose, accept it as it is"
        case .runAgainWithNewPassphrase: return "try again (with the new passphrase)"
        case .nameDirectoryItself(let resolved):
            return resolved.map { "name the directory itself: \($0)" } ?? "name a directory, not a link"
        case .takeOwnership(let user, let path, let newVault):
            return newVault
                ? "choose a directory of your own (a new one is created, mode 0700), or have root give you this one: chown \(user) \(path)"
                : "use a vault in a directory of your own; if you trust this one, have root give it to you: chown -R \(user) \(path), then check the vault"
        case .makePrivate(let path, let newVault):
            return newVault
                ? "make it yours alone first (chmod 700 \(path)), or choose a new directory (a new one is created, mode 0700)"
                : "if only you have used it: chmod 700 \(path), then check the vault"
        case .moveForeignEntryOut(let path):
            return "something other than CaseVault put it there: look at it (ls -l \(path)), move it out of the vault "
                + "(restore the real file from a backup if one is missing), then check the vault"
        case .keyringNeedsDesktopSession:
            return "the desktop keyring needs a desktop session (a D-Bus session bus); use the passphrase instead"
        case .startKeyringService:
            return "start GNOME Keyring, KWallet or KeePassXC (with its Secret Service integration on), or use the passphrase"
        case .unlockKeyring:
            return "unlock the keyring in your keyring manager (for example Seahorse, \"Passwords and Keys\"), or log out and in again"
        case .createDefaultKeyring: return "create a default keyring in your keyring manager, then turn keyring unlock on again"
        case .restartKeyringService: return "the keyring service is stuck; restart it (or log out and in), or use the passphrase"
        case .enableKeyringAgainOrDisable: return "the keyring item was removed: turn keyring unlock on again, or turn it off"
        case .unlockWithPassphraseThenEnableKeyring: return "unlock with the passphrase, then turn keyring unlock on again"
        case .checkKeyringManager: return "check your keyring manager, or use the passphrase"
        case .enableKeyring: return "turn keyring unlock on for this vault"
        case .fileNameOrStandardOutput: return "expected a file name, or write to standard output and redirect it"
        case .applicantSigningKey: return "expected the cvsign1… text the applicant's identity shows"
        case .representativeRecipient: return "expected the age1… text your representative's identity shows"
        case .chooseWhatToShare: return "expected codes, identifiers or documents to share"
        case .senderName: return "expected your name (remembered for later exports; your representative sees it)"
        case .longerShareID: return "expected more digits of the share's id"
        case .askSenderToExportAgain: return "ask the sender to export it again; a plain age file opens with any age tool"
        case .confirmNewSignerKey(let client):
            return "call the client and compare the fingerprint; if they really have a new key, accept it (client '\(client)')"
        case .checkExpectedSigner: return "check the expected key against what the client gave you"
        case .pinLookalikeAsOwnClient(let client, let key, _):
            return "call '\(client)' on a number you already had and compare key \(key); if the share is really from someone else, pin that key as a client of its own"
        case .createIdentity: return "create an identity, or give the identity file"
        }
    }
}
