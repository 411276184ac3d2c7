import CaseVault
import CaseVaultText
import Foundation

/// What the representative pages show, and their addresses.
///
/// A representative is addressed by name in a query parameter
/// (`/representatives/show?name=Jane%20Doe`): a name may be anything a
/// person is called ("Jane Doe, Esq.", "." is refused by the library but
/// "new" is not), and a query value needs no exceptions. Names are not
/// secret; recipients are public keys.
enum RepresentativePages {
    /// The representative pages' words (`app.reps.KEY`) in `language`.
    static func t(_ key: String, _ values: [String: String] = [:], _ language: Language = AppLanguage.current) -> String {
        Catalogue.text("app.reps." + key, language, values)
    }

    struct Row: Sendable {
        let name: String
        let recipient: String
        let fingerprint: String
        let added: String
        /// A post-quantum recipient (age1pq1…), else a classic one (age1…).
        let isPostQuantum: Bool

        init(_ r: Representative) {
            name = r.name
            isPostQuantum = r.isPostQuantum
            recipient = r.recipient
            fingerprint = r.fingerprint
            added = DayText.day(r.addedAt)
        }

        /// The kind in the page's words ("post-quantum" or "classic").
        var kind: String { t(isPostQuantum ? "kind_pq" : "kind_classic") }

        var model: [String: Any] {
            ["name": name, "recipient": recipient, "fingerprint": fingerprint, "added": added, "kind": kind,
             "link": RepresentativePages.link(name), "removeLink": RepresentativePages.link(name, action: "remove"),
             "exportLink": "/export?to=" + AppRoutes.pathComponent(name),
             "callText": t("call", ["name": name]), "mismatchText": t("mismatch", ["name": name]),
             "sendToText": t("send_to", ["name": name]), "removeTitle": t("remove_title", ["name": name]),
             "removeWarning": t("remove_warning", ["name": name]), "removeYes": t("remove_yes", ["name": name])]
        }
    }

    /// `/representatives/show?name=…`, or another action's page.
    static func link(_ name: String, action: String = "show") -> String {
        "/representatives/\(action)?name=" + AppRoutes.pathComponent(name)
    }

    /// The add form's values: what was typed comes back after a refusal
    /// (a name, and a pasted recipient unless it held a secret key).
    static func formModel(name: String? = nil, recipient: String? = nil, problem: FormProblem? = nil) -> [String: Any] {
        var m: [String: Any] = ["fileHint": t("file_hint", ["limit": "\(RecipientText.fileLimit / 1024)"])]
        if let name { m["name"] = name }
        if let recipient { m["recipient"] = recipient }
        if let problem { m["problem"] = problem.model }
        return m
    }
}
