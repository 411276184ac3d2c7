import CaseVault
import CaseVaultText
import Foundation
import Hummingbird
import ShamirKit
import SodiumKit

/// Trusted-people recovery in the app: the status (who holds a share, the
/// threshold, when the copy was made and refreshed) and the drill (shares
/// typed back are checked, and whether together they open the emergency
/// copy; nothing is opened). Setting up and opening stay with the command
/// line (docs/recovery.md), as the pages say.
extension AppRoutes {
    func registerRecovery(on router: Router<AppContext>) {
        router.get("/recovery") { _, _ -> Response in
            let setup = try await session.withVault { vault in try vault.recovery.current() }
            return views.response("recovery", page(RecoveryPages.t("title"), section: "share"), RecoveryPages.statusModel(setup))
        }

        router.get("/recovery/drill") { _, _ -> Response in
            let setup = try await session.withVault { vault in try vault.recovery.current() }
            guard setup != nil else { return AppResponses.seeOther("/recovery") }
            return views.response("recovery-drill", page(RecoveryPages.t("check"), section: "share"), [:])
        }

        router.post("/recovery/drill") { request, context -> Response in
            // The shares are secrets: read into secure memory, never echoed back.
            let form = try await MultipartForm.read(
                request, context: context, secretNames: ["shares"], limit: 64 * 1024,
                tooLarge: RecoveryPages.t("too_large"))
            guard let text = form.secret("shares"), !(try ShareLines.split(text)).isEmpty else {
                let model: [String: Any] = ["problem": FormProblem(message: RecoveryPages.t("type_one"), advice: "").model]
                return views.response("recovery-drill", page(RecoveryPages.t("check"), section: "share"), model, status: .badRequest)
            }
            let result = try await session.withVault { vault -> RecoveryPages.Drill in
                guard let setup = try vault.recovery.current() else { throw AppError.notFound }
                return try RecoveryPages.drill(text, setup: setup, store: vault.recovery)
            }
            text.wipe()
            return views.response("recovery-drill", page(RecoveryPages.t("check"), section: "share"), result.model)
        }
    }
}

/// What the recovery pages show.
enum RecoveryPages {
    /// The recovery pages' words (`app.recovery.KEY`), in the request's language.
    static func t(_ key: String, _ values: [String: String] = [:]) -> String {
        AppLanguage.text("app.recovery." + key, values)
    }

    static func statusModel(_ setup: RecoverySetup?) -> [String: Any] {
        guard let s = setup else { return ["none": true] }
        return ["setup": true, "anyCount": t("any_count", ["threshold": "\(s.threshold)", "count": "\(s.holders.count)"]),
                "holders": s.holders.map { ["name": $0.name, "kind": t($0.sealedTo == nil ? "paper" : "sealed")] },
                "created": DayText.day(s.createdAt), "refreshed": DayText.day(s.refreshedAt),
                "recipient": s.recipientFingerprint, "signer": s.signerFingerprint]
    }

    /// The drill's outcome: each share's verdict, then the set's.
    struct Drill: Sendable {
        /// One share's verdict: nil message when good.
        struct Line: Sendable { let number: Int; let message: String? }
        var lines: [Line] = []
        var opens = false
        var more = 0
        var refused = 0
        var setProblem: String? = nil

        /// The result's values, in the request's language (made on the request's task).
        var model: [String: Any] {
            let rows: [[String: Any]] = lines.map { l in
                var r: [String: Any] = ["good": l.message == nil,
                                        "verdict": t(l.message == nil ? "good" : "refused_line", ["number": "\(l.number)"])]
                if let message = l.message { r["message"] = message }
                return r
            }
            var m: [String: Any] = ["checked": true, "lines": rows, "opens": opens, "refused": refused > 0]
            if !opens && setProblem == nil { m["moreText"] = t("more", ["count": "\(more)"]); m["needsMore"] = more > 0 }
            if let setProblem { m["setProblem"] = setProblem }
            return m
        }
    }

    /// Checks each share as the command line's drill does; opens nothing.
    static func drill(_ text: SecureBytes, setup: RecoverySetup, store: RecoveryStore) throws -> Drill {
        var d = Drill()
        let set = Slip39ShareSet()
        for (i, line) in try ShareLines.split(text).enumerated() {
            do {
                try store.drillAdd(try Slip39Share(words: line, number: i + 1), number: i + 1, to: set, setup: setup)
                d.lines.append(.init(number: i + 1, message: nil))
            } catch let e as Slip39Error {
                d.refused += 1
                d.lines.append(.init(number: i + 1, message: FormProblem.sentence(e.message)))
            } catch let e as RecoveryError {
                d.refused += 1
                d.lines.append(.init(number: i + 1, message: FormProblem.sentence(e.message)))
            }
            line.wipe()
        }
        let p = set.progress
        d.more = p.moreShares
        if p.isComplete {
            do {
                try store.drillCheck(set, setup: setup)
                d.opens = true
            } catch let e as Slip39Error {
                d.setProblem = FormProblem.sentence(e.message)
            } catch let e as RecoveryError {
                d.setProblem = FormProblem.sentence(e.message)
            }
        }
        return d
    }
}
