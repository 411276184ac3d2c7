import CaseVault
import Foundation
import HTTPTypes
import Hummingbird

/// The whole vault as one backup file, downloaded: sealed to a backup
/// passphrase (typed twice) or to the recovery key (typed, and checked
/// against this vault first), as `casevault backup`, through the same
/// BackupWriter; the page explains how to restore it.
///
/// A backup leaves damaged items out and carries the rest (the CLI then
/// exits 11 and names them). A download cannot say so once it has begun,
/// so the vault is checked first (as Settings' integrity check does, which
/// reads every document once more): when something is damaged, a page
/// names it before any download, and the backup is made only when asked
/// again. What the backup itself left out (damage that came meanwhile) is
/// shown on the page's next visit, and listed inside the backup, where a
/// restore names it too.
extension AppRoutes {
    func registerBackup(on router: Router<AppContext>) {
        router.get("/backup") { _, _ -> Response in
            try await backupForm()
        }

        router.post("/backup") { request, context -> Response in
            let form = try await FormFields.read(request, context: context,
                                                 secretNames: ["backup_passphrase", "backup_passphrase_again", "recovery_key"])
            let seal: BackupPages.Seal
            // Words made on the vault queue and at the download's end use the request's language, read here.
            let language = AppLanguage.current
            do {
                seal = try BackupPages.Seal.read(form)
                try await session.withVault { [session] vault in try seal.checkKey(vault, throttle: session.throttle, language: language) }
            } catch {
                guard let problem = FormProblem.from(error) else { throw error }
                return try await backupForm(problem: problem, method: form["method"], status: AppError(error).status)
            }
            if form["damage"] != "accepted" {
                let damage = try await session.withVault { vault in try BackupPages.Damage(vault, language: language) }
                if !damage.isEmpty {
                    return views.response("backup-damaged", page(BackupPages.t("damaged_title"), section: "share"),
                                          ["items": damage.items, "recovery": seal.method == "recovery-key", "passphraseHint": BackupPages.passphraseHint()],
                                          status: .conflict)
                }
            }
            let download = try await SealedDownload<BackupPages.Done>.start(session: session) { vault, stream in
                BackupPages.Done(try BackupWriter(vault: vault).write(to: stream, key: seal.key))
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/octet-stream"
            headers[.contentDisposition] = Self.contentDisposition("attachment", fileName: BackupPages.fileName())
            headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'; sandbox"
            headers[.cacheControl] = "no-store"
            let notes = session.downloads
            return download.response(headers: headers) { outcome in
                switch outcome {
                case .success(let done):
                    notes.set(.backup, done.note(language))
                case .failure(let error):
                    let app = AppError(error)
                    notes.set(.backup, .init(failed: true, heading: BackupPages.t("failed_heading", [:], language), lines: [
                        app.message,
                        BackupPages.t("failed", [:], language),
                    ] + (app.advice.isEmpty ? [] : [app.advice])))
                }
            }
        }
    }

    private func backupForm(problem: FormProblem? = nil, method: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        var model: [String: Any] = ["recovery": method == "recovery-key", "passphraseHint": BackupPages.passphraseHint()]
        if let problem { model["problem"] = problem.model }
        if let note = session.downloads.take(.backup) { model["note"] = note.model }
        return views.response("backup", page(BackupPages.t("title"), section: "share"), model, status: status)
    }
}
