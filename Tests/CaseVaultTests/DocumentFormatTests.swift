import XCTest
@testable import CaseVault

final class DocumentFormatTests: XCTestCase {
    func testFixedHeaderRoundTripsAndBoundsTheChunkSize() {
        let h = DocumentFormat.fixedHeader(chunkSize: 1 << 20)
        XCTAssertEqual(h.count, DocumentFormat.fixedHeaderBytes)
        XCTAssertEqual(DocumentFormat.chunkSize(fromFixedHeader: h), 1 << 20)
        XCTAssertNil(DocumentFormat.chunkSize(fromFixedHeader: DocumentFormat.fixedHeader(chunkSize: 512)))
        XCTAssertNil(DocumentFormat.chunkSize(fromFixedHeader: DocumentFormat.fixedHeader(chunkSize: 1 << 30)), "a huge chunk size is refused before allocating")
        var wrongVersion = h
        wrongVersion[8] = 2
        XCTAssertNil(DocumentFormat.chunkSize(fromFixedHeader: wrongVersion))
    }

    func testAssociatedDataSeparatesPurposes() {
        let v = [UInt8](repeating: 1, count: 16), d = [UInt8](repeating: 2, count: 16)
        XCTAssertNotEqual(DocumentFormat.keyAD(vaultID: v, documentID: d), DocumentFormat.metadataAD(vaultID: v, documentID: d))
        XCTAssertNotEqual(DocumentFormat.keyAD(vaultID: v, documentID: d), DocumentFormat.keyAD(vaultID: d, documentID: v))
    }

    func testCalendarDays() throws {
        XCTAssertEqual(try CalendarDay(parsing: "2028-02-29").description, "2028-02-29")
        for bad in ["2027-02-29", "2027-13-01", "2027-1-01", "27-01-01", "2027-01-01x", "", "２０２７-01-01", "2027/01/01"] {
            XCTAssertThrowsError(try CalendarDay(parsing: bad), bad)
        }
        XCTAssertEqual(try CalendarDay(parsing: "2027-01-01").days(since: try CalendarDay(parsing: "2026-01-01")), 365)
        XCTAssertEqual(try CalendarDay(parsing: "2024-03-01").days(since: try CalendarDay(parsing: "2024-02-28")), 2)
        XCTAssertEqual(CalendarDay.today(Date(timeIntervalSince1970: 0)).description, "1970-01-01")
    }

    func testDocumentTypesSpellTheCLINames() {
        XCTAssertEqual(DocumentType.spellings, "green-card|ead|passport|i-94|i-797|other")
        XCTAssertEqual(DocumentType.allCases.filter(\.needsRenewal), [.greenCard, .ead, .passport])
    }
}
