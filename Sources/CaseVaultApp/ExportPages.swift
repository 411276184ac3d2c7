import CaseVault
import Foundation
import SodiumKit

/// What the export pages show: the choices (read from the vault), and the
/// review of a choice, checked as the export will check it, in words.
enum ExportPages {
    /// Whether an entry is a USCIS account's code: by its label, as the home
    /// page finds it, or by the kind the USCIS code is stored as.
    static func isUSCIS(_ e: CodeEntry) -> Bool {
        e.label.lowercased().contains("uscis")
    }

    /// "1 code", "10 codes (7 unused)", plus the replaced ones a share carries too.
    static func codesText(_ e: CodeEntry) -> String {
        var text = e.kind == .single ? "1 code" : "\(e.codes.count) codes (\(e.unusedCount) unused)"
        let earlier = e.history.reduce(0) { $0 + $1.codes.count }
        if earlier > 0 { text += ", and \(earlier) earlier replaced code\(earlier == 1 ? "" : "s")" }
        return text
    }

    /// Everything the form offers, read in one go on the vault's queue.
    struct Options: Sendable {
        struct Rep: Sendable { let name: String; let fingerprint: String }
        struct Code: Sendable { let label: String; let account: String?; let text: String; let uscis: Bool }
        struct Doc: Sendable { let id: String; let label: String; let type: String; let size: String }

        let reps: [Rep]
        let codes: [Code]
        let identifiers: [String]
        let docs: [Doc]
        let senderName: String?

        init(_ vault: Vault) throws {
            reps = try vault.representatives.list().map { Rep(name: $0.name, fingerprint: $0.fingerprint) }
            codes = try vault.codes.list().map { s in
                Code(label: s.entry.label, account: s.entry.account, text: ExportPages.codesText(s.entry), uscis: ExportPages.isUSCIS(s.entry))
            }
            identifiers = try vault.identifiers.list().map { "\($0.identifier.kind.displayName) (\($0.identifier.label))" }
            docs = try (vault.existingDocuments()?.list() ?? []).map {
                Doc(id: $0.idHex, label: $0.metadata.label, type: DocumentPages.typeName($0.metadata.type), size: DocumentPages.size($0.metadata.size))
            }
            senderName = try vault.shareKeys.senderName()
        }

        /// The form's values, with `choice` ticked (nothing ticked at first
        /// but the representative, when there is one to preselect).
        func model(_ choice: ExportChoice, problem: FormProblem? = nil) -> [String: Any] {
            let to = choice.to.flatMap { t in reps.first { $0.name.lowercased() == t.lowercased() }?.name } ?? (reps.count == 1 ? reps[0].name : nil)
            var m: [String: Any] = [
                "hasReps": !reps.isEmpty,
                "reps": reps.enumerated().map { i, r in
                    ["index": i, "name": r.name, "fingerprint": r.fingerprint, "checked": r.name == to] as [String: Any]
                },
                "hasCodes": !codes.isEmpty,
                "codes": codes.enumerated().map { i, c in
                    var row: [String: Any] = ["index": i, "label": c.label, "text": c.text, "uscis": c.uscis,
                                              "checked": choice.codeLabels.contains { $0.lowercased() == c.label.lowercased() }]
                    if let a = c.account { row["account"] = a }
                    return row
                },
                "hasIdentifiers": !identifiers.isEmpty,
                "identifierCount": identifiers.count == 1 ? "1 case number" : "\(identifiers.count) case numbers",
                "identifiers": identifiers,
                "idsChecked": choice.identifiers,
                "hasDocs": !docs.isEmpty,
                "docs": docs.map { d in
                    ["id": d.id, "label": d.label, "type": d.type, "size": d.size, "checked": choice.documentIDs.contains(d.id)] as [String: Any]
                },
                "hasSomething": !codes.isEmpty || !identifiers.isEmpty || !docs.isEmpty,
            ]
            if let name = choice.senderName ?? senderName { m["senderName"] = name }
            if let problem { m["problem"] = problem.model }
            return m
        }
    }

    /// A choice checked against the vault as the export checks it, and what
    /// the share will hold, for the review page.
    struct Review: Sendable {
        struct Code: Sendable { let label: String; let account: String?; let text: String; let uscis: Bool }
        struct Doc: Sendable { let label: String; let fileName: String; let size: String }

        let to: String
        let toFingerprint: String
        let senderName: String
        /// Nil until the first share makes this vault's signing key.
        let senderFingerprint: String?
        let codes: [Code]
        let identifiers: [String]
        let docs: [Doc]
        let totalSize: String
        /// The choice as checked (names as stored), for the hidden fields.
        let choice: ExportChoice

        init(_ vault: Vault, _ chosen: ExportChoice) throws {
            guard let toName = chosen.to else { throw AppError.invalid("Choose whom the share is for.") }
            guard !chosen.isEmpty else {
                throw AppError.invalid("Choose what to send: at least one backup-code entry, your case numbers or a document.")
            }
            let remembered = try vault.shareKeys.senderName()
            guard let name = chosen.senderName ?? remembered else {
                throw AppError.invalid("Type your name as your representative will see it.")
            }
            senderName = try VaultText.name(name, field: "your name")
            let rep = try vault.representatives.find(toName)
            to = rep.name
            toFingerprint = rep.fingerprint
            senderFingerprint = try vault.shareKeys.signingKey().map { try SignerKey(publicKey: $0.publicKey).fingerprint }
            let entries = try vault.codes.list().map(\.entry)
            var codes: [Code] = []
            var labels: [String] = []
            for label in chosen.codeLabels {
                guard let e = entries.first(where: { $0.label.lowercased() == label.lowercased() }) else {
                    throw CaseVaultError.notFound(what: "code", name: label)
                }
                codes.append(Code(label: e.label, account: e.account, text: ExportPages.codesText(e), uscis: ExportPages.isUSCIS(e)))
                labels.append(e.label)
            }
            self.codes = codes
            identifiers = chosen.identifiers
                ? try vault.identifiers.list().map { "\($0.identifier.kind.displayName) (\($0.identifier.label))" } : []
            var docs: [Doc] = []
            var total: Int64 = 0
            if !chosen.documentIDs.isEmpty {
                let all = try vault.existingDocuments()?.list() ?? []
                for id in chosen.documentIDs {
                    guard let d = all.first(where: { $0.idHex == id }) else { throw CaseVaultError.notFound(what: "document", name: id) }
                    docs.append(Doc(label: d.metadata.label, fileName: d.metadata.fileName, size: DocumentPages.size(d.metadata.size)))
                    total += d.metadata.size
                }
            }
            self.docs = docs
            totalSize = DocumentPages.size(total)
            var checked = chosen
            checked.to = rep.name
            checked.codeLabels = labels
            checked.senderName = senderName
            choice = checked
        }

        var model: [String: Any] {
            var m: [String: Any] = [
                "to": to, "toFingerprint": toFingerprint, "senderName": senderName,
                "hasCodes": !codes.isEmpty,
                "codes": codes.map { c -> [String: Any] in
                    var row: [String: Any] = ["label": c.label, "text": c.text, "uscis": c.uscis]
                    if let a = c.account { row["account"] = a }
                    return row
                },
                "hasUSCIS": codes.contains(where: \.uscis),
                "hasIdentifiers": !identifiers.isEmpty, "identifierList": identifiers.joined(separator: ", ") + ".",
                "hasDocs": !docs.isEmpty,
                "docs": docs.map { ["label": $0.label, "fileName": $0.fileName, "size": $0.size] },
                "docCount": docs.count == 1 ? "1 document" : "\(docs.count) documents", "totalSize": totalSize,
                "hidden": choice.hiddenFields,
            ]
            if let senderFingerprint { m["senderFingerprint"] = senderFingerprint }
            return m
        }
    }

    /// The download's file name: "CaseVault share for Jane Doe, Esq. 2026-12-05.age"
    /// (made safe for every system by `AppRoutes.contentDisposition`).
    static func fileName(to name: String, on date: Date = Date()) -> String {
        "CaseVault share for \(name) \(DocumentPages.day(date)).age"
    }
}
