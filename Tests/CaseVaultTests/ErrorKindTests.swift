@testable import CaseVault
@testable import KeyringKit
import XCTest

/// Every library error has a kind, a message and plain advice that any
/// front end can show: no command, no flag, no exit code.
final class ErrorKindTests: XCTestCase {
    /// One of each case; the switch makes a new case fail to compile here
    /// until it is added.
    static let vaultErrors: [CaseVaultError] = {
        let all: [CaseVaultError] = [
            .noVault(path: "/v"), .vaultExists(path: "/v"), .notEmpty(path: "/v"), .wrongPassphrase, .wrongRecoveryKey,
            .malformedRecoveryKey(reason: "r"), .integrity(record: "codes/1", detail: "d"), .notFound(what: "identifier", name: "n"),
            .alreadyExists(what: "code entry", name: "n"), .invalidInput(field: "f", reason: "r", expected: "e"),
            .invalidInput(field: "f", reason: "r", expected: "e", suggestion: .chooseWhatToShare),
            .passphraseUnavailable(reason: "r"), .weakPassphrase(reason: "r"), .busy(seconds: 10),
            .keyring(reason: "r", suggestion: .enableKeyring), .unsupportedFormat(found: 9, supported: 2),
            .io(operation: "read", path: "/p", reason: "r"), .exhausted(label: "l"), .olderThanSeen(found: 1, seen: 2),
            .recordsChangedOutside, .keysChangedMeanwhile,
            .unsafeVault(path: "/v", reason: "r", fix: .makePrivate(path: "/v", newVault: false)),
        ]
        for e in all {
            switch e {
            case .noVault, .vaultExists, .notEmpty, .wrongPassphrase, .wrongRecoveryKey, .malformedRecoveryKey, .integrity,
                 .notFound, .alreadyExists, .invalidInput, .passphraseUnavailable, .weakPassphrase, .busy, .keyring,
                 .unsupportedFormat, .io, .exhausted, .olderThanSeen, .recordsChangedOutside, .keysChangedMeanwhile, .unsafeVault:
                break
            }
        }
        return all
    }()

    static let shareErrors: [ShareError] = [
        .malformed("m"), .badSignature, .contentMismatch("c"), .unsafeEntry("u"),
        .signerChanged(client: "c", pinned: "p", presented: "n"), .unexpectedSigner(expected: "e", presented: "n"),
        .lookalikeSender(sender: "s", looksLike: "c", presented: "n", pinned: "p", inboxID: "0123456789abcdef"),
        .lookalikeSender(sender: "s", looksLike: "c", presented: "n", pinned: "p", inboxID: nil), .noIdentity, .badBackup("b"),
    ]

    static let keyringErrors: [KeyringError] = [
        .noSessionBus(detail: "d"), .noService(detail: "d"), .locked(collection: "login"), .noDefaultCollection,
        .timeout(seconds: 3), .itemNotFound, .malformedItem(reason: "r"), .failed(detail: "d"),
    ]

    /// What a front end without commands must never be handed.
    func assertPlain(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(text.isEmpty, "\(what): no advice", file: file, line: line)
        XCTAssertFalse(text.contains("`"), "\(what): \(text)", file: file, line: line)
        XCTAssertNil(text.range(of: #"(^|[^\w-])--?[a-z]"#, options: .regularExpression), "\(what) names a flag: \(text)", file: file, line: line)
        // ("a casevault backup" names a thing, not a command.)
        XCTAssertNil(text.range(of: #"(?<!\ba )(?<!\bvalid )\bcasevault (init|recover|status|check|restore|code|id|doc|keyring|share|identity|accept-older|export|age|backup)\b"#,
                                options: .regularExpression), "\(what) names a command: \(text)", file: file, line: line)
        XCTAssertNil(text.range(of: #"\bexit\b"#, options: .regularExpression), "\(what): \(text)", file: file, line: line)
    }

    func testEveryVaultErrorHasAKindAndPlainAdvice() {
        for e in Self.vaultErrors {
            assertPlain(e.advice, "\(e)")
            XCTAssertFalse(e.message.isEmpty)
            if let s = e.suggestion { assertPlain(s.advice, "\(s)") }
        }
        XCTAssertEqual(Self.vaultErrors.map(\.kind), [
            .noVault, .alreadyExists, .alreadyExists, .wrongSecret, .wrongSecret, .wrongSecret, .integrity, .notFound,
            .alreadyExists, .invalidInput, .invalidInput, .noSecret, .weakSecret, .busy, .keyring, .unsupportedFormat,
            .io, .exhausted, .rolledBack, .rolledBack, .changedMeanwhile, .unsafeVault,
        ])
    }

    func testEveryShareAndKeyringErrorHasAKindAndPlainAdvice() {
        for e in Self.shareErrors {
            assertPlain(e.advice, "\(e)")
            if let s = e.suggestion { assertPlain(s.advice, "\(s)") }
        }
        XCTAssertEqual(Self.shareErrors.map(\.kind), [
            .malformed, .integrity, .integrity, .malformed, .untrustedSigner, .untrustedSigner, .untrustedSigner,
            .untrustedSigner, .notFound, .malformed,
        ])
        for e in Self.keyringErrors {
            XCTAssertEqual(e.vaultError.kind, .keyring)
            XCTAssertEqual(e.vaultError.suggestion, e.suggestion)
            assertPlain(e.vaultError.advice, "\(e)")
        }
    }

    /// The suggestion carries what a front end needs to act: the list to
    /// show, the unsafe path, the share to pin.
    func testSuggestionsCarryWhatAFrontEndNeeds() {
        XCTAssertEqual(CaseVaultError.notFound(what: "document", name: "x").suggestion, .listExisting(what: "document"))
        XCTAssertEqual(ShareError.lookalikeSender(sender: "s", looksLike: "c", presented: "n", pinned: "p", inboxID: "abc").suggestion,
                       .pinLookalikeAsOwnClient(client: "c", key: "n", inboxID: "abc"))
        XCTAssertNil(CaseVaultError.io(operation: "read", path: "/p", reason: "r").suggestion)
        XCTAssertEqual(CaseVaultError.invalidInput(field: "f", reason: "r", expected: "e").advice, "expected e")
    }

    func testVaultKeyringExplanationsArePlain() {
        // Every state but `unavailable` (which quotes the keyring's own reason).
        for state in [VaultKeyringStatus.State.enabled, .mismatch, .itemMissing, .disabled, .leftoverItem] {
            let s = VaultKeyringStatus(state: state, slot: true, service: KeyringStatus(busReachable: true, serviceAnswers: true, collection: nil, collectionLocked: nil, problem: nil), item: nil, problem: nil)
            assertPlain(s.explanation, "\(state)")
        }
    }
}
