import CaseVault
import CaseVaultText
import Foundation
import SodiumKit

/// What the export pages show: the choices (read from the vault), and the
/// review of a choice, checked as the export will check it, in words.
enum ExportPages {
    /// The export pages' words (`app.export.KEY`) in `language`.
    static func t(_ key: String, _ values: [String: String] = [:], _ language: Language = AppLanguage.current) -> String {
        Catalogue.text("app.export." + key, language, values)
    }

    /// Whether an entry is a USCIS account's code: by its label, as the home
    /// page finds it, or by the kind the USCIS code is stored as.
    static func isUSCIS(_ e: CodeEntry) -> Bool {
        e.label.lowercased().contains("uscis")
    }

    /// An entry's codes as counted on the vault's queue; put in words on
    /// the request's (`text`).
    struct CodeCount: Sendable {
        let single: Bool
        let count: Int
        let unused: Int
        /// Codes of replaced sets, which a share carries too.
        let earlier: Int

        init(_ e: CodeEntry) {
            single = e.kind == .single
            count = e.codes.count
            unused = e.unusedCount
            earlier = e.history.reduce(0) { $0 + $1.codes.count }
        }

        /// "1 code", "10 codes (7 unused)", plus the replaced ones.
        var text: String {
            var text = single ? t("code_one") : t("codes_count", ["count": "\(count)", "unused": "\(unused)"])
            if earlier > 0 { text += earlier == 1 ? t("earlier_one") : t("earlier", ["count": "\(earlier)"]) }
            return text
        }
    }

    /// A case number as the lists name it: "Receipt number (I-485)".
    struct CaseNumber: Sendable {
        let kind: IdentifierKind
        let label: String

        var text: String { "\(IdentifierPages.kindName(kind)) (\(label))" }
    }

    /// A document as the form and the review name it, in words made on the
    /// request's side (the type's and size's names are the request's language).
    struct DocFacts: Sendable {
        let id: String
        let label: String
        let fileName: String
        let type: DocumentType
        let bytes: Int64

        init(_ d: Document) {
            id = d.idHex
            label = d.metadata.label
            fileName = d.metadata.fileName
            type = d.metadata.type
            bytes = d.metadata.size
        }

        var typeName: String { DocumentPages.typeName(type) }
        var size: String { DocumentPages.size(bytes) }
    }

    /// Everything the form offers, read in one go on the vault's queue.
    struct Options: Sendable {
        struct Rep: Sendable { let name: String; let fingerprint: String }
        struct Code: Sendable { let label: String; let account: String?; let count: CodeCount; let uscis: Bool }

        let reps: [Rep]
        let codes: [Code]
        let identifiers: [CaseNumber]
        let docs: [DocFacts]
        let senderName: String?

        init(_ vault: Vault) throws {
            reps = try vault.representatives.list().map { Rep(name: $0.name, fingerprint: $0.fingerprint) }
            codes = try vault.codes.list().map { s in
                Code(label: s.entry.label, account: s.entry.account, count: CodeCount(s.entry), uscis: ExportPages.isUSCIS(s.entry))
            }
            identifiers = try vault.identifiers.list().map { CaseNumber(kind: $0.identifier.kind, label: $0.identifier.label) }
            docs = try (vault.existingDocuments()?.list() ?? []).map(DocFacts.init)
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
                    var row: [String: Any] = ["index": i, "label": c.label, "text": c.count.text, "uscis": c.uscis,
                                              "checked": choice.codeLabels.contains { $0.lowercased() == c.label.lowercased() }]
                    if let a = c.account { row["account"] = a; row["accountText"] = t("account", ["account": a]) }
                    return row
                },
                "hasIdentifiers": !identifiers.isEmpty,
                "identifierAll": t("ids_all", ["count": identifiers.count == 1 ? t("ids_one") : t("ids_many", ["count": "\(identifiers.count)"])]),
                "identifiers": identifiers.map(\.text),
                "idsChecked": choice.identifiers,
                "hasDocs": !docs.isEmpty,
                "docs": docs.map { d in
                    ["id": d.id, "label": d.label, "type": d.typeName, "size": d.size, "checked": choice.documentIDs.contains(d.id)] as [String: Any]
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
        struct Code: Sendable { let label: String; let account: String?; let count: CodeCount; let uscis: Bool }

        let to: String
        let toFingerprint: String
        let senderName: String
        /// Nil until the first share makes this vault's signing key.
        let senderFingerprint: String?
        let codes: [Code]
        let identifiers: [CaseNumber]
        let docs: [DocFacts]
        let totalBytes: Int64
        /// The choice as checked (names as stored), for the hidden fields.
        let choice: ExportChoice

        /// Runs on the vault's queue: its refusals are in `language`, read
        /// before on the request's task.
        init(_ vault: Vault, _ chosen: ExportChoice, language: Language) throws {
            guard let toName = chosen.to else { throw AppError.invalid(t("choose_to", [:], language)) }
            guard !chosen.isEmpty else {
                throw AppError.invalid(t("choose_what", [:], language))
            }
            let remembered = try vault.shareKeys.senderName()
            guard let name = chosen.senderName ?? remembered else {
                throw AppError.invalid(t("name_missing", [:], language))
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
                codes.append(Code(label: e.label, account: e.account, count: CodeCount(e), uscis: ExportPages.isUSCIS(e)))
                labels.append(e.label)
            }
            self.codes = codes
            identifiers = chosen.identifiers
                ? try vault.identifiers.list().map { CaseNumber(kind: $0.identifier.kind, label: $0.identifier.label) } : []
            var docs: [DocFacts] = []
            var total: Int64 = 0
            if !chosen.documentIDs.isEmpty {
                let all = try vault.existingDocuments()?.list() ?? []
                for id in chosen.documentIDs {
                    guard let d = all.first(where: { $0.idHex == id }) else { throw CaseVaultError.notFound(what: "document", name: id) }
                    docs.append(DocFacts(d))
                    total += d.metadata.size
                }
            }
            self.docs = docs
            totalBytes = total
            var checked = chosen
            checked.to = rep.name
            checked.codeLabels = labels
            checked.senderName = senderName
            choice = checked
        }

        var model: [String: Any] {
            var m: [String: Any] = [
                "to": to, "toFingerprint": toFingerprint, "senderName": senderName,
                "forText": t("for", ["name": to]), "onlyText": t("only", ["name": to]),
                "uscisWarning": t("uscis_warning", ["name": to]), "canCheck": t("can_check", ["name": to]),
                "afterText": t("after_text", ["name": to]),
                "hasCodes": !codes.isEmpty,
                "codes": codes.map { c -> [String: Any] in
                    var row: [String: Any] = ["label": c.label, "text": c.count.text, "uscis": c.uscis,
                                              "codesFor": t("codes_for", ["label": c.label])]
                    if let a = c.account { row["account"] = a; row["accountText"] = t("account_paren", ["account": a]) }
                    return row
                },
                "hasUSCIS": codes.contains(where: \.uscis),
                "hasIdentifiers": !identifiers.isEmpty, "identifierList": identifiers.map(\.text).joined(separator: ", ") + ".",
                "hasDocs": !docs.isEmpty,
                "docs": docs.map { ["label": $0.label, "fileName": $0.fileName, "size": $0.size,
                                    "fileSize": t("file_size", ["file": $0.fileName, "size": $0.size])] },
                "inAll": t("in_all", ["count": docs.count == 1 ? t("doc_one") : t("docs_many", ["count": "\(docs.count)"]),
                                      "size": DocumentPages.size(totalBytes)]),
                "hidden": choice.hiddenFields,
            ]
            if let senderFingerprint { m["senderFingerprint"] = senderFingerprint }
            return m
        }
    }

    /// The download's file name: "CaseVault share for Jane Doe, Esq. 2026-12-05.age"
    /// (made safe for every system by `AppRoutes.contentDisposition`).
    static func fileName(to name: String, on date: Date = Date()) -> String {
        t("file_name", ["name": name, "day": DocumentPages.day(date)])
    }
}
