import CaseVaultText
import XCTest
@testable import CaseVaultApp

/// Words the Swift code puts on the Documents, Settings, Backup and restore
/// pages, in both languages: counts, times, item names and type names.
final class PageWordsTests: XCTestCase {
    func testTimesInWords() {
        XCTAssertEqual(Duration.seconds(600).words(.english), "10 minutes")
        XCTAssertEqual(Duration.seconds(600).words(.spanish), "10 minutos")
        XCTAssertEqual(Duration.seconds(3600).words(.spanish), "1 hora")
        XCTAssertEqual(Duration.seconds(45).words(.english), "45 seconds")
        XCTAssertEqual(Duration.seconds(1).words(.spanish), "1 segundo")
    }

    func testDamagedItemsAndCounts() {
        XCTAssertEqual(DamageWords.count(1, "key slots", .english), "1 key that opens the vault")
        XCTAssertEqual(DamageWords.count(2, "code_entry", .spanish), "2 sitios con códigos de respaldo")
        XCTAssertEqual(DamageWords.count(3, "inbox files", .spanish), "3 archivos de envíos recibidos")
        XCTAssertEqual(DamageWords.count(4, "something_new", .spanish), "4 something new")
        XCTAssertEqual(DamageWords.item("key_slot/passphrase", .spanish), "La clave que se abre con su frase de contraseña")
        XCTAssertEqual(DamageWords.item("identifier/0123456789abcdef", .english), "A case number (id 01234567)")
        XCTAssertEqual(DamageWords.item("document 1a2b3c4d", labels: ["1a2b3c4d": "pasaporte"], .spanish),
                       "Documento 1a2b3c4d (\"pasaporte\")")
        XCTAssertEqual(DamageWords.item("loose.bin", store: "inbox", .english), "Received share file loose.bin")
    }

    func testDocumentWords() {
        XCTAssertEqual(DocumentPages.typeName(.greenCard, .english), "Green card")
        XCTAssertEqual(DocumentPages.typeName(.greenCard, .spanish), "Tarjeta de residente permanente (green card)")
        XCTAssertEqual(DocumentPages.size(1, .english), "1 byte")
        XCTAssertEqual(DocumentPages.size(900, .spanish), "900 bytes")
        XCTAssertEqual(DocumentPages.size(1536, .spanish), "1.5 KB")
    }

    /// A page whose words come only from the catalogue: the integrity
    /// check's result, rendered in Spanish, holds none of its English.
    func testTheCheckPageRendersInSpanish() throws {
        let views = try Views()
        let model: [String: Any] = ["ok": false, "problemCount": "Se encontró 1 problema",
                                    "problems": [["item": "x", "problem": "y"]], "checked": [String]()]
        let html = AppLanguage.$current.withValue(.spanish) {
            views.render("settings-check", PageInfo(title: "T", unlocked: true), model)
        }
        XCTAssertTrue(html.contains(#"<html lang="es">"#))
        XCTAssertTrue(html.contains("Qué se revisó"))
        XCTAssertTrue(html.contains("Todavía no hay nada guardado."))
        for key in ["what_checked", "nothing_stored", "damage_advice", "back"] {
            XCTAssertFalse(html.contains(Catalogue.text("app.settings." + key, .english)), key)
        }
    }
}
