import ArgumentParser
import CaseVault
import CaseVaultApp
import Foundation
import SodiumKit
import SystemKit

/// `casevault kit -o FILE.html`: a printable emergency sheet.
struct KitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kit",
        abstract: "Write a printable emergency sheet (HTML) to fill in by hand and keep on paper.",
        discussion: """
            The sheet has the vault's location and id, boxes to write the recovery key in by hand, \
            your representatives with their key fingerprints, and what to do when the laptop is lost. \
            It holds no code, number or passphrase, and the recovery key only with --include-recovery-key \
            (which asks for it and checks that it opens this vault; the key then also unlocks the vault). \
            Otherwise the vault is unlocked as usual (keyring or passphrase) to read the representatives. \
            Open the file in a browser and print it.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the sheet (.html); - for standard output.", valueName: "file"))
    var output: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Flag(name: .customLong("include-recovery-key"), help: "Print the recovery key into the boxes (asks for it; a sheet with the key opens the vault: store it like the key itself).")
    var includeRecoveryKey = false

    @Option(name: .customLong("recovery-key-file"), help: ArgumentHelp("With --include-recovery-key: read the key from the first line of FILE (- for standard input).", valueName: "file"))
    var recoveryKeyFile: String?

    func validate() throws {
        if recoveryKeyFile != nil && !includeRecoveryKey {
            throw ValidationError("--recovery-key-file is only used with --include-recovery-key")
        }
        if output.isEmpty { throw ValidationError("-o needs a file name") }
        if output == "-" && global.json { throw ValidationError("-o - writes the sheet to standard output; --json needs -o FILE") }
    }

    func run() throws {
        let locked = try VaultAccess.openLocked(global)
        var key: String?
        let vault: Vault
        if includeRecoveryKey {
            let typed = try VaultAccess.readRecoveryKey(recoveryKeyFile, prompt: "Recovery key (to print into the sheet): ")
            let recovery = try RecoveryKey.parse(typed)
            // Only a key that opens this vault goes on paper: a typo in a
            // printed key would be found only when it is needed.
            vault = try locked.unlock(recoveryKey: recovery)
            key = try recovery.formatted().revealUTF8()
        } else {
            vault = try VaultAccess.unlock(locked, global)
        }
        let page = KitPage(
            vaultPath: locked.location.path, vaultID: locked.vaultIDHex,
            unlocksWith: locked.slotKinds.map(\.rawValue), generated: CalendarDay.today(),
            recoveryKey: key, representatives: try KitRepresentatives.load(vault),
            language: CLILanguage.current)
        let html = page.html()
        if output == "-" {
            Output.line(html.hasSuffix("\n") ? String(html.dropLast()) : html)
        } else {
            try KitFile.write(html, to: output, replace: force)
        }
        if global.json {
            Output.json(Result(output: output, vault: locked.location.path, vaultId: locked.vaultIDHex,
                               recoveryKeyIncluded: key != nil, representatives: page.representatives.count))
        } else if output != "-" {
            Output.line("Wrote the emergency sheet to \(output).")
            Output.line("Open it in a browser, print it, write the recovery key in the boxes,")
            Output.line("and keep the paper away from this computer.")
            if key != nil { Output.warn("the sheet holds the recovery key: keep the file and its printout as safe as the key itself") }
        }
    }

    struct Result: Encodable {
        let output: String
        let vault: String
        let vaultId: String
        let recoveryKeyIncluded: Bool
        let representatives: Int
    }
}

/// Writes the sheet: 0600, never over an existing file unless asked.
enum KitFile {
    static func write(_ text: String, to path: String, replace: Bool) throws {
        let fm = FileManager.default
        if SpecialFile.isSpecial(path) {
            throw CaseVaultError.invalidInput(field: "output \(path)", reason: SpecialFile.refusal,
                                              expected: "a file name for the sheet")
        }
        if fm.fileExists(atPath: path) && !replace {
            throw CaseVaultError.alreadyExists(what: "file", name: path)
        }
        // A new file, 0600 whatever the umask (a sheet can hold the recovery
        // key), renamed into place whole and fsynced: it may be the only
        // copy of that key the user keeps.
        do {
            let out = try AtomicOutput(path: path, existing: replace ? .replace : .refuse)
            try out.write(Array(text.utf8))
            try out.commit(durable: true)
        } catch let e as SystemError where e.kind == .exists {
            throw CaseVaultError(e)
        } catch {
            throw CaseVaultError.io(operation: "write", path: path, reason: "the file cannot be written (check the directory and free space)")
        }
    }
}
