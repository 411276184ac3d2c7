import AgeKit
import SodiumKit
import XCTest
@testable import CaseVault

/// The vault's age identity across the move to post-quantum identities: a
/// vault whose identity is classic keeps it (its 32-byte row still reads)
/// until a new one is made, which is post-quantum and keeps the classic one
/// to open shares already sent to it.
final class ShareKeysPostQuantumTests: XCTestCase {
    func testAClassicIdentityIsKeptUntilReplacedByAPostQuantumOne() throws {
        let t = try TestVault()
        let keys = t.vault.shareKeys
        let classic = try keys.createAgeIdentity(replace: false, postQuantum: false)
        XCTAssertTrue(classic is X25519Identity)
        let current = try XCTUnwrap(try keys.ageIdentity())
        XCTAssertFalse(current.publicKeyRecipient.isPostQuantum)
        XCTAssertEqual(current.publicKeyRecipient.encoded, classic.publicKeyRecipient.encoded)
        let oldShare = try Age.encrypt([1, 2, 3], to: [classic.publicKeyRecipient])

        let pq = try keys.createAgeIdentity(replace: true)
        XCTAssertTrue(pq.publicKeyRecipient.isPostQuantum)
        XCTAssertEqual(try keys.ageIdentity()?.publicKeyRecipient.encoded, pq.publicKeyRecipient.encoded)
        let retired = try keys.retiredAgeIdentities()
        XCTAssertEqual(retired.map { $0.publicKeyRecipient.encoded }, [classic.publicKeyRecipient.encoded])
        // Both open what was sent to them, from the vault's rows.
        let all: [AgeIdentity] = try keys.ageIdentities()
        XCTAssertEqual(try Age.decrypt(oldShare, identities: all), [1, 2, 3])
        let newShare = try Age.encrypt([4], to: [pq.publicKeyRecipient])
        XCTAssertEqual(try Age.decrypt(newShare, identities: all), [4])
        // Fingerprints: 20 symbols in four groups for both kinds, and different.
        let fps = [classic, pq].map { KeyFingerprint.of(recipient: $0.publicKeyRecipient) }
        XCTAssertEqual(fps.map(\.count), [23, 23])
        XCTAssertNotEqual(fps[0], fps[1])
    }

    func testRepresentativesOfBothKinds() throws {
        let t = try TestVault()
        let pq = try MLKEMX25519Identity.generate().recipient.encoded
        let classic = try X25519Identity.generate().recipient.encoded
        let a = try t.vault.representatives.add(name: "Jane", recipient: "  " + pq + "\n")
        let b = try t.vault.representatives.add(name: "Old Firm", recipient: classic)
        XCTAssertTrue(a.isPostQuantum)
        XCTAssertEqual(a.recipient, pq)
        XCTAssertFalse(b.isPostQuantum)
        XCTAssertEqual(a.fingerprint, KeyFingerprint.of(try MLKEMX25519Recipient(parsing: pq).publicKey, kind: .ageMLKEMX25519))
        XCTAssertThrowsError(try t.vault.representatives.add(name: "Cut", recipient: String(pq.dropLast(3))))
    }
}
