import CaseVaultText
import XCTest
@testable import CaseVaultApp

/// The templates' words come from the catalogues: every `{{t.KEY}}` a
/// template names exists in English, and a page renders in the request's
/// language with its `<html lang>`.
final class TemplateWordsTests: XCTestCase {
    func testEveryCatalogueKeyATemplateNamesExists() throws {
        let pattern = try NSRegularExpression(pattern: #"\{\{t\.([a-z0-9_.]+)\}\}"#)
        let english = Catalogue.table(.english)
        var named = 0
        for (name, source) in Views.sources {
            let ns = source as NSString
            for m in pattern.matches(in: source, range: NSRange(location: 0, length: ns.length)) {
                let key = ns.substring(with: m.range(at: 1))
                XCTAssertNotNil(english[key], "\(name) names \(key), which the catalogue lacks")
                named += 1
            }
        }
        XCTAssertGreaterThan(named, 100)
    }

    /// Every word a template shows (text and the attributes a person reads)
    /// comes from the catalogue: what is left once the `{{…}}` tags, the
    /// markup, entities and code spans (command lines, shown as typed) are
    /// taken out is punctuation, digits and a few names.
    func testNoTemplateHoldsWordsOutsideTheCatalogue() throws {
        let names: Set<String> = ["CaseVault", "USCIS", "SHA-256", "age"]
        let mustache = try NSRegularExpression(pattern: #"\{\{[^}]*\}\}"#)
        let code = try NSRegularExpression(pattern: #"<code[^>]*>.*?</code>"#, options: [.dotMatchesLineSeparators])
        let readAttribute = try NSRegularExpression(pattern: #"(?:aria-label|placeholder|title|alt)="([^"]*)""#)
        let tag = try NSRegularExpression(pattern: #"<[^>]*>"#)
        let entity = try NSRegularExpression(pattern: #"&[A-Za-z#0-9]+;"#)
        let word = try NSRegularExpression(pattern: #"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F0-9'’-]*"#)
        func replace(_ re: NSRegularExpression, in text: String, with template: String = " ") -> String {
            re.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        var found: [String] = []
        for (name, source) in Views.sources.sorted(by: { $0.key < $1.key }) {
            var text = replace(mustache, in: source)
            text = replace(code, in: text)
            let ns = text as NSString
            let attributes = readAttribute.matches(in: text, range: NSRange(location: 0, length: ns.length))
                .map { ns.substring(with: $0.range(at: 1)) }
            text = replace(entity, in: replace(tag, in: text)) + " " + attributes.joined(separator: " ")
            let tn = text as NSString
            let bare = word.matches(in: text, range: NSRange(location: 0, length: tn.length))
                .map { tn.substring(with: $0.range) }
                .filter { !names.contains($0) }
            if !bare.isEmpty { found.append("\(name): \(bare.prefix(8).joined(separator: " "))") }
        }
        XCTAssertEqual(found, [], "words outside the catalogue")
    }

    func testAPageRendersInTheRequestsLanguage() async throws {
        let views = try Views()
        let spanish = AppLanguage.$current.withValue(.spanish) {
            views.render("how-to-open", PageInfo(title: "T"))
        }
        XCTAssertTrue(spanish.contains(#"<html lang="es">"#))
        XCTAssertTrue(spanish.contains("Abra CaseVault desde su archivo de inicio"))
        XCTAssertTrue(spanish.contains(#"<button type="submit" name="lang" value="es" lang="es" class="secondary" aria-pressed="true" disabled>Español</button>"#))
        XCTAssertTrue(spanish.contains(#"<button type="submit" name="lang" value="en" lang="en" class="secondary">English</button>"#))
        let english = views.render("how-to-open", PageInfo(title: "T"))
        XCTAssertTrue(english.contains(#"<html lang="en">"#))
        XCTAssertTrue(english.contains("Open CaseVault from its launch file"))
    }

    func testTheSwitchGoesBackOnlyWithinTheApp() {
        XCTAssertEqual(AppRoutes.localPath("/emergency"), "/emergency")
        XCTAssertEqual(AppRoutes.localPath("//example.org/x"), "/")
        XCTAssertEqual(AppRoutes.localPath("https://example.org/"), "/")
        XCTAssertEqual(AppRoutes.localPath("/\\example.org"), "/")
        XCTAssertEqual(AppRoutes.localPath("/a\r\nSet-Cookie: x=y"), "/")
        XCTAssertEqual(AppRoutes.localPath(nil), "/")
    }
}
