import XCTest
@testable import ShamirKit
import SodiumKit

/// Split and combine in process: round trips, groups, and each refusal with
/// its own error. (Interoperability with the reference implementation is
/// checked through the built binary in CLITests/ShamirCLITests.)
final class Slip39Tests: XCTestCase {
    private let empty = try! SecureBytes(count: 0)

    private func secret(_ n: Int) throws -> SecureBytes { try SecureBytes.random(count: n) }

    private func text(_ share: Slip39Share) throws -> SecureBytes { try share.mnemonic() }

    private func words(_ s: SecureBytes) -> [String] { s.revealUTF8().split(separator: " ").map(String.init) }

    private func make(_ words: [String]) throws -> SecureBytes { try SecureBytes(copying: Array(words.joined(separator: " ").utf8)) }

    private func split(_ master: SecureBytes, _ t: Int, _ n: Int, passphrase: String = "", extendable: Bool = true, e: Int = 0) throws -> [SecureBytes] {
        try Slip39.split(masterSecret: master, groups: [.init(threshold: t, count: n)],
                         passphrase: SecureBytes(copying: Array(passphrase.utf8)), extendable: extendable, iterationExponent: e)[0]
            .map { try $0.mnemonic() }
    }

    func testWordlistIsSortedAndUnique() {
        XCTAssertEqual(Slip39Wordlist.words.count, 1024)
        XCTAssertEqual(Slip39Wordlist.words, Slip39Wordlist.words.sorted())
        XCTAssertEqual(Set(Slip39Wordlist.words.map { $0.prefix(4) }).count, 1024, "unique four-letter prefixes")
        for (i, w) in Slip39Wordlist.words.enumerated() { XCTAssertEqual(Slip39Wordlist.index(of: Array(w.utf8)[...]), i) }
    }

    func testRoundTripsAt128And256BitsAnyKOfN() throws {
        for (bytes, wordCount) in [(16, 20), (32, 33)] {
            let master = try secret(bytes)
            let shares = try split(master, 3, 5, e: 0)
            XCTAssertEqual(words(shares[0]).count, wordCount)
            for subset in [[0, 1, 2], [4, 2, 0], [1, 3, 4], [0, 1, 2, 3, 4]] {
                let back = try Slip39.combine(subset.map { shares[$0] }, passphrase: empty)
                XCTAssertTrue(back.constantTimeEquals(master))
            }
        }
    }

    func testPassphraseIsNeededAndAWrongOneGivesAnotherSecret() throws {
        let master = try secret(16)
        let shares = try split(master, 2, 3, passphrase: "TREZOR", extendable: false)
        let right = try Slip39.combine([shares[0], shares[2]], passphrase: SecureBytes(copying: Array("TREZOR".utf8)))
        XCTAssertTrue(right.constantTimeEquals(master))
        let wrong = try Slip39.combine([shares[0], shares[2]], passphrase: SecureBytes(copying: Array("trezor".utf8)))
        XCTAssertFalse(wrong.constantTimeEquals(master))
    }

    func testGroupsTwoOfThreeGroups() throws {
        let master = try secret(16)
        let groups = try Slip39.split(masterSecret: master, groupThreshold: 2,
                                      groups: [.init(threshold: 1, count: 1), .init(threshold: 2, count: 3), .init(threshold: 3, count: 5)],
                                      passphrase: empty, iterationExponent: 0)
        let g = try groups.map { try $0.map { try $0.mnemonic() } }
        XCTAssertTrue(try Slip39.combine([g[0][0], g[1][2], g[1][0]], passphrase: empty).constantTimeEquals(master))
        XCTAssertTrue(try Slip39.combine([g[2][4], g[1][1], g[2][0], g[1][2], g[2][2]], passphrase: empty).constantTimeEquals(master))
        XCTAssertThrowsError(try Slip39.combine([g[0][0], g[1][2], g[2][0]], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .tooFew(moreShares: 1, moreGroups: 1, groupThreshold: 2))
            XCTAssertEqual(($0 as? Slip39Error)?.message, "not enough shares: 1 more group of the 2 needed must be complete (at least 1 more share)")
        }
    }

    func testTooFewSaysHowManyMore() throws {
        let shares = try split(try secret(16), 3, 5)
        XCTAssertThrowsError(try Slip39.combine([shares[1]], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .tooFew(moreShares: 2, moreGroups: 0, groupThreshold: 1))
            XCTAssertEqual(($0 as? Slip39Error)?.message, "not enough shares: 2 more are needed")
        }
    }

    func testAMistypedWordIsNamed() throws {
        let shares = try split(try secret(16), 2, 3)
        var w = words(shares[1])
        let original = w[9]
        w[9] = Slip39Wordlist.words[(Slip39Wordlist.words.firstIndex(of: original)! + 1) % 1024]
        XCTAssertThrowsError(try Slip39.combine([shares[0], try make(w)], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .badChecksum(share: 2, likelyWrongWord: 10, typed: w[9]))
            XCTAssertEqual(($0 as? Slip39Error)?.message,
                           "share 2 does not check out (its checksum fails): word 10, \"\(w[9])\", is most likely the wrong one")
        }
    }

    func testTwoSwappedWordsAreCaughtWithoutNamingOne() throws {
        let shares = try split(try secret(16), 2, 3)
        var w = words(shares[0])
        guard w[6] != w[12] else { return }
        w.swapAt(6, 12)
        XCTAssertThrowsError(try Slip39.combine([try make(w), shares[1]], passphrase: empty)) {
            guard case .badChecksum(1, nil, nil)? = $0 as? Slip39Error else { return XCTFail("\($0)") }
            XCTAssertEqual(($0 as? Slip39Error)?.message,
                           "share 1 does not check out (its checksum fails): more than one word is wrong, or words are in the wrong order")
        }
    }

    func testUnknownWordIsNamed() throws {
        let shares = try split(try secret(16), 2, 3)
        var w = words(shares[0])
        w[4] = "Banana"
        XCTAssertThrowsError(try Slip39.combine([shares[1], try make(w)], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .unknownWord(share: 2, position: 5, word: "banana"))
            XCTAssertEqual(($0 as? Slip39Error)?.message, "share 2: word 5, \"banana\", is not a SLIP-0039 share word")
        }
    }

    func testWrongLength() throws {
        let shares = try split(try secret(16), 2, 3)
        let w = words(shares[0])
        XCTAssertThrowsError(try Slip39.combine([try make(Array(w.dropLast())), shares[1]], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .wrongLength(share: 1, words: 19))
            XCTAssertTrue(($0 as? Slip39Error)!.message.hasPrefix("share 1 has 19 words; a SLIP-0039 share has 20 words"))
        }
        // 21 + 7 words: 210 value bits, padding 210 % 16 = 2... 22 value words: 220 % 16 = 12 > 8.
        XCTAssertThrowsError(try Slip39.combine([try make(w + ["academic", "academic"] + Array(w.suffix(7)))], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .wrongLength(share: 1, words: 29))
        }
    }

    func testBadPaddingIsItsOwnError() throws {
        // A share whose first value word has a padding bit set, with a checksum made for it.
        let shares = try split(try secret(16), 2, 3)
        var indices = try Slip39Share.wordIndices(shares[0], number: 1)
        indices.removeLast(3)
        indices[4] |= 0x200
        let ext = (indices[1] >> 4) & 1 == 1
        indices += RS1024.checksum(indices, extendable: ext)
        let text = try make(indices.map { Slip39Wordlist.words[Int($0)] })
        XCTAssertThrowsError(try Slip39.combine([text, shares[1]], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .badPadding(share: 1))
            XCTAssertEqual(($0 as? Slip39Error)?.message,
                           "share 1 does not check out: its value's padding bits are not zero (a wrong word near the start of the value)")
        }
    }

    func testSharesOfDifferentSetsAreRefused() throws {
        let a = try split(try secret(16), 2, 3)
        let b = try split(try secret(16), 2, 3)
        XCTAssertThrowsError(try Slip39.combine([a[0], b[1]], passphrase: empty)) {
            guard case .differentSet(2, 1, _)? = $0 as? Slip39Error else { return XCTFail("\($0)") }
            XCTAssertTrue(($0 as? Slip39Error)!.message.hasPrefix("share 2 is not from the same set as share 1 (their "))
        }
        let long = try split(try secret(32), 2, 3)
        var w = words(long[0])
        let short = words(a[0])
        // Same identifier and parameters, another length: refused as another set.
        w.replaceSubrange(0..<4, with: short[0..<4])
        var indices = w.map { UInt16(Slip39Wordlist.words.firstIndex(of: $0)!) }
        indices.removeLast(3)
        indices += RS1024.checksum(indices, extendable: true)
        XCTAssertThrowsError(try Slip39.combine([a[0], try make(indices.map { Slip39Wordlist.words[Int($0)] })], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .differentSet(share: 2, firstShare: 1, differs: "lengths"))
        }
    }

    func testRepeatedIndex() throws {
        let shares = try split(try secret(16), 2, 3)
        XCTAssertThrowsError(try Slip39.combine([shares[0], shares[0]], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .repeatedIndex(share: 2, earlierShare: 1, sameShare: true))
            XCTAssertEqual(($0 as? Slip39Error)?.message, "share 2 was already given (it is share 1 again)")
        }
        // Same index, other value (checksum made for it).
        var indices = try Slip39Share.wordIndices(shares[0], number: 1)
        indices.removeLast(3)
        indices[10] ^= 1
        indices += RS1024.checksum(indices, extendable: true)
        XCTAssertThrowsError(try Slip39.combine([shares[0], try make(indices.map { Slip39Wordlist.words[Int($0)] })], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .repeatedIndex(share: 2, earlierShare: 1, sameShare: false))
            XCTAssertEqual(($0 as? Slip39Error)?.message, "share 2 has the same index as share 1 in the same group, but different words")
        }
    }

    func testWrongDigestIsRefused() throws {
        // A share whose value was changed and its checksum recomputed: the
        // set combines into garbage, which the digest catches.
        let shares = try split(try secret(16), 2, 3)
        var indices = try Slip39Share.wordIndices(shares[1], number: 1)
        indices.removeLast(3)
        indices[12] ^= 0x55
        indices += RS1024.checksum(indices, extendable: true)
        XCTAssertThrowsError(try Slip39.combine([shares[0], try make(indices.map { Slip39Wordlist.words[Int($0)] })], passphrase: empty)) {
            XCTAssertEqual($0 as? Slip39Error, .digestMismatch)
            XCTAssertEqual(($0 as? Slip39Error)?.message,
                           "the shares do not combine: their digest does not verify (shares of different splits, or a share changed)")
        }
    }

    func testSplitParametersAreChecked() throws {
        XCTAssertThrowsError(try split(try secret(15), 2, 3)) { XCTAssertEqual($0 as? Slip39Error, .secretLength(bytes: 15)) }
        XCTAssertThrowsError(try split(try secret(34), 2, 3)) { XCTAssertEqual($0 as? Slip39Error, .secretLength(bytes: 34)) }
        XCTAssertThrowsError(try split(try secret(16), 4, 3)) { guard case .invalidParameters? = $0 as? Slip39Error else { return XCTFail() } }
        XCTAssertThrowsError(try split(try secret(16), 1, 3)) { guard case .invalidParameters? = $0 as? Slip39Error else { return XCTFail() } }
        XCTAssertThrowsError(try split(try secret(16), 2, 17)) { guard case .invalidParameters? = $0 as? Slip39Error else { return XCTFail() } }
        XCTAssertThrowsError(try split(try secret(16), 2, 3, passphrase: "caf\u{e9}")) {
            XCTAssertEqual($0 as? Slip39Error, .passphraseNotPrintableASCII)
        }
    }
}
