import XCTest
@testable import CaseVaultApp

final class ViewsTests: XCTestCase {
    /// Every template escapes what it shows: no `{{{…}}}` or `{{&…}}`, no
    /// inline script or style (the CSP would block them, and a page that
    /// needs one is broken).
    func testTemplatesNeverUnescapeOrInline() {
        for (name, source) in Views.sources {
            XCTAssertFalse(source.contains("{{{"), "\(name) uses {{{ }}}")
            XCTAssertFalse(source.contains("{{&"), "\(name) uses {{& }}")
            XCTAssertFalse(source.range(of: #"<script(?![^>]*\bsrc=)"#, options: .regularExpression) != nil, "\(name) has an inline script")
            XCTAssertFalse(source.contains("<style"), "\(name) has an inline style element")
            XCTAssertFalse(source.range(of: #"\sstyle\s*="#, options: .regularExpression) != nil, "\(name) has a style attribute")
            XCTAssertFalse(source.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil, "\(name) has an inline event handler")
        }
    }

    /// Every form control a user fills in has a label: `<label for=ID>` for
    /// its id, or an aria-label.
    func testEveryInputHasALabel() throws {
        let input = try NSRegularExpression(pattern: #"<(input|select|textarea)\b([^>]*)>"#)
        for (name, source) in Views.sources {
            let ns = source as NSString
            for m in input.matches(in: source, range: NSRange(location: 0, length: ns.length)) {
                let attrs = ns.substring(with: m.range(at: 2))
                if attrs.contains(#"type="hidden""#) || attrs.contains(#"type="submit""#) { continue }
                if attrs.contains("aria-label=") { continue }
                guard let id = attrs.range(of: #"id="([^"]+)""#, options: .regularExpression).map({ String(attrs[$0].dropFirst(4).dropLast()) }) else {
                    XCTFail("\(name): a control without id or aria-label: <\(ns.substring(with: m.range(at: 1)))\(attrs)>")
                    continue
                }
                XCTAssertTrue(source.contains(#"for="\#(id)""#), "\(name): no <label for=\"\(id)\">")
            }
        }
    }

    func testValuesAreEscaped() throws {
        let views = try Views()
        let html = views.render("message", PageInfo(title: "<t>"), ["heading": "<script>alert(1)</script>", "lines": ["a\"b'c&"]])
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("a&quot;b&#39;c&amp;"))
        XCTAssertTrue(html.contains("<title>&lt;t&gt; · CaseVault</title>"))
    }

    /// The escaping of the pages written as files (kit, recovery sheets)
    /// goes by Unicode scalar: a quote or < followed by a combining mark is
    /// one Character, and was passed through unescaped when compared as one.
    func testFilePagesEscapeEachScalarEvenBeforeACombiningMark() {
        XCTAssertEqual(KitPage.escape("a\"\u{301}b<\u{338}c&'>"), "a&quot;\u{301}b&lt;\u{338}c&amp;&#39;&gt;")
        XCTAssertEqual(KitPage.escape("María López"), "María López")
    }

    func testEveryTemplateCompilesAndExtendsTheLayout() throws {
        let views = try Views()
        for name in Views.sources.keys where name != "layout" {
            XCTAssertNotNil(views.library.getTemplate(named: name), name)
            let html = views.render(name, PageInfo(title: "T"))
            XCTAssertTrue(html.contains(#"<link rel="stylesheet" href="/static/app.css">"#), "\(name) does not extend the layout")
        }
    }

    func testTheIdleRefreshIsOnlyOnOpenVaultPages() throws {
        let views = try Views()
        let open = views.render("message", PageInfo(title: "T", unlocked: true, idleRefreshSeconds: 302))
        XCTAssertTrue(open.contains(#"<meta http-equiv="refresh" content="302;url=/locked">"#))
        XCTAssertTrue(open.contains(#"action="/lock""#))
        let locked = views.render("message", PageInfo(title: "T"))
        XCTAssertFalse(locked.contains("http-equiv=\"refresh\""))
        XCTAssertFalse(locked.contains(#"action="/lock""#))
    }
}
