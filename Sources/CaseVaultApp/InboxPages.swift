import CaseVault
import CaseVaultText
import Foundation

/// What the Clients pages show of the inbox, in the app's words: the
/// values each template reads. Names of clients whose names look like
/// another's are shown with what differs written out (`Maria\u{A0}Lopez`),
/// as `share list` shows them.
enum InboxPages {
    /// The Clients pages' words (`app.inbox.KEY`) in `language`.
    static func t(_ key: String, _ values: [String: String] = [:], _ language: Language = AppLanguage.current) -> String {
        Catalogue.text("app.inbox." + key, language, values)
    }

    /// The list page: one page of clients, the search, the pager.
    static func listModel(_ page: InboxDirectory.Page, query: String?, hasIdentity: Bool) -> [String: Any] {
        var m: [String: Any] = [
            "clients": page.clients.map(row), "hasClients": !page.clients.isEmpty,
            "query": query ?? "", "searching": query != nil, "noIdentity": !hasIdentity,
            "emptyInbox": page.allClients == 0,
        ]
        let count = page.total == 1 ? t("client_one") : t("clients_many", ["count": "\(page.total)"])
        if let query {
            m["countText"] = page.total == 0 ? t("no_match", ["query": query]) : t("matching", ["count": count, "query": query])
        } else {
            m["countText"] = t("count_all", ["count": count])
        }
        if page.pageCount > 1 {
            var pager: [String: Any] = ["text": t("page_of", ["number": "\(page.number)", "count": "\(page.pageCount)"])]
            if page.number > 1 { pager["previous"] = listLink(query: query, page: page.number - 1) }
            if page.number < page.pageCount { pager["next"] = listLink(query: query, page: page.number + 1) }
            m["pager"] = pager
        }
        return m
    }

    /// `/clients`, with the search and page number when they are not the first.
    static func listLink(query: String?, page: Int) -> String {
        var items: [String] = []
        // Everything but unreserved characters escaped: `&`, `=`, `+` and
        // `#` in a search must come back as typed.
        var unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        unreserved.insert(charactersIn: "-._~")
        if let query { items.append("q=" + (query.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")) }
        if page > 1 { items.append("page=\(page)") }
        return items.isEmpty ? "/clients" : "/clients?" + items.joined(separator: "&")
    }

    static func shownName(_ c: InboxClient) -> String {
        !c.looksLike.isEmpty || c.flaggedShares > 0 ? LookalikeName.revealed(c.name) : c.name
    }

    /// One row of the list.
    static func row(_ c: InboxClient) -> [String: Any] {
        var r: [String: Any] = [
            "link": "/clients/\(c.id)", "name": shownName(c), "fingerprint": c.fingerprint,
            "pinned": c.pinned, "count": c.shareCount == 1 ? t("share_one") : t("shares_many", ["count": "\(c.shareCount)"]),
            "latest": DayText.day(c.newestShare),
        ]
        if !c.looksLike.isEmpty {
            let names = c.looksLike.map { LookalikeName.revealed($0) }.joined(separator: ", ")
            r["looksLike"] = names
            r["looksLikeText"] = t("looks_like", ["names": names])
        }
        if c.flaggedShares > 0 { r["flagged"] = true }
        return r
    }

    /// What a share holds, in a few words, from its summary.
    static func contents(_ s: InboxShareSummary) -> String {
        words(hasCodes: s.hasCodes, documents: s.documents.count)
    }

    /// "backup codes and case numbers, 2 documents", or "nothing", in `language`.
    static func words(hasCodes: Bool, documents docs: Int, _ language: Language = AppLanguage.current) -> String {
        let parts = [hasCodes ? t("codes_and_ids", [:], language) : nil,
                     docs > 0 ? (docs == 1 ? t("doc_one", [:], language) : t("docs_many", ["count": "\(docs)"], language)) : nil].compactMap { $0 }
        return parts.isEmpty ? t("nothing", [:], language) : parts.joined(separator: ", ")
    }

    /// A client's page: the pin and every share, newest first.
    static func clientModel(_ c: InboxDirectory.Client) -> [String: Any] {
        var m: [String: Any] = ["name": shownName(c.summary), "fingerprint": c.summary.fingerprint, "hasShares": !c.shares.isEmpty]
        if let pin = c.pin {
            m["pinnedSince"] = DayText.day(pin.pinnedAt)
            m["sinceText"] = t("since", ["day": DayText.day(pin.pinnedAt)])
            let earlier = pin.previousKeys.compactMap { try? SignerKey(parsing: $0).fingerprint }
            if !earlier.isEmpty { m["earlierKeys"] = earlier; m["hasEarlierKeys"] = true }
        }
        if !c.summary.looksLike.isEmpty {
            let names = c.summary.looksLike.map { LookalikeName.revealed($0) }.joined(separator: ", ")
            m["looksLike"] = names
            m["looksLikeText"] = t("client_looks_like", ["names": names])
        }
        m["shares"] = c.shares.map { s -> [String: Any] in
            let standing = ShareStanding(s, pin: c.pin)
            var r: [String: Any] = [
                "link": "/shares/\(s.id)", "made": ShareWords.moment(s.created),
                "received": DayText.day(s.receivedAt), "shortID": String(s.id.prefix(12)),
                "openLabel": t("open_share", ["id": String(s.id.prefix(12))]),
                "trusted": standing.isTrusted,
                "contents": standing.isTrusted ? contents(s) : t("not_shown"),
            ]
            switch standing {
            case .lookalike: r["status"] = t("status_lookalike")
            case .notPinned: r["status"] = t("status_not_pinned")
            case .earlierKey: r["status"] = t("status_earlier")
            case .pinned: break
            }
            return r
        }
        return m
    }
}

extension String {
    /// Nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
