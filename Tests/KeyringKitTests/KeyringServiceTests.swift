import Foundation
import SodiumKit
import XCTest
@testable import KeyringKit

/// KeyringService against the real gnome-keyring on the private session bus
/// that scripts/with-keyring.sh starts (`make test`).
final class KeyringServiceTests: XCTestCase {
    static let schema = KeyringSchema(name: "org.casevault.test.KeyringKit", attributeNames: ["application", "vault"])
    let service = KeyringService()
    var attributes: [String: String] = [:]

    override func setUpWithError() throws {
        try KeyringTestEnvironment.require()
        attributes = ["application": "casevault-keyringkit-test", "vault": KeyringTestEnvironment.uniqueID()]
    }

    override func tearDown() {
        _ = try? service.clear(schema: Self.schema, attributes: attributes)
    }

    func testStoreLookupClearRoundTrip() throws {
        let secret = try SecureBytes.random(count: 32)
        try service.store(schema: Self.schema, label: "KeyringKit test item", attributes: attributes, secret: secret)
        let back = try service.lookup(schema: Self.schema, attributes: attributes)
        XCTAssertEqual(back.count, 32)
        XCTAssertTrue(back.constantTimeEquals(secret))
        XCTAssertTrue(try service.clear(schema: Self.schema, attributes: attributes))
        XCTAssertThrowsError(try service.lookup(schema: Self.schema, attributes: attributes)) {
            XCTAssertEqual($0 as? KeyringError, .itemNotFound)
        }
        XCTAssertFalse(try service.clear(schema: Self.schema, attributes: attributes))
    }

    func testItemIsVisibleToSecretToolWithItsAttributesAndLabel() throws {
        let secret = try SecureBytes.random(count: 32)
        try service.store(schema: Self.schema, label: "KeyringKit visible item", attributes: attributes, secret: secret)
        let out = try KeyringTestEnvironment.secretToolSearch(attributes)
        XCTAssertTrue(out.contains("label = KeyringKit visible item"), out)
        XCTAssertTrue(out.contains("attribute.vault = \(attributes["vault"]!)"), out)
        XCTAssertTrue(out.contains("schema = org.casevault.test.KeyringKit"), out)
        // The stored text is the secret's hex, as an independent client reads it.
        let (_, text, _) = try KeyringTestEnvironment.run(
            ["secret-tool", "lookup", "application", attributes["application"]!, "vault", attributes["vault"]!])
        let expected = try SecretText.encode(secret).withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        XCTAssertTrue(text == expected, "secret-tool read a different secret text (contents not shown)")
    }

    func testStoreReplacesTheItemWithTheSameAttributes() throws {
        let first = try SecureBytes.random(count: 32), second = try SecureBytes.random(count: 32)
        try service.store(schema: Self.schema, label: "first", attributes: attributes, secret: first)
        try service.store(schema: Self.schema, label: "second", attributes: attributes, secret: second)
        let items = try service.search(schema: Self.schema, attributes: attributes)
        XCTAssertEqual(items.map(\.label), ["second"])
        XCTAssertEqual(items.first?.locked, false)
        XCTAssertTrue(try service.lookup(schema: Self.schema, attributes: attributes).constantTimeEquals(second))
    }

    func testItemsOfDifferentVaultsCoexist() throws {
        var other = attributes
        other["vault"] = KeyringTestEnvironment.uniqueID()
        defer { _ = try? service.clear(schema: Self.schema, attributes: other) }
        let a = try SecureBytes.random(count: 32), b = try SecureBytes.random(count: 32)
        try service.store(schema: Self.schema, label: "a", attributes: attributes, secret: a)
        try service.store(schema: Self.schema, label: "b", attributes: other, secret: b)
        XCTAssertTrue(try service.lookup(schema: Self.schema, attributes: attributes).constantTimeEquals(a))
        XCTAssertTrue(try service.lookup(schema: Self.schema, attributes: other).constantTimeEquals(b))
        XCTAssertTrue(try service.clear(schema: Self.schema, attributes: other))
        XCTAssertTrue(try service.lookup(schema: Self.schema, attributes: attributes).constantTimeEquals(a))
    }

    func testAnItemThatIsNotHexIsReportedAsMalformed() throws {
        // Written by another client under the same schema and attributes.
        let (status, _, err) = try KeyringTestEnvironment.run(
            ["secret-tool", "store", "--label", "edited by hand", "xdg:schema", Self.schema.name,
             "application", attributes["application"]!, "vault", attributes["vault"]!],
            stdin: Data("not hex at all".utf8))
        XCTAssertEqual(status, 0, err)
        XCTAssertThrowsError(try service.lookup(schema: Self.schema, attributes: attributes)) {
            guard case .malformedItem = $0 as? KeyringError else { return XCTFail("expected malformedItem, got \($0)") }
        }
    }

    func testStatusOfTheTestKeyring() throws {
        let status = service.status()
        XCTAssertTrue(status.busReachable)
        XCTAssertTrue(status.serviceAnswers)
        XCTAssertEqual(status.collectionLocked, false)
        XCTAssertEqual(status.collection, "Login")
        XCTAssertNil(status.problem)
        XCTAssertTrue(status.usable)
    }

    func testABusNameWithoutOwnerIsNoService() throws {
        try KeyringTestEnvironment.withBusName("org.casevault.test.Absent\(KeyringTestEnvironment.uniqueID())") {
            let status = service.status()
            XCTAssertTrue(status.busReachable)
            XCTAssertFalse(status.serviceAnswers)
            guard case .noService = status.problem else { return XCTFail("expected noService, got \(String(describing: status.problem))") }
            XCTAssertThrowsError(try service.lookup(schema: Self.schema, attributes: attributes)) {
                guard case .noService = $0 as? KeyringError else { return XCTFail("expected noService, got \($0)") }
            }
            XCTAssertThrowsError(try service.store(schema: Self.schema, label: "x", attributes: attributes,
                                                   secret: try SecureBytes.random(count: 32))) {
                guard case .noService = $0 as? KeyringError else { return XCTFail("expected noService, got \($0)") }
            }
        }
    }

    func testAServiceThatNeverAnswersIsCutOffByTheTimeout() throws {
        let name = "org.casevault.test.Hung\(KeyringTestEnvironment.uniqueID())"
        let hung = try HungService(name: name)
        let client = KeyringService(timeout: 1)
        try KeyringTestEnvironment.withBusName(name) {
            let start = Date()
            XCTAssertThrowsError(try client.lookup(schema: Self.schema, attributes: attributes)) {
                XCTAssertEqual($0 as? KeyringError, .timeout(seconds: 1))
            }
            let elapsed = Date().timeIntervalSince(start)
            XCTAssertGreaterThanOrEqual(elapsed, 0.9)
            XCTAssertLessThan(elapsed, 5, "the call was not cut off near its 1 s bound")
            let status = client.status()
            XCTAssertTrue(status.busReachable)
            XCTAssertFalse(status.serviceAnswers)
            XCTAssertEqual(status.problem, .timeout(seconds: 1))
        }
        withExtendedLifetime(hung) {}
    }

    func testTheRealServiceAnswersAgainAfterTheFakeOnes() throws {
        // libsecret reads the bus name on each open: nothing is cached.
        KeyringTestEnvironment.withBusName("org.casevault.test.Absent\(KeyringTestEnvironment.uniqueID())") {
            XCTAssertNotNil(service.status().problem)
        }
        XCTAssertNil(service.status().problem)
    }
}
