import CaseVaultText
import Hummingbird

/// The language of the page being made: the `casevault_lang` cookie (set
/// by the language switch) if it names a language with a catalogue, else
/// the browser's Accept-Language (q-values honoured), else English.
///
/// A task-local value, set for each request by LanguageMiddleware, so that
/// the layout, the pages and the error pages all read one answer without
/// every route passing it along. Vault closures (`session.withVault`) run on
/// another queue: pages take their words outside them.
enum AppLanguage {
    @TaskLocal static var current: Language = .english

    /// Where the language switch goes back to: the page's own path when it
    /// was a GET (without its query: no one-time value travels on), else home.
    @TaskLocal static var returnPath: String = "/"

    /// The preference cookie. Not a secret (a language code); HttpOnly and
    /// SameSite=Strict like every cookie the app sets.
    static let cookieName = "casevault_lang"

    static func of(_ request: Request) -> Language {
        if let chosen = request.cookies[cookieName]?.value, let language = Language(exactly: chosen) {
            return language
        }
        return Language.fromAcceptLanguage(request.headers[.acceptLanguage])
    }

    /// The current language's word for `key` (`app.` is not implied).
    static func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Catalogue.text(key, current, values)
    }
}

/// Sets AppLanguage.current for the rest of the request.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let back = request.method == .get ? request.uri.path : "/"
        return try await AppLanguage.$current.withValue(AppLanguage.of(request)) {
            try await AppLanguage.$returnPath.withValue(back) {
                try await next(request, context)
            }
        }
    }
}
