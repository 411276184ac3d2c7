import ArgumentParser
import CaseVault

/// `casevault check`: verifies every file, record and chunk.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the vault: SQLite integrity, then decrypt and authenticate every record and document chunk.",
        discussion: "Writes nothing. Exits 0 when everything checks, 6 when a problem is found (each is listed by record).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let locked = try VaultAccess.openLocked(global)
        // The state record is checked as one item of the report, so that a
        // vault put back from an older copy still gets every record checked.
        locked.verifiesState = false
        let vault = try VaultAccess.unlock(locked, global)
        let report = try vault.check(extra: CheckParts.all(vault))
        if global.json {
            Output.json(report)
        } else {
            let counts = report.checked.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            Output.line("Checked \(counts.isEmpty ? "nothing" : counts).")
            for p in report.problems { Output.line("PROBLEM \(p.store) \(p.record): \(p.problem)") }
            if report.ok { Output.line("Everything checks.") }
        }
        if !report.ok {
            // The inbox index is derived from the records: it is remade, not restored.
            let onlyIndex = report.problems.allSatisfy { $0.record == "inbox_index" || $0.record.hasPrefix("inbox_index/") }
            throw CheckFailed(count: report.problems.count, onlyIndex: onlyIndex, jsonAlreadyPrinted: global.json)
        }
    }

    struct CheckFailed: ReportableError {
        let count: Int
        var onlyIndex = false
        let jsonAlreadyPrinted: Bool
        var message: String { "integrity check failed: \(count) problem\(count == 1 ? "" : "s") (listed on stdout)" }
        var hint: String {
            onlyIndex
                ? "only the inbox index is wrong, and it is made from the kept shares: remake it with `casevault share reindex`; nothing was changed"
                : "restore the damaged parts from a backup (`casevault restore`); nothing was changed"
        }
        var exit: ExitCode { .integrity }
    }
}

/// The parts of the vault beyond vault.db that `check` verifies.
enum CheckParts {
    static func all(_ vault: Vault) throws -> [VaultCheckable] {
        var parts: [VaultCheckable] = []
        if let docs = try vault.existingDocuments() { parts.append(docs) }
        parts.append(vault.sharesCheck)
        return parts
    }
}
