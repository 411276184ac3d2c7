import Foundation
import XCTest
@testable import CaseVault
import ShareFuzzHooks

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

    /// What each committed fixture must produce: through the whole share
    /// pipeline (re-signed, age-wrapped, `ShareReader.read`), and through a
    /// bare `TarReader`. nil: accepted; otherwise the error and a phrase of it.
    static let expected: [String: (share: (ShareCase, String)?, tar: (TarError.Kind, String)?)] = [
        "codes-only.tar": (nil, nil),
        "codes-and-documents.tar": (nil, nil),
        "format1-blake2b.tar": (nil, nil),
        "tar-escape-gnu-longname.tar": ((.unsafeEntry, "'..' in '../aaaa"), (.unsafeEntry, "'..' in '../aaaa")),
        "tar-escape-pax-path.tar": ((.unsafeEntry, "'..' in '../../deep/"), (.unsafeEntry, "'..' in '../../deep/")),
        "tar-symlink.tar": ((.unsafeEntry, "symbolic link 'link'"), (.unsafeEntry, "symbolic link 'link'")),
        // A valid archive, but not a share: its first entry is not the manifest.
        "tar-good-unicode.tar": ((.malformed, "is not where a share has it (found 'dir')"), nil),
        "tar-truncated.tar": ((.malformed, "is not where a share has it (found 'dir')"), (.malformed, "cut short")),
    ]

    enum ShareCase: Equatable {
        case unsafeEntry, malformed, other

        init(_ error: ShareError) {
            switch error {
            case .unsafeEntry: self = .unsafeEntry
            case .malformed: self = .malformed
            default: self = .other
            }
        }
    }

    func testHostileTarFixturesGoThroughTheHooksWithoutCrashing() throws {
        let dir = Self.corpus
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(Set(names), Set(Self.expected.keys), "every fixture in Fuzz/corpus/shares needs an expected outcome here")
        for name in names {
            let tar = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            let want = try XCTUnwrap(Self.expected[name], name)
            // The full pipeline, as `share open` reads a share.
            do {
                let manifest = try ShareFuzzHooks.readShare(tar: tar)
                XCTAssertNil(want.share, "\(name): accepted as a share")
                XCTAssertFalse(manifest.entries.isEmpty, name)
            } catch let error as ShareError {
                guard let (kind, phrase) = want.share else { XCTFail("\(name): \(error)"); continue }
                XCTAssertEqual(ShareCase(error), kind, "\(name): \(error)")
                XCTAssertTrue(error.message.contains(phrase), "\(name): \(error.message)")
            }
            // A bare tar reader over the whole archive.
            do {
                let paths = try Self.paths(tar)
                XCTAssertNil(want.tar, "\(name): read as a tar archive: \(paths)")
                XCTAssertFalse(paths.isEmpty, name)
            } catch let error as TarError {
                guard let (kind, phrase) = want.tar else { XCTFail("\(name): \(error)"); continue }
                XCTAssertEqual(error.kind, kind, "\(name): \(error)")
                XCTAssertTrue(error.detail.contains(phrase), "\(name): \(error.detail)")
            }
            // And what the fuzzer runs on it: no trap, no failed invariant.
            ShareFuzzHooks.run(tar)
        }
    }

    /// The paths of every entry of `tar`, read to its end.
    static func paths(_ tar: [UInt8]) throws -> [String] {
        let reader = TarReader(bytes: tar)
        var out: [String] = []
        while let e = try reader.next() {
            out.append(e.path)
            while try reader.read(max: 4096) != nil {}
        }
        try reader.drainToEnd()
        return out
    }
}
