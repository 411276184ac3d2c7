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
        // What needs attention is the library's one decision (VaultAttention);
        // only the wording and the links are the app's.
        let due = try VaultAttention(vault, now: now)
        for item in due.items {
            switch item {
            case .codesRunningLow(let label, let unused):
                attention.append(.init(text: t(unused == 1 ? "low_one" : "low", ["label": label, "count": "\(unused)"]),
                                       link: CodeLinks.entry(label), action: t("replace_codes")))
            case .singleCodeUsed(let label):
                attention.append(.init(text: t("single_used", ["label": label]), link: CodeLinks.entry(label), action: t("replace_code")))
            case .uscisCodeNotReplaced(let label, let days):
                let years = days / 365
                attention.append(.init(text: t(years == 1 ? "uscis_old_one" : "uscis_old", ["label": label, "count": "\(years)"]),
                                       link: CodeLinks.entry(label), action: t("replace_code")))
            case .documentExpiring(_, _, let label, let expires, let days):
                let when = days < 0 ? t("expired_ago", ["count": "\(-days)"])
                    : t(days == 1 ? "expires_in_one" : "expires_in", ["count": "\(days)"])
                attention.append(.init(text: t("renew", ["label": label, "when": when, "day": expires.description]),
                                       link: "/documents", action: t("see_documents")))
            }
        }
        if let days = due.uscisCodeAgeDays {
            let when = days == 0 ? t("today") : t(days == 1 ? "day_ago" : "days_ago", ["count": "\(days)"])
            uscisReplaced = t("uscis_replaced", ["when": when])
        }
        codeCounts = t("code_counts", ["sites": "\(codeEntries)", "unused": "\(unusedCodes)"])
        if let store = try vault.existingDocuments() {
            documents = try store.list().count
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
