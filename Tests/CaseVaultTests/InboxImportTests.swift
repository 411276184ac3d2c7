import Foundation
import SodiumKit
import XCTest
@testable import CaseVault

/// `ShareOpener.importAll`: several files, each verified and kept or refused
/// on its own, recorded together; decided in order, so a batch behaves as
/// the same files imported one by one.
final class InboxImportTests: XCTestCase {
    var f: InboxFixture!
    override func setUpWithError() throws { f = try InboxFixture() }

    var opener: ShareOpener { ShareOpener(identities: [f.identity], inbox: f.inbox, expected: nil, repin: false) }

    func inboxFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: f.attorney.location.path + "/inbox").sorted()
    }

    func testABatchKeepsTheGoodFilesAndRefusesTheOthersInOrder() throws {
        let first = try f.shareFile(from: "Ana Silva", day: 1)
        let second = try f.shareFile(from: "Ana Silva", day: 2)
        // Ana's name, another key, in the same batch: her first share pinned hers.
        let impostor = try f.shareFile(from: "Ana Silva", key: try f.key("impostor"), day: 3)
        let garbage = f.scratch.appendingPathComponent("garbage.age").path
        try Data("not an age file".utf8).write(to: URL(fileURLWithPath: garbage))
        let missing = f.scratch.appendingPathComponent("missing.age").path
        let bruno = try f.shareFile(from: "Bruno Costa", day: 4)
        let paths = [first, second, impostor, garbage, missing, bruno, first]
        let outcomes = try opener.importAll(paths: paths)
        XCTAssertEqual(outcomes.map(\.path), paths)
        func pin(_ i: Int) -> PinStatus? { try? outcomes[i].result.get().pin }
        XCTAssertEqual(pin(0), .firstShare)
        XCTAssertEqual(pin(1), .matches, "decided after the first of the batch")
        XCTAssertThrowsError(try outcomes[2].result.get()) { e in
            guard case ShareError.signerChanged = e else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try outcomes[3].result.get())
        XCTAssertThrowsError(try outcomes[4].result.get())
        XCTAssertEqual(pin(5), .firstShare)
        XCTAssertThrowsError(try outcomes[6].result.get(), "the same share twice") { e in
            XCTAssertEqual((e as? CaseVaultError)?.kind, .alreadyExists, "\(e)")
        }
        XCTAssertEqual(try f.inbox.allClients().map(\.name), ["Bruno Costa", "Ana Silva"])
        XCTAssertEqual(try f.inbox.counts().shares, 3)
        // Exactly the kept shares' files: nothing of the refused, no temporary file.
        let kept = try outcomes.compactMap { try? $0.result.get().inboxID }.map { "\($0).age" }.sorted()
        XCTAssertEqual(try inboxFiles(), kept)
        try f.assertIndexMatchesRecords()
    }

    /// More files than one transaction takes: every batch recorded, in order.
    func testManyFilesAreRecordedInSeveralTransactions() throws {
        let n = ShareOpener.batch + 5
        let counter = try XCTUnwrap(try f.attorney.vault.stateCounter())
        let paths = try (0..<n).map { try f.shareFile(from: "Client \($0 % 50)", day: Double($0)) }
        let outcomes = try opener.importAll(paths: paths)
        XCTAssertEqual(outcomes.filter { (try? $0.result.get()).map { _ in true } == true }.count, n)
        XCTAssertEqual(try f.inbox.counts().clients, 50)
        XCTAssertEqual(try f.inbox.counts().shares, n)
        // One write per batch (and one to make the index), not one per file.
        XCTAssertLessThanOrEqual(try XCTUnwrap(try f.attorney.vault.stateCounter()) - counter, 3)
        XCTAssertEqual(try inboxFiles().count, n)
        try f.assertIndexMatchesRecords()
    }
}
