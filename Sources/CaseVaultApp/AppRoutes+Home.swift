import CaseVault
import Foundation
import Hummingbird

/// Home: what is stored, and what needs attention.
extension AppRoutes {
    func registerHome(on router: Router<AppContext>) {
        router.get("/") { _, _ -> Response in
            let summary = try await session.withVault { vault in try HomeSummary(vault) }
            return views.response("home", page("Home", section: "home"), summary.model)
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

    init(_ vault: Vault, now: Date = Date()) throws {
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
                attention.append(.init(text: "\(label): \(unused) unused code\(unused == 1 ? "" : "s") left. Get new codes from the site and replace them here.", link: CodeLinks.entry(label), action: "Replace codes"))
            case .singleCodeUsed(let label):
                attention.append(.init(text: "\(label): the backup code was used. If the site gave you a new one, replace it here.", link: CodeLinks.entry(label), action: "Replace the code"))
            case .uscisCodeNotReplaced(let label, let days):
                attention.append(.init(text: "\(label): the backup code was last replaced \(days / 365 == 1 ? "a year" : "\(days / 365) years") ago. Consider getting a new one from USCIS and replacing it here.", link: CodeLinks.entry(label), action: "Replace the code"))
            case .documentExpiring(_, _, let label, let expires, let days):
                let when = days < 0 ? "expired \(-days) days ago" : "expires in \(days) day\(days == 1 ? "" : "s")"
                attention.append(.init(text: "\(label) \(when) (on \(expires.description)). Renewals take months: start now.", link: "/documents", action: "See documents"))
            }
        }
        if let days = due.uscisCodeAgeDays {
            uscisReplaced = days == 0 ? "today" : "\(days) day\(days == 1 ? "" : "s") ago"
        }
        if let store = try vault.existingDocuments() {
            documents = try store.list().count
        }
    }

    var model: [String: Any] {
        var m: [String: Any] = [
            "codeEntries": codeEntries, "unusedCodes": unusedCodes, "identifiers": identifiers, "documents": documents,
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
