import AgeKit
import CaseVault
import CaseVaultText

/// The restore's results and refusals in plain words.
enum RestoreWords {
    /// The restore pages' words (`app.restore.KEY`), in the request's language.
    static func t(_ key: String, _ values: [String: String] = [:]) -> String {
        AppLanguage.text("app.restore." + key, values)
    }

    /// The result page's model.
    static func model(_ r: RestoreResult) -> [String: Any] {
        var what = [counted(r.codeEntries, "code_entries"), counted(r.identifiers, "identifiers"), counted(r.documents, "documents")]
        if r.inboxShares > 0 { what.append(counted(r.inboxShares, "shares")) }
        return [
            "doneText": t("done", ["what": what.joined(separator: ", ")]),
            "hasMissing": !r.notRestored.isEmpty,
            "missing": r.notRestored.map { ["name": DamageWords.omission($0), "reason": $0.reason] },
        ]
    }

    /// "1 document", "2 documents": `key` and `key_one` in the catalogue.
    static func counted(_ n: Int, _ key: String) -> String { t(n == 1 ? key + "_one" : key, ["count": "\(n)"]) }

    /// A file size for people: "812 bytes", "3.4 MB", "1.2 GB".
    static func size(_ bytes: Int64) -> String {
        if bytes < 1000 { return t("bytes", ["count": "\(bytes)"]) }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return (value < 10 ? String(format: "%.1f", value) : String(Int(value.rounded()))) + " " + units[unit]
    }

    /// What is wrong with a typed recovery key (never the key itself).
    static func keyProblem(_ e: CaseVaultError) -> String {
        if case .malformedRecoveryKey(let reason) = e { return reason }
        return e.message
    }

    /// An age failure while opening the backup file: a wrong secret, or a
    /// file that is not a backup or is damaged. Each is a refusal the page
    /// shows above the form (the upload stays for another try).
    static func appError(_ e: AgeError, byRecoveryKey: Bool) -> AppError {
        switch e.kind {
        case .noMatch:
            return .invalid(t(byRecoveryKey ? "key_no_match" : "passphrase_no_match"))
        case .malformed:
            return .invalid(t("not_backup", ["problem": e.description]))
        case .payload:
            return .invalid(t("damaged", ["problem": e.description]))
        case .invalidInput, .io:
            return .library(kind: .io, message: t("unreadable", ["problem": e.description]), advice: t("unreadable_advice"))
        }
    }
}
