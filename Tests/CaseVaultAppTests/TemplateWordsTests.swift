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
