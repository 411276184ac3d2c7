import CaseVault
import Foundation

/// What the backup-code pages show, built from the vault inside
/// `withVault` as Sendable values, then turned into template models.
///
/// Codes are in a page's data only when the page reveals them (after the
/// Show button, or the one code just used); lists and the entry's page
/// carry counts and dates only.
enum CodePages {
    /// An entry without its codes: what the list and the entry's page say about it.
    struct Summary: Sendable {
        let label: String
        let account: String?
        let kind: CodeEntry.Kind
        let unused: Int
        let total: Int
        let primary: Bool
        let addedAt: Date
        let updatedAt: Date
        /// For a single code: when it was marked used.
        let usedAt: Date?

        init(_ e: CodeEntry) {
            label = e.label
            account = e.account
            kind = e.kind
            unused = e.unusedCount
            total = e.codes.count
            primary = e.primary
            addedAt = e.addedAt
            updatedAt = e.updatedAt
            usedAt = e.kind == .single ? e.codes.first?.usedAt : nil
        }

        var kindText: String { kind == .single ? "One backup code" : "One-time codes" }

        var countText: String {
            if kind == .single { return usedAt.map { "Used on \(DayText.day($0))" } ?? "Not used yet" }
            return "\(unused) of \(total) unused"
        }

        /// What needs doing, if anything (as the home page and `code list` warn).
        var warning: String? {
            if kind == .list && unused == 0 {
                return "No unused code left. Get new codes from the site, then replace them here."
            }
            if kind == .list && unused <= CodeEntry.lowWaterMark {
                return "Only \(unused) unused code\(unused == 1 ? "" : "s") left. Get new codes from the site, then replace them here."
            }
            if let used = usedAt {
                return "This code was marked used on \(DayText.day(used)). If the site gave you a new one, replace it here."
            }
            return nil
        }

        var model: [String: Any] {
            var m: [String: Any] = [
                "label": label, "link": CodeLinks.entry(label), "kindText": kindText, "countText": countText,
                "primary": primary, "isList": kind == .list,
                "added": DayText.day(addedAt), "updated": DayText.day(updatedAt),
                "useAction": CodeLinks.entry(label, action: "use"),
                "showAction": CodeLinks.entry(label, action: "show"),
                "replaceLink": CodeLinks.entry(label, action: "replace"),
                "primaryAction": CodeLinks.entry(label, action: "primary"),
                "removeAction": CodeLinks.entry(label, action: "remove"),
                "canUse": unused > 0 || (kind == .single && total > 0),
            ]
            if let account { m["account"] = account }
            if let warning { m["warning"] = warning }
            return m
        }
    }

    /// A code shown in full (after Show), with its used mark.
    struct ShownCode: Sendable {
        let number: Int
        let code: String
        let usedAt: Date?

        func model(id: String) -> [String: Any] {
            var m: [String: Any] = ["number": number, "code": code, "id": id, "unused": usedAt == nil]
            if let usedAt { m["usedOn"] = DayText.day(usedAt) }
            return m
        }
    }

    /// A set of codes that was replaced.
    struct OldSet: Sendable {
        let addedAt: Date
        let supersededAt: Date
        let count: Int
        let used: Int
        /// Only when revealed.
        let codes: [ShownCode]?
    }

    /// The entry's page: its summary, its history, and (after Show) its codes.
    struct Detail: Sendable {
        let summary: Summary
        let history: [OldSet]
        let codes: [ShownCode]?

        init(_ e: CodeEntry, reveal: Bool) {
            summary = Summary(e)
            codes = reveal ? Detail.shown(e.codes) : nil
            // Newest replaced set first.
            history = e.history.reversed().map { h in
                OldSet(addedAt: h.addedAt, supersededAt: h.supersededAt, count: h.codes.count,
                       used: h.codes.filter(\.isUsed).count, codes: reveal ? Detail.shown(h.codes) : nil)
            }
        }

        static func shown(_ codes: [BackupCode]) -> [ShownCode] {
            codes.enumerated().map { ShownCode(number: $0.offset + 1, code: $0.element.code, usedAt: $0.element.usedAt) }
        }

        func model(notices: [String]) -> [String: Any] {
            var m = summary.model
            m["revealed"] = codes != nil
            m["codes"] = (codes ?? []).map { $0.model(id: "code-\($0.number)") }
            m["hasHistory"] = !history.isEmpty
            m["history"] = history.enumerated().map { index, h -> [String: Any] in
                var item: [String: Any] = [
                    "from": DayText.day(h.addedAt), "to": DayText.day(h.supersededAt),
                    "count": "\(h.count) code\(h.count == 1 ? "" : "s")", "used": "\(h.used) used",
                ]
                item["hasOld"] = h.codes != nil
                if let codes = h.codes { item["oldCodes"] = codes.map { $0.model(id: "old-\(index + 1)-\($0.number)") } }
                return item
            }
            m["notices"] = notices
            return m
        }
    }

    /// The page of a code just used: the code, large, and what is left.
    struct Used: Sendable {
        let label: String
        let code: String
        let kind: CodeEntry.Kind
        let remaining: Int
        let previouslyUsedAt: Date?
        let fromEmergency: Bool

        init(_ use: CodeUse, fromEmergency: Bool) {
            label = use.entry.label
            code = use.code
            kind = use.entry.kind
            remaining = use.remaining
            previouslyUsedAt = use.previouslyUsedAt
            self.fromEmergency = fromEmergency
        }

        /// The warnings `code use` prints, in the app's words.
        var notes: [String] {
            if let before = previouslyUsedAt {
                return ["This backup code was already used on \(DayText.day(before)). If the site refuses it, get a new one from the site and replace it here."]
            }
            if kind == .list && remaining <= CodeEntry.lowWaterMark {
                return ["Only \(remaining) unused code\(remaining == 1 ? "" : "s") left. Get new codes from the site, then replace them here."]
            }
            if kind == .single {
                return ["When you change your two-step method, the site gives you a new backup code: store it here."]
            }
            return []
        }

        var model: [String: Any] {
            [
                "label": label, "code": code,
                "remainingText": kind == .single ? "It is now marked used. It stays your code until you replace it."
                    : "It is now marked used. \(remaining) unused code\(remaining == 1 ? "" : "s") left.",
                "notes": notes, "hasNotes": !notes.isEmpty,
                "link": CodeLinks.entry(label), "replaceLink": CodeLinks.entry(label, action: "replace"),
                "fromEmergency": fromEmergency,
            ]
        }
    }

    /// The position (from 1) of the code a use handed out.
    static func position(of use: CodeUse) -> Int? {
        use.entry.codes.firstIndex { $0.code == use.code }.map { $0 + 1 }
    }

    /// The add and replace forms' values: what was typed (never the codes)
    /// and the problem, when the form comes back refused.
    static func formModel(label: String? = nil, account: String? = nil, primary: Bool = false, problem: FormProblem? = nil) -> [String: Any] {
        var m: [String: Any] = ["label": label ?? "", "account": account ?? "", "primary": primary,
                                "limitKiB": CodeSubmission.limit / 1024]
        if let problem { m["problem"] = problem.model }
        return m
    }

    // MARK: - What the entry's page says after a change

    /// The query the add and replace forms redirect with: what was stored
    /// and which lines were skipped (numbers only, never a code).
    static func doneQuery(_ done: String, stored: Int, reading: CodeReading) -> [(String, String)] {
        var q: [(String, String)] = [("done", done), ("codes", String(stored))]
        if !reading.skippedLines.isEmpty { q.append(("skipped", numbers(reading.skippedLines))) }
        if !reading.duplicateLines.isEmpty { q.append(("repeated", numbers(reading.duplicateLines))) }
        return q
    }

    private static func numbers(_ lines: [Int]) -> String {
        lines.prefix(50).map(String.init).joined(separator: ",")
    }

    /// The notices for the entry's page from that query. Only known words and
    /// numbers are read back: anything else in the address is ignored.
    static func notices(done: String?, codes: String?, skipped: String?, repeated: String?, kind: CodeEntry.Kind) -> [String] {
        var out: [String] = []
        let count = codes.flatMap(Int.init) ?? 0
        let what = kind == .single ? "a single backup code" : "one-time codes"
        switch done {
        case "added": out.append("Stored \(count) code\(count == 1 ? "" : "s") (\(what)).")
        case "replaced": out.append("Replaced the codes: \(count) new (\(what)). The old ones are kept below, dated.")
        case "primary": out.append("This entry now comes first on the emergency page.")
        default: return []
        }
        let skippedLines = parseNumbers(skipped)
        if !skippedLines.isEmpty {
            out.append("Skipped \(lines(skippedLines)) as heading\(skippedLines.count == 1 ? "" : "s") or note\(skippedLines.count == 1 ? "" : "s"). Check that no code was among them.")
        }
        let repeatedLines = parseNumbers(repeated)
        if !repeatedLines.isEmpty {
            out.append("Skipped \(lines(repeatedLines)): the same code as an earlier line.")
        }
        return out
    }

    private static func parseNumbers(_ s: String?) -> [Int] {
        guard let s else { return [] }
        return s.split(separator: ",").prefix(50).compactMap { Int($0) }.filter { $0 > 0 }
    }

    /// "line 3", "lines 1, 2 and 12"
    static func lines(_ numbers: [Int]) -> String {
        guard numbers.count > 1 else { return "line \(numbers.first ?? 0)" }
        let shown = numbers.map(String.init)
        return "lines " + shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }
}
