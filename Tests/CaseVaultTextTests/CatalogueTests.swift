import XCTest
@testable import CaseVaultText

/// The catalogues compiled into the binary agree with each other: every
/// key of English is in every other language and the reverse, with the
/// same placeholders, and the keys nest for the templates.
final class CatalogueTests: XCTestCase {
    func testEnglishAndSpanishAreCompiledIn() {
        XCTAssertEqual(Language.all.map(\.code).prefix(1), ["en"])
        XCTAssertTrue(Language.all.contains(.spanish))
        XCTAssertGreaterThan(Catalogue.table(.english).count, 100)
        XCTAssertEqual(Language.spanish.name, "Español")
    }

    func testEveryLanguageHasExactlyEnglishKeysWithTheSamePlaceholders() {
        let english = Catalogue.table(.english)
        for language in Language.all where language != .english {
            let table = Catalogue.table(language)
            let missing = Set(english.keys).subtracting(table.keys).sorted()
            let extra = Set(table.keys).subtracting(english.keys).sorted()
            XCTAssertEqual(missing, [], "\(language) lacks these keys")
            XCTAssertEqual(extra, [], "\(language) has keys English lacks")
            for (key, text) in table {
                guard let base = english[key] else { continue }
                XCTAssertEqual(Catalogue.placeholders(text), Catalogue.placeholders(base),
                               "\(language) \(key): placeholders differ")
                XCTAssertFalse(text.isEmpty, "\(language) \(key) is empty")
            }
        }
    }

    /// The app's words go through Mustache, which escapes them: markup in
    /// them would show as text. Only the printable kit (kit.*) holds markup.
    func testOnlyKitTextsHoldMarkup() {
        for language in Language.all {
            for (key, text) in Catalogue.table(language) where !key.hasPrefix("kit.") {
                XCTAssertFalse(text.contains("<"), "\(language) \(key) holds markup")
            }
        }
    }

    /// A key that is also the prefix of another (`a.b` and `a.b.c`) cannot
    /// nest for the templates (`{{t.a.b}}`).
    func testNoKeyIsThePrefixOfAnother() {
        let keys = Catalogue.table(.english).keys
        for key in keys {
            XCTAssertFalse(keys.contains { $0.hasPrefix(key + ".") }, "\(key) is also a prefix")
        }
        let tree = Catalogue.tree(.spanish)
        let emergency = (tree["app"] as? [String: Any])?["emergency"] as? [String: Any]
        XCTAssertEqual(emergency?["mark_used"] as? String, "Marcar como usado")
    }

    func testMissingKeysFallBackToEnglishAndPlaceholdersAreFilled() {
        XCTAssertEqual(Catalogue.text("cli.emergency.expires", .spanish, ["day": "2027-01-02"]), "vence el 2027-01-02")
        XCTAssertEqual(Catalogue.text("no.such.key", .spanish), "no.such.key")
        XCTAssertEqual(Catalogue.fill("{a} and {b} and {a}", ["a": "1"]), "1 and {b} and 1")
        XCTAssertEqual(Catalogue.fill("{a}", ["a": "{a}"]), "{a}", "a value is not filled again")
    }

    func testLanguageFromTheLocaleInPosixOrder() {
        XCTAssertEqual(Language.fromEnvironment(["LANG": "es_ES.UTF-8"]), .spanish)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "es_MX.UTF-8", "LC_ALL": "C"]), .english)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "en_US.UTF-8", "LC_MESSAGES": "es_US"]), .spanish)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "es", "LC_ALL": ""]), .spanish, "an empty variable is skipped")
        XCTAssertEqual(Language.fromEnvironment(["LANG": "fr_FR.UTF-8"]), .english)
        XCTAssertEqual(Language.fromEnvironment([:]), .english)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "C.UTF-8"]), .english)
    }

    func testLanguageFromAcceptLanguageHonoursQValues() {
        XCTAssertEqual(Language.fromAcceptLanguage("es-MX,es;q=0.9,en;q=0.8"), .spanish)
        XCTAssertEqual(Language.fromAcceptLanguage("en-US,en;q=0.9,es;q=0.8"), .english)
        XCTAssertEqual(Language.fromAcceptLanguage("en;q=0.5, es;q=0.7"), .spanish)
        XCTAssertEqual(Language.fromAcceptLanguage("fr-FR, es;q=0.3"), .spanish, "a language without a catalogue is passed over")
        XCTAssertEqual(Language.fromAcceptLanguage("es;q=0, en;q=0.1"), .english, "q=0 means not this one")
        XCTAssertEqual(Language.fromAcceptLanguage("fr"), .english)
        XCTAssertEqual(Language.fromAcceptLanguage(nil), .english)
        XCTAssertEqual(Language.fromAcceptLanguage("*"), .english)
    }

    func testPlaceholdersAreTheNamesFillReplaces() {
        XCTAssertEqual(Catalogue.placeholders("{count} of {total}: {not a name}, {x_1}, {1x}, {é}, {{label}} {open"),
                       ["count", "total", "x_1", "label"])
        XCTAssertEqual(Catalogue.placeholders("no braces"), [])
        XCTAssertEqual(Catalogue.fill("{count} of {total}", ["count": "2", "total": "3"]), "2 of 3")
    }
}
