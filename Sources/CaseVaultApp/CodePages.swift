import CaseVault
import CaseVaultText
import Foundation

/// What the backup-code pages show, built from the vault inside
/// `withVault` as Sendable values, then turned into template models.
///
/// Codes are in a page's data only when the page reveals them (after the
/// Show button, or the one code just used); lists and the entry's page
/// carry counts and dates only.
enum CodePages {
    /// The backup-code pages' words (`app.codes.KEY`) in `language`
    /// (pages made on the vault queue pass the language read before).
    static func t(_ key: String, _ values: [String: String] = [:], _ language: Language = AppLanguage.current) -> String {
        Catalogue.text("app.codes." + key, language, values)
    }

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

        var kindText: String { t(kind == .single ? "kind_single" : "kind_list") }

        var countText: String {
            if kind == .single { return usedAt.map { t("used_on", ["day": DayText.day($0)]) } ?? t("not_used") }
            return t("counts", ["unused": "\(unused)", "total": "\(total)"])
        }

        /// What needs doing, if anything (as the home page and `code list` warn).
        var warning: String? {
            if kind == .list && unused == 0 {
                return t("none_left")
            }
            if kind == .list && unused <= CodeEntry.lowWaterMark {
                return t(unused == 1 ? "low_one" : "low", ["count": "\(unused)"])
            }
            if let used = usedAt {
                return t("single_used", ["day": DayText.day(used)])
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
                "storedText": t("stored_text", ["added": DayText.day(addedAt), "updated": DayText.day(updatedAt)]),
                "removeTitle": t("remove_title", ["label": label]),
                "removeWarning": t("remove_warning", ["label": label, "counts": countText]),
                "removeYes": t("remove_yes", ["label": label]),
                "replaceHeading": t("replace_heading", ["label": label]),
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
            var m: [String: Any] = ["number": number, "code": code, "id": id, "unused": usedAt == nil,
                                    "copyLabel": t("copy_number", ["number": "\(number)"])]
            if let usedAt {
                m["usedOn"] = DayText.day(usedAt)
                m["usedText"] = t("used_day", ["day": DayText.day(usedAt)])
            }
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
                    "period": t(h.count == 1 ? "period_one" : "period", [
                        "from": DayText.day(h.addedAt), "to": DayText.day(h.supersededAt),
                        "count": "\(h.count)", "used": "\(h.used)"]),
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
        func notes(_ language: Language) -> [String] {
            if let before = previouslyUsedAt {
                return [t("already_used", ["day": DayText.day(before)], language)]
            }
            if kind == .list && remaining <= CodeEntry.lowWaterMark {
                return [t(remaining == 1 ? "low_one" : "low", ["count": "\(remaining)"], language)]
            }
            if kind == .single {
                return [t("new_single", [:], language)]
            }
            return []
        }

        /// Made on the vault queue (inside the use's transaction): the
        /// language comes from the request, read before.
        func model(_ language: Language) -> [String: Any] {
            let notes = notes(language)
            return [
                "label": label, "code": code,
                "remainingText": kind == .single ? t("used_now_single", [:], language)
                    : t(remaining == 1 ? "used_now_one" : "used_now", ["count": "\(remaining)"], language),
                "heading": t("used_heading", ["label": label], language),
                "copyText": t("copy_code", [:], language), "replaceText": t("replace", [:], language),
                "noReload": t("no_reload", [:], language), "backEmergency": t("back_emergency", [:], language),
                "backEntry": t("back_entry", ["label": label], language),
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
                                "limitKiB": CodeSubmission.limit / 1024,
                                "fileHint": t("file_hint", ["kib": "\(CodeSubmission.limit / 1024)"])]
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
        let what = t(kind == .single ? "what_single" : "what_list")
        let values = ["count": "\(count)", "what": what]
        switch done {
        case "added": out.append(t(count == 1 ? "stored_one" : "stored_many", values))
        case "replaced": out.append(t("replaced_notice", values))
        case "primary": out.append(t("primary_notice"))
        default: return []
        }
        let skippedLines = parseNumbers(skipped)
        if !skippedLines.isEmpty {
            out.append(t(skippedLines.count == 1 ? "skipped_one" : "skipped_many", ["lines": lines(skippedLines)]))
        }
        let repeatedLines = parseNumbers(repeated)
        if !repeatedLines.isEmpty {
            out.append(t("repeated", ["lines": lines(repeatedLines)]))
        }
        return out
    }

    private static func parseNumbers(_ s: String?) -> [Int] {
        guard let s else { return [] }
        return s.split(separator: ",").prefix(50).compactMap { Int($0) }.filter { $0 > 0 }
    }

    /// "line 3", "lines 1, 2 and 12"
    static func lines(_ numbers: [Int]) -> String {
        guard numbers.count > 1 else { return t("line", ["n": "\(numbers.first ?? 0)"]) }
        let shown = numbers.map(String.init)
        return t("lines", ["list": shown.dropLast().joined(separator: ", "), "last": shown.last!])
    }
}
