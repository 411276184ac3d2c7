import CaseVault
import CaseVaultText
import Foundation
import Hummingbird

/// Home: what is stored, and what needs attention.
extension AppRoutes {
    func registerHome(on router: Router<AppContext>) {
        router.get("/") { _, _ -> Response in
            // Read here: the vault closure runs on another queue.
            let language = AppLanguage.current
            let summary = try await session.withVault { vault in try HomeSummary(vault, language: language) }
            return views.response("home", page(AppLanguage.text("app.nav.home"), section: "home"), summary.model)
        }
    }
}

/// What the home page shows, read from the vault in one go.
struct HomeSummary: Sendable {
    struct Attention: Sendable {
        let text: String
        let link: String
        let action: String
    }

    var codeEntries = 0
    var unusedCodes = 0
    var identifiers = 0
    var documents = 0
    var attention: [Attention] = []
    var uscisReplaced: String?
    var codeCounts = ""

    init(_ vault: Vault, now: Date = Date(), language: Language = .english) throws {
        func t(_ key: String, _ values: [String: String] = [:]) -> String {
            Catalogue.text("app.home." + key, language, values)
        }
        let codes = try vault.codes.list()
        codeEntries = codes.count
        unusedCodes = codes.reduce(0) { $0 + $1.entry.unusedCount }
        identifiers = try vault.identifiers.list().count
        for c in codes {
            let e = c.entry
            let link = CodeLinks.entry(e.label)
            if e.kind == .list && e.isLow {
                attention.append(.init(text: t(e.unusedCount == 1 ? "low_one" : "low", ["label": e.label, "count": "\(e.unusedCount)"]),
                                      link: link, action: t("replace_codes")))
            } else if e.kind == .single, e.codes.first?.isUsed == true {
                attention.append(.init(text: t("single_used", ["label": e.label]), link: link, action: t("replace_code")))
            }
            if e.label.lowercased() == "uscis" {
                let days = Int(now.timeIntervalSince(e.history.last?.supersededAt ?? e.addedAt) / 86_400)
                uscisReplaced = days == 0 ? t("today") : t(days == 1 ? "day_ago" : "days_ago", ["count": "\(days)"])
            }
        }
        codeCounts = t("code_counts", ["sites": "\(codeEntries)", "unused": "\(unusedCodes)"])
        if let uscisReplaced { self.uscisReplaced = t("uscis_replaced", ["when": uscisReplaced]) }
        if let store = try vault.existingDocuments() {
            documents = try store.list().count
            for d in try store.expiring(within: 180) {
                let days = d.daysUntilExpiry() ?? 0
                let when = days < 0 ? t("expired_ago", ["count": "\(-days)"])
                    : t(days == 1 ? "expires_in_one" : "expires_in", ["count": "\(days)"])
                attention.append(.init(text: t("renew", ["label": d.metadata.label, "when": when, "day": d.metadata.expires?.description ?? "?"]),
                                       link: "/documents", action: t("see_documents")))
            }
        }
    }

    var model: [String: Any] {
        var m: [String: Any] = [
            "codeEntries": codeEntries, "unusedCodes": unusedCodes, "codeCounts": codeCounts, "identifiers": identifiers, "documents": documents,
            "attention": attention.map { ["text": $0.text, "link": $0.link, "action": $0.action] },
            "hasAttention": !attention.isEmpty,
        ]
        if let uscisReplaced { m["uscisReplaced"] = uscisReplaced }
        return m
    }
}

extension AppRoutes {
    /// A label as one URL path component (percent-encoded; labels may hold spaces and more).
    static func pathComponent(_ label: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return label.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
