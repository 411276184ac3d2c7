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
        for c in codes {
            let e = c.entry
            let link = CodeLinks.entry(e.label)
            if e.kind == .list && e.isLow {
                attention.append(.init(text: "\(e.label): \(e.unusedCount) unused code\(e.unusedCount == 1 ? "" : "s") left. Get new codes from the site and replace them here.", link: link, action: "Replace codes"))
            } else if e.kind == .single, e.codes.first?.isUsed == true {
                attention.append(.init(text: "\(e.label): the backup code was used. If the site gave you a new one, replace it here.", link: link, action: "Replace the code"))
            }
            if e.label.lowercased() == "uscis" {
                let days = Int(now.timeIntervalSince(e.history.last?.supersededAt ?? e.addedAt) / 86_400)
                uscisReplaced = days == 0 ? "today" : "\(days) day\(days == 1 ? "" : "s") ago"
            }
        }
        if let store = try vault.existingDocuments() {
            documents = try store.list().count
            for d in try store.expiring(within: 180) {
                let days = d.daysUntilExpiry() ?? 0
                let when = days < 0 ? "expired \(-days) days ago" : "expires in \(days) day\(days == 1 ? "" : "s")"
                attention.append(.init(text: "\(d.metadata.label) \(when) (on \(d.metadata.expires?.description ?? "?")). Renewals take months: start now.", link: "/documents", action: "See documents"))
            }
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
