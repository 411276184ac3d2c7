import CaseVault

/// The integrity check as the app shows it (what `casevault check` runs:
/// SQLite integrity, every record, every document chunk, the shares and
/// the state record), with damaged items named in plain words.
struct VaultCheckOutcome: Sendable {
    let report: CheckReport
    /// Labels of documents whose index row still opens, by short id, to
    /// name a document whose contents are damaged.
    let labels: [String: String]

    /// Runs the check (on the vault queue). It writes nothing.
    init(_ vault: Vault) throws {
        var parts: [VaultCheckable] = []
        let documents = try vault.existingDocuments()
        if let documents { parts.append(documents) }
        parts.append(vault.sharesCheck)
        report = try vault.check(extra: parts)
        var labels: [String: String] = [:]
        if !report.ok, let documents, let all = try? documents.list() {
            for d in all { labels[d.shortID] = d.metadata.label }
        }
        self.labels = labels
    }

    /// The check page's values, in the request's language.
    var model: [String: Any] {
        let n = report.problems.count
        return [
            "ok": report.ok,
            "problemCount": SettingsNotice.t(n == 1 ? "problems_one" : "problems", ["count": "\(n)"]),
            "problems": report.problems.map { p -> [String: String] in
                ["item": DamageWords.item(p.record, store: p.store, labels: labels), "problem": p.problem]
            },
            "checked": report.checked.sorted { $0.key < $1.key }.map { DamageWords.count($0.value, $0.key) },
        ]
    }
}
