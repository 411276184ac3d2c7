import AgeKit
import CaseVault

/// The restore's results and refusals in plain words.
enum RestoreWords {
    /// The result page's model.
    static func model(_ r: RestoreResult) -> [String: Any] {
        var m: [String: Any] = [
            "codeEntries": counted(r.codeEntries, "backup-code entry", "backup-code entries"),
            "identifiers": counted(r.identifiers, "case number", "case numbers"),
            "documents": counted(r.documents, "document", "documents"),
            "hasMissing": !r.notRestored.isEmpty,
            "missing": r.notRestored.map { ["name": DamageWords.omission($0), "reason": $0.reason] },
        ]
        if r.inboxShares > 0 { m["inboxShares"] = counted(r.inboxShares, "received share", "received shares") }
        return m
    }

    static func counted(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    /// A file size for people: "812 bytes", "3.4 MB", "1.2 GB".
    static func size(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) bytes" }
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
            return .invalid(byRecoveryKey
                ? "That recovery key does not open this backup file. If the backup was made with a backup passphrase, choose that instead."
                : "That backup passphrase does not open this backup file. Check it, or choose \"With the recovery key\" if the backup was made with it.")
        case .malformed:
            return .invalid("This file is not a CaseVault backup (\(e.description)). Choose another file.")
        case .payload:
            return .invalid("This backup file is damaged or cut off (\(e.description)), so it cannot be restored. Choose another copy.")
        case .invalidInput, .io:
            return .library(kind: .io, message: "The backup file could not be read (\(e.description)).",
                            advice: "Choose the file again; if it happens again, use another copy of the backup.")
        }
    }
}
