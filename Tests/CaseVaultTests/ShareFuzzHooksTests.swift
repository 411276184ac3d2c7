import Foundation
import XCTest
@testable import CaseVault

/// The FuzzShares hooks: the committed seed corpus is exactly what the hooks
/// generate, every seed is a share the real reader accepts, and re-signing
/// carries a changed manifest past the signature check to the later checks.
final class ShareFuzzHooksTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus/shares")

    func testCommittedSeedsAreTheGeneratedSharesAndAreAccepted() throws {
        let write = ProcessInfo.processInfo.environment["CASEVAULT_WRITE_FUZZ_SEEDS"] == "1"
        let seeds = try ShareFuzzHooks.seeds()
        XCTAssertEqual(seeds.count, 3)
        for (name, tar) in seeds {
            let url = Self.corpus.appendingPathComponent(name + ".tar")
            if write { try Data(tar).write(to: url) }
            let committed = [UInt8]((try? Data(contentsOf: url)) ?? Data())
            XCTAssertEqual(committed, tar, "\(name): rerun with CASEVAULT_WRITE_FUZZ_SEEDS=1 to regenerate Fuzz/corpus/shares")
            let manifest = try ShareFuzzHooks.readShare(tar: tar)
            XCTAssertEqual(manifest.entries.map(\.path), manifest.entries.map(\.path).filter { $0.hasPrefix(ShareManifest.directory + "/") })
            XCTAssertFalse(manifest.entries.isEmpty)
            ShareFuzzHooks.run(tar)
        }
    }

    func testResigningReachesTheEntryChecks() throws {
        let tar = try ShareFuzzHooks.seeds()[0].tar
        // Change one hex digit of the hash listed in manifest.json. Only the
        // entry's data changes (the tar header checksum covers the header
        // alone), so the archive is intact; the old signature no longer
        // matches, and the hooks re-sign it.
        let text = String(decoding: tar, as: UTF8.self)
        let range = try XCTUnwrap(text.range(of: "\"sha256\" : \""))
        let at = text.utf8.distance(from: text.utf8.startIndex, to: range.upperBound)
        var changed = tar
        changed[at] = changed[at] == 0x30 ? 0x31 : 0x30
        XCTAssertThrowsError(try ShareFuzzHooks.readShare(tar: changed)) { error in
            guard case ShareError.contentMismatch(let detail) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("differ from the signed hash"), detail)
        }
    }

    func testHostileTarFixturesGoThroughTheHooksWithoutCrashing() throws {
        let dir = Self.corpus
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
            ShareFuzzHooks.run([UInt8](try Data(contentsOf: dir.appendingPathComponent(name))))
        }
    }
}
