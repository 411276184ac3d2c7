import CaseVaultText
import Hummingbird

/// The language switch in the layout: a POST (a GET changes nothing) that
/// stores the choice in the `casevault_lang` cookie and goes back to the
/// page it came from.
extension AppRoutes {
    func registerLanguage(on router: Router<AppContext>) {
        router.post("/language") { request, context -> Response in
            let form = try await FormFields.read(request, context: context, secretNames: [])
            guard let code = form["lang"], let language = Language(exactly: code) else {
                throw AppError.invalid(AppLanguage.text("app.language.choose"))
            }
            var response = AppResponses.seeOther(Self.localPath(form["back"]))
            response.setCookie(Cookie(name: AppLanguage.cookieName, value: language.code, maxAge: 400 * 24 * 3600,
                                      path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
    }

    /// A path on this app to go back to: only `/…` (never `//host` or a
    /// scheme, which would leave the app), else the home page.
    static func localPath(_ back: String?) -> String {
        guard let back, back.hasPrefix("/"), !back.hasPrefix("//"), !back.contains("\\"),
              !back.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return "/" }
        return back
    }
}
