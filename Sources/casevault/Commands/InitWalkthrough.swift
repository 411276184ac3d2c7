import CaseVault
import CaseVaultText
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
    var language: Language = CLILanguage.current

    /// Tries to type back the recovery key's last group before giving up.
    static let confirmAttempts = 3

    /// Whether `init` should talk the user through (a person at a terminal).
    static func applies(_ g: GlobalOptions) -> Bool {
        g.passphraseFile == nil && !g.json && SecretInput.hasTerminal && Terminal.isTerminal(Terminal.standardOutput)
    }

    func run() throws {
        say(t("welcome", ["path": location.path]))
        let passphrase = try choosePassphrase()
        say("\n" + t("creating"))
        let hadDirectory = FileManager.default.fileExists(atPath: location.path)
        let (vault, recovery) = try Vault.create(at: location, passphrase: passphrase, strength: kdf)
        say(t("created", ["path": location.path]))

        try confirmRecoveryKey(try recovery.formatted().revealUTF8(), removeDirectory: !hadDirectory)
        offerKeyring(vault)
        try offerBackupCode(vault)

        say("\n" + t("done"))
    }

    /// Asks until a passphrase is accepted (too short or mistyped: say so, ask again).
    private func choosePassphrase() throws -> SecureBytes {
        var attempt = 1
        while true {
            do {
                return try VaultAccess.readNewPassphrase(file: nil, what: "Passphrase")
            } catch let e as CaseVaultError where attempt < Self.confirmAttempts {
                guard case .weakPassphrase = e else { throw e }
                say(t("try_again", ["problem": e.message]))
                attempt += 1
            }
        }
    }

    // MARK: - Step 2

    private func confirmRecoveryKey(_ key: String, removeDirectory: Bool) throws {
        say("\n" + t("key_step") + "\n\n    \(key)\n")
        let lastGroup = String(key.split(separator: "-").last ?? "")
        for attempt in 1...Self.confirmAttempts {
            let typed = try SecretInput.askVisible(t("key_check"))
            if Self.normalised(typed) == lastGroup {
                say(t("key_match"))
                return
            }
            if attempt < Self.confirmAttempts {
                say(t("key_mismatch", ["typed": typed.trimmingCharacters(in: .whitespaces)]))
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
        say("\n" + t("keyring_step"))
        guard useKeyring else {
            say(t("keyring_skipped_flag"))
            return
        }
        guard ask(t("keyring_ask"), default: true) else {
            say(t("keyring_skipped"))
            return
        }
        do {
            let done = try KeyringSettings.vaultKeyring().enable(vault)
            say(t("keyring_on", ["collection": done.collection]))
        } catch let e as CaseVaultError {
            say(t("keyring_failed", ["reason": e.keyringReason]))
            say(t("keyring_later"))
        } catch {
            say(t("keyring_failed_plain"))
            say(t("keyring_later"))
        }
    }

    // MARK: - Step 4

    private func offerBackupCode(_ vault: Vault) throws {
        say("\n" + t("code_step"))
        while true {
            let typed: SecureBytes
            do {
                typed = try SecretInput.prompt(t("code_prompt"))
            } catch SecretInput.Failure.empty {
                say(t("code_skipped"))
                return
            }
            do {
                let codes = try CodeParser.parse(typed.revealUTF8())
                try vault.codes.add(label: "uscis", account: nil, codes: codes, kind: .single)
                say(t("code_stored"))
                return
            } catch let e as CaseVaultError {
                say(t("code_retry", ["problem": e.message]))
            }
        }
    }

    // MARK: - Terminal

    /// The walkthrough's words (`cli.init.KEY`) in the locale's language.
    private func t(_ key: String, _ values: [String: String] = [:]) -> String {
        Catalogue.text("cli.init." + key, language, values)
    }

    private func say(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { Output.line(String(line)) }
    }

    private func ask(_ question: String, default yes: Bool) -> Bool {
        guard let answer = try? SecretInput.askVisible(question).trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        if answer.isEmpty { return yes }
        // "y"/"yes" always; the language's own words too ("s", "sí").
        return t("yes_answers").split(separator: " ").contains { $0 == answer } || answer == "y" || answer == "yes"
    }
}
