import Foundation
import XCTest
@testable import CaseVault

/// The one rule for labels, names and notes entering the vault
/// (Fixtures/text/vault-text.json), and every place text enters through it.
final class VaultTextTests: XCTestCase {
    func testRefusedTextNamesTheCodePointAndClass() throws {
        let fixture = try TextFixtures.load("vault-text")
        for (text, reason) in try TextFixtures.pairs(fixture["refused"]) {
            let problem = VaultText.problem(in: text)
            XCTAssertTrue(problem?.description.hasPrefix(reason) == true, "\(TextFixtures.shown(text)): \(String(describing: problem))")
        }
        let notes = try XCTUnwrap(fixture["notes"] as? [String: Any])
        for (text, reason) in try TextFixtures.pairs(notes["refused"]) {
            XCTAssertTrue(VaultText.problem(in: text, allowLineBreaks: true)?.description.hasPrefix(reason) == true, TextFixtures.shown(text))
        }
    }

    func testAcceptedTextPasses() throws {
        let fixture = try TextFixtures.load("vault-text")
        for text in try XCTUnwrap(fixture["accepted"] as? [String]) {
            XCTAssertNil(VaultText.problem(in: text), TextFixtures.shown(text))
            XCTAssertEqual(try VaultText.name(text, field: "name"), text)
        }
        for text in try XCTUnwrap((fixture["notes"] as? [String: Any])?["accepted"] as? [String]) {
            XCTAssertNil(VaultText.problem(in: text, allowLineBreaks: true), TextFixtures.shown(text))
            XCTAssertNotNil(VaultText.problem(in: text), "a line break is a note's only: \(TextFixtures.shown(text))")
        }
    }

    /// Every label, name and note that enters the vault goes through the
    /// rule: U+202E, U+009B and DEL are refused (invalid input, exit 7)
    /// with the code point named and the text never echoed.
    func testEveryEntryPointRefusesWhatTheRuleRefuses() throws {
        let t = try TestVault()
        let v = t.vault!
        let file = t.root.appendingPathComponent("scan.pdf")
        try Data("%PDF".utf8).write(to: file)
        let recipient = try v.shareKeys.createAgeIdentity(replace: false).publicKeyRecipient.encoded
        for bad in ["Qz\u{202E}Xw", "Qz\u{9B}31mXw", "Qz\u{7F}Xw", "Qz\u{200B}Xw"] {
            let code = bad.unicodeScalars.first { !$0.isASCII || $0.value == 0x7F }!
            let u = "U+" + String(format: "%04X", code.value)
            var attempts: [(String, () throws -> Void)] = [
                ("code label", { _ = try v.codes.add(label: bad, account: nil, codes: ["1234-5678"], primary: false) }),
                ("code account", { _ = try v.codes.add(label: "ok", account: bad, codes: ["1234-5678"], primary: false) }),
                ("id label", { _ = try v.identifiers.add(kind: .aNumber, value: "A012345678", label: bad, note: nil) }),
                ("id note", { _ = try v.identifiers.add(kind: .aNumber, value: "A012345678", label: nil, note: bad) }),
                ("id other value", { _ = try v.identifiers.add(kind: .other, value: bad, label: nil, note: nil) }),
                ("doc label", { _ = try v.documents().add(file: file.path, DocumentStore.NewDocument(label: bad)) }),
                ("doc note", { _ = try v.documents().add(file: file.path, DocumentStore.NewDocument(label: "scan", note: bad)) }),
                ("representative", { _ = try v.representatives.add(name: bad, recipient: recipient) }),
                ("sender name", { try v.shareKeys.setSenderName(bad) }),
            ]
            let named = t.root.appendingPathComponent("scan \(bad).pdf")
            if FileManager.default.createFile(atPath: named.path, contents: Data("%PDF".utf8)) {
                attempts.append(("doc file name", { _ = try v.documents().add(file: named.path, DocumentStore.NewDocument(label: "named")) }))
            }
            for (what, attempt) in attempts {
                XCTAssertThrowsVaultError(try attempt(), { e in
                    guard case .invalidInput(_, let reason, _, _) = e else { return false }
                    return reason.contains(u) && !(e.message + e.advice).contains("Qz") && !(e.message + e.advice).contains("Xw")
                }, "\(what) with \(u)")
            }
        }
        XCTAssertEqual(try v.codes.list().count, 0)
        XCTAssertEqual(try v.identifiers.list().count, 0)
        XCTAssertEqual(try v.representatives.list().count, 0)
        XCTAssertNil(try v.shareKeys.senderName())
    }
}
