import CaseVault
import Foundation

/// What the Clients pages show of the inbox, in the app's words: the
/// values each template reads. Names of clients whose names look like
/// another's are shown with what differs written out (`Maria\u{A0}Lopez`),
/// as `share list` shows them.
enum InboxPages {
    /// The list page: one page of clients, the search, the pager.
    static func listModel(_ page: InboxDirectory.Page, query: String?, hasIdentity: Bool) -> [String: Any] {
        var m: [String: Any] = [
            "clients": page.clients.map(row), "hasClients": !page.clients.isEmpty,
            "query": query ?? "", "searching": query != nil, "noIdentity": !hasIdentity,
            "emptyInbox": page.allClients == 0,
        ]
        let count = page.total == 1 ? "1 client" : "\(page.total) clients"
        if let query {
            m["countText"] = page.total == 0 ? "No client has a name containing \u{201C}\(query)\u{201D}." : "\(count) whose name contains \u{201C}\(query)\u{201D}."
        } else {
            m["countText"] = "\(count), the latest to send something first."
        }
        if page.pageCount > 1 {
            var pager: [String: Any] = ["text": "Page \(page.number) of \(page.pageCount)"]
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
            "pinned": c.pinned, "count": c.shareCount == 1 ? "1 share" : "\(c.shareCount) shares",
            "latest": DayText.day(c.newestShare),
        ]
        if !c.looksLike.isEmpty { r["looksLike"] = c.looksLike.map { LookalikeName.revealed($0) }.joined(separator: ", ") }
        if c.flaggedShares > 0 { r["flagged"] = true }
        return r
    }

    /// What a share holds, in a few words, from its summary.
    static func contents(_ s: InboxShareSummary) -> String {
        let docs = s.documents.count
        let parts = [s.hasCodes ? "backup codes and case numbers" : nil, docs > 0 ? "\(docs) document\(docs == 1 ? "" : "s")" : nil].compactMap { $0 }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }

    /// A client's page: the pin and every share, newest first.
    static func clientModel(_ c: InboxDirectory.Client) -> [String: Any] {
        var m: [String: Any] = ["name": shownName(c.summary), "fingerprint": c.summary.fingerprint, "hasShares": !c.shares.isEmpty]
        if let pin = c.pin {
            m["pinnedSince"] = DayText.day(pin.pinnedAt)
            let earlier = pin.previousKeys.compactMap { try? SignerKey(parsing: $0).fingerprint }
            if !earlier.isEmpty { m["earlierKeys"] = earlier; m["hasEarlierKeys"] = true }
        }
        if !c.summary.looksLike.isEmpty { m["looksLike"] = c.summary.looksLike.map { LookalikeName.revealed($0) }.joined(separator: ", ") }
        m["shares"] = c.shares.map { s -> [String: Any] in
            let standing = ShareStanding(s, pin: c.pin)
            var r: [String: Any] = [
                "link": "/shares/\(s.id)", "made": ShareWords.moment(s.created),
                "received": DayText.day(s.receivedAt), "shortID": String(s.id.prefix(12)),
                "trusted": standing.isTrusted,
                "contents": standing.isTrusted ? contents(s) : "not shown",
            ]
            switch standing {
            case .lookalike: r["status"] = "Held back: the name looks like another client's"
            case .notPinned: r["status"] = "Refused: not signed by this client's key"
            case .earlierKey: r["status"] = "Signed with the client's earlier key"
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
