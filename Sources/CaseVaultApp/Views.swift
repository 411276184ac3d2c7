import CaseVaultText
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the app's pages from Mustache templates compiled into the binary.
///
/// Mustache escapes every `{{value}}` for HTML (quotes included, so values
/// are safe inside attributes too); the templates never use the unescaped
/// forms `{{{…}}}` or `{{&…}}` (ViewsTests checks every template). Every
/// page extends `layout`, which links the one stylesheet and script the
/// binary serves: no inline script or style, no third-party asset.
struct Views: Sendable {
    let library: MustacheLibrary

    /// Every template: name -> source. Each feature adds its own file of
    /// templates (Templates/*.swift) and lists it here.
    static let sources: [String: String] = {
        var all: [String: String] = [:]
        for group in [LayoutTemplates.all, UnlockTemplates.all, HomeTemplates.all, CodeTemplates.all,
                      IdentifierTemplates.all, DocumentTemplates.all, EmergencyTemplates.all,
                      SettingsTemplates.all, SetupTemplates.all,
                      RepresentativeTemplates.all, ExportTemplates.all, BackupTemplates.all,
                      IdentityTemplates.all, InboxTemplates.all, ShareTemplates.all, RecoveryTemplates.all] {
            // Two features naming a template alike would show one's page
            // for the other's: a programming error, caught by any test run.
            all.merge(group) { a, _ in
                assertionFailure("two templates share a name")
                return a
            }
        }
        return all
    }()

    init() throws {
        var library = MustacheLibrary()
        for (name, source) in Views.sources {
            try library.register(source, named: name)
        }
        self.library = library
    }

    /// A rendered page. `model` is a dictionary (or struct) the template reads;
    /// the layout's own values (title, navigation, idle refresh) come from `page`.
    func render(_ template: String, _ page: PageInfo, _ model: [String: Any] = [:]) -> String {
        var values = model
        values["page"] = page.values
        values.merge(Views.languageValues(AppLanguage.current, returnPath: AppLanguage.returnPath)) { _, new in new }
        guard let html = library.render(values, withTemplate: template) else {
            // A missing template is a programming error; say so in plain words.
            return "<!doctype html><title>CaseVault</title><p>This page is missing from the program.</p>"
        }
        return html
    }

    /// What every page's layout needs to speak one language: its words
    /// (`{{t.app.nav.home}}`), `lang`, and the language switch's choices.
    /// A page rendered off the request's task (inside a vault closure)
    /// passes the language it read before.
    static func languageValues(_ language: Language, returnPath: String) -> [String: Any] {
        ["t": words(language), "lang": language.code, "returnPath": returnPath,
         "languages": Language.all.map { ["code": $0.code, "name": $0.name, "selected": $0 == language] }]
    }

    /// The catalogue of each language as a template tree, made once.
    /// Immutable once made (read-only dictionaries of strings).
    nonisolated(unsafe) static let trees: [Language: [String: Any]] = {
        var trees: [Language: [String: Any]] = [:]
        for language in Language.all { trees[language] = Catalogue.tree(language) }
        return trees
    }()

    static func words(_ language: Language) -> [String: Any] { trees[language] ?? trees[.english] ?? [:] }

    /// A full HTML response: no-store (pages carry vault data), UTF-8.
    func response(_ template: String, _ page: PageInfo, _ model: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        let html = render(template, page, model)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// What every page's layout needs: its title, which navigation entry is
/// current, whether the vault is open (navigation, Lock button, idle refresh).
struct PageInfo: Sendable {
    var title: String
    var section: String = ""
    var unlocked: Bool = false
    /// Seconds after which an open page reloads `/locked`, so that what it
    /// shows goes away when the vault locks, even with JavaScript off.
    var idleRefreshSeconds: Int? = nil
    /// A page that moves on at once to this path (the launch page).
    var moveOn: String? = nil

    var values: [String: Any] {
        var v: [String: Any] = ["title": title, "unlocked": unlocked]
        if !section.isEmpty { v["section_" + section] = true }
        if let s = idleRefreshSeconds { v["refresh"] = "\(s);url=/locked" }
        if let m = moveOn { v["moveOn"] = m }
        return v
    }
}
