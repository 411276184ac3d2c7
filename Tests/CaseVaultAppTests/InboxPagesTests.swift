import XCTest
@testable import CaseVaultApp

/// The Clients list's links: a search comes back as typed on the next page.
final class InboxPagesTests: XCTestCase {
    func testListLinksEscapeEverySearchCharacter() {
        XCTAssertEqual(InboxPages.listLink(query: nil, page: 1), "/clients")
        XCTAssertEqual(InboxPages.listLink(query: nil, page: 3), "/clients?page=3")
        XCTAssertEqual(InboxPages.listLink(query: "a&b=c+d #é", page: 2), "/clients?q=a%26b%3Dc%2Bd%20%23%C3%A9&page=2")
        XCTAssertEqual(InboxPages.listLink(query: "López", page: 1), "/clients?q=L%C3%B3pez")
    }
}
