import CaseVault
import Foundation

/// What the case-number pages show, built inside `withVault` as Sendable
/// values: values masked but for their last four characters (as `id list`),
/// one value in full only as the answer to its Show button (a POST).
enum IdentifierPages {
    struct Row: Sendable {
        let id: String
        let label: String
        let kind: IdentifierKind
        let masked: String
        let note: String?
        /// Only for the one identifier shown in full.
        let value: String?
        let formatted: String?

        init(_ s: StoredIdentifier, reveal: Bool) {
            let i = s.identifier
            id = s.id
            label = i.label
            kind = i.kind
            masked = i.kind.masked(i.value)
            note = i.note
            value = reveal ? i.value : nil
            formatted = reveal ? i.kind.formatted(i.value) : nil
        }

        var model: [String: Any] {
            var m: [String: Any] = ["id": id, "label": label, "kindName": IdentifierPages.kindName(kind), "masked": masked, "revealed": value != nil]
            if let note, !note.isEmpty { m["note"] = note }
            let kindName = IdentifierPages.kindName(kind)
            m["removeTitle"] = AppLanguage.text("app.ids.remove_title", ["label": label])
            m["removeWarning"] = AppLanguage.text("app.ids.remove_warning", ["label": label, "kind": kindName])
            m["removeYes"] = AppLanguage.text("app.ids.remove_yes", ["label": label])
            if let value, let formatted {
                m["formatted"] = formatted
                // The plain form too when it differs (A-012-345-678 is typed
                // into forms as A012345678).
                if formatted != value { m["plain"] = value }
            }
            return m
        }
    }

    /// A kind's name in the request's language (English: the library's own).
    static func kindName(_ kind: IdentifierKind) -> String {
        AppLanguage.text("app.ids.kind." + kind.rawValue)
    }

    /// A kind's expected format in the request's language.
    static func format(_ kind: IdentifierKind) -> String {
        AppLanguage.text("app.ids.format." + kind.rawValue,
                         ["prefixes": IdentifierKind.receiptPrefixes.sorted().joined(separator: ", ")])
    }

    static func rows(_ all: [StoredIdentifier], reveal id: String? = nil) -> [Row] {
        all.map { Row($0, reveal: $0.id == id) }
    }

    static func listModel(_ rows: [Row], notice: String?) -> [String: Any] {
        var m: [String: Any] = ["rows": rows.map(\.model), "hasRows": !rows.isEmpty]
        if let notice { m["notice"] = notice }
        return m
    }

    /// The add form: the kinds with their formats, what was typed, and the
    /// problem when it comes back refused.
    static func formModel(kind: IdentifierKind? = nil, value: String? = nil, label: String? = nil, note: String? = nil,
                          problem: FormProblem? = nil) -> [String: Any] {
        var m: [String: Any] = [
            "kinds": IdentifierKind.allCases.map { k -> [String: Any] in
                ["value": k.rawValue, "name": kindName(k), "format": format(k), "selected": k == kind]
            },
            "value": value ?? "", "label": label ?? "", "note": note ?? "",
        ]
        if let problem { m["problem"] = problem.model }
        return m
    }
}
