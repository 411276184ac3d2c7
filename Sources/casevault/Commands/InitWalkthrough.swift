import CaseVault
import Foundation
import SodiumKit
import SystemKit

/// `casevault init` on a terminal: the first-hour walkthrough, in plain words.
///
/// Four steps: a passphrase (typed twice, echo off), the recovery key (shown
/// once; the user types back its last group to show it is on paper), the
/// desktop keyring (offered), and the USCIS backup code (offered, echo off).
/// Narrative goes to stdout (a terminal here); questions and secrets go
/// through /dev/tty (SecretInput). `init --passphrase-file`, `init --json`
/// and init without a terminal never come here (InitCommand's plain path).
struct InitWalkthrough {
    let location: VaultLocation
    let kdf: KDFStrength
    let useKeyring: Bool

    /// Tries to type back the recovery key's last group before giving up.
    static let confirmAttempts = 3

    /// Whether `init` should talk the user through (a person at a terminal).
    static func applies(_ g: GlobalOptions) -> Bool {
        g.passphraseFile == nil && !g.json && SecretInput.hasTerminal && Terminal.isTerminal(Terminal.standardOutput)
    }

    func run() throws {
        say("""
            Welcome to CaseVault.

            CaseVault keeps your backup codes, case numbers and document scans
            encrypted in one folder on this computer:
              \(location.path)

            Setting up has four steps: a passphrase, a recovery key on paper,
            the desktop keyring, and your USCIS backup code.
            Have a pen and paper ready.

            Step 1 of 4: passphrase
            You type the passphrase to open the vault. Nothing is shown while
            you type.
            """)
        let passphrase = try choosePassphrase()
        say("\nCreating the vault...")
        let hadDirectory = FileManager.default.fileExists(atPath: location.path)
        let (vault, recovery) = try Vault.create(at: location, passphrase: passphrase, strength: kdf)
        say("Created the vault at \(location.path).")

        try confirmRecoveryKey(try recovery.formatted().revealUTF8(), removeDirectory: !hadDirectory)
        offerKeyring(vault)
        try offerBackupCode(vault)

        say("""

            Done. Your vault is ready.
              casevault emergency          what to show at a counter
              casevault kit -o kit.html    a printable emergency sheet
              casevault help               every command
            """)
    }

    /// Asks until a passphrase is accepted (too short or mistyped: say so, ask again).
    private func choosePassphrase() throws -> SecureBytes {
        var attempt = 1
        while true {
            do {
                return try VaultAccess.readNewPassphrase(file: nil, what: "Passphrase")
            } catch let e as CaseVaultError where attempt < Self.confirmAttempts {
                guard case .weakPassphrase = e else { throw e }
                say("\(e.message). Let's try again.")
                attempt += 1
            }
        }
    }

    // MARK: - Step 2

    private func confirmRecoveryKey(_ key: String, removeDirectory: Bool) throws {
        say("""

            Step 2 of 4: recovery key
            If you forget the passphrase, this recovery key is the only way
            back in. Write it on paper now, and keep the paper away from this
            computer. It is shown only now.

                \(key)

            """)
        let lastGroup = String(key.split(separator: "-").last ?? "")
        for attempt in 1...Self.confirmAttempts {
            let typed = try SecretInput.askVisible("To check your paper, type the last group (the 4 characters after the last dash): ")
            if Self.normalised(typed) == lastGroup {
                say("That matches. Keep the paper safe.")
                return
            }
            if attempt < Self.confirmAttempts {
                say("That does not match \"\(typed.trimmingCharacters(in: .whitespaces))\". Compare your paper with the key above, then try again.")
            }
        }
        // A vault whose recovery key may not be on paper is one forgotten
        // passphrase away from loss. It is still empty: remove it, and let
        // the user start again with paper at hand.
        removeNewVault(directory: removeDirectory)
        throw CaseVaultError.invalidInput(
            field: "recovery key", reason: "its last group was typed wrong \(Self.confirmAttempts) times; the new, empty vault was removed",
            expected: "run `casevault init` again and write the recovery key down before typing its last group")
    }

    /// Reads a typed group as the recovery key reader does: case, spaces and
    /// dashes ignored, O read as 0 and I or L as 1.
    static func normalised(_ typed: String) -> String {
        String(typed.uppercased().compactMap { c -> Character? in
            switch c {
            case " ", "-", "\t": return nil
            case "O": return "0"
            case "I", "L": return "1"
            default: return c
            }
        })
    }

    /// Removes the files `Vault.create` made, and the directory if it made that too.
    private func removeNewVault(directory: Bool) {
        let fm = FileManager.default
        for url in [location.database, URL(fileURLWithPath: location.database.path + "-wal"),
                    URL(fileURLWithPath: location.database.path + "-shm")] {
            try? fm.removeItem(at: url)
        }
        if directory { PosixFile.removeEmptyDirectory(location.path) }  // rmdir: only if empty, never anything else
    }

    // MARK: - Step 3

    private func offerKeyring(_ vault: Vault) {
        say("""

            Step 3 of 4: desktop keyring
            With the keyring on, casevault opens without the passphrase while
            you are logged in to this computer. Anyone using your unlocked
            session could open it too.
            """)
        guard useKeyring else {
            say("Skipped (--no-keyring). Later: casevault keyring enable")
            return
        }
        guard ask("Use the keyring? [Y/n] ", default: true) else {
            say("Skipped. Later: casevault keyring enable")
            return
        }
        do {
            let done = try KeyringSettings.vaultKeyring().enable(vault)
            say("Keyring unlock is on (keyring collection '\(done.collection)').")
        } catch let e as CaseVaultError {
            say("The keyring cannot be used now: \(e.keyringReason).")
            say("The vault works with the passphrase. Later: casevault keyring enable")
        } catch {
            say("The keyring cannot be used now. Later: casevault keyring enable")
        }
    }

    // MARK: - Step 4

    private func offerBackupCode(_ vault: Vault) throws {
        say("""

            Step 4 of 4: USCIS backup code
            Your USCIS online account gives a backup code when you set up
            two-step verification. Type or paste it now (nothing is shown),
            or press Enter to skip.
            """)
        while true {
            let typed: SecureBytes
            do {
                typed = try SecretInput.prompt("USCIS backup code: ")
            } catch SecretInput.Failure.empty {
                say("Skipped. Later: casevault code add uscis")
                return
            }
            do {
                let codes = try CodeParser.parse(typed.revealUTF8())
                try vault.codes.add(label: "uscis", account: nil, codes: codes, kind: .single)
                say("Stored your USCIS backup code as 'uscis'. `casevault emergency` shows it.")
                return
            } catch let e as CaseVaultError {
                say("\(e.message). Try again, or press Enter to skip.")
            }
        }
    }

    // MARK: - Terminal

    private func say(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { Output.line(String(line)) }
    }

    private func ask(_ question: String, default yes: Bool) -> Bool {
        guard let answer = try? SecretInput.askVisible(question).trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        if answer.isEmpty { return yes }
        return answer == "y" || answer == "yes"
    }
}
