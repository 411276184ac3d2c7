import Foundation
import XCTest

/// `casevault emergency` through the built binary: the exact screen for a
/// filled vault, the JSON, nothing marked used, and how it unlocks.
final class EmergencyCLITests: CLITestCase {
    @discardableResult
    func cv(_ args: [String], stdin: String? = nil, keyring: Bool = false, passphrase: Bool = true,
            env: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        var extra = ["--vault", vault]
        if passphrase { extra += ["--passphrase-file", pass] }
        if !keyring { extra.append("--no-keyring") }
        let r = try CLI.run(args + extra, stdin: stdin.map { Data($0.utf8) }, env: env, file: file, line: line)
        return r
    }

    func ok(_ args: [String], stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try cv(args, stdin: stdin, file: file, line: line)
        XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
    }

    /// Today and a day 30 days ahead, UTC, as the screen prints them.
    func days() -> (today: String, soon: String) {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        let now = Date()
        return (f.string(from: now), f.string(from: now.addingTimeInterval(30 * 86_400)))
    }

    func fill() throws {
        try ok(["init", "--kdf", "interactive", "--json"])
        try ok(["code", "add", "login.gov", "--account", "applicant@example.org", "--primary"],
               stdin: "QX7P-44ZR-MMTN\n7Y2B-KK9D-PLQ3\nHJ4K-5522-WWER\n")
        try ok(["code", "use", "login.gov"])
        try ok(["code", "add", "uscis"], stdin: "ABCD-9876-ZYXW\n")
        try ok(["code", "add", "github"], stdin: "1111-1111\n2222-2222\n3333-3333\n4444-4444\n")
        try ok(["id", "add", "receipt", "--note", "I-485"], stdin: "IOE 098-765-4321\n")
        try ok(["id", "add", "a-number"], stdin: "a87654321\n")
        try ok(["id", "add", "receipt", "--note", "I-765 work permit"], stdin: "EAC1234567890\n")
        try ok(["id", "add", "account-number"], stdin: "0123 4567 8901\n")
        try ok(["id", "add", "card-number"], stdin: "SRC0123456789\n")
        try ok(["id", "add", "other", "--label", "visa foil"], stdin: "X1234567\n")
        let scan = try dir.write("scan.jpg", "pretend this is a scan")
        try ok(["doc", "add", scan, "--type", "green-card", "--label", "green card", "--expires", "2099-05-01"])
        try ok(["doc", "add", scan, "--type", "passport", "--label", "passport", "--expires", "2020-01-31"])
        try ok(["doc", "add", scan, "--type", "ead", "--label", "work permit", "--expires", days().soon])
        try ok(["doc", "add", scan, "--type", "i-797", "--label", "I-797 receipt notice"])
    }

    func testScreenForAFilledVaultIsExact() throws {
        try fill()
        let r = try cv(["emergency"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let (today, soon) = days()
        XCTAssertEqual(r.stdout, """
            CASEVAULT EMERGENCY  \(today)
            ========================================

            ONE-TIME CODE: login.gov (primary)
              account applicant@example.org
              code 2 of 3, 2 unused:

                  7Y2B-KK9D-PLQ3

              After using it:
              casevault code use login.gov

            USCIS BACKUP CODE

                  ABCD-9876-ZYXW

              After using it:
              casevault code use uscis

            A-NUMBER
                  A-087-654-321

            USCIS ONLINE ACCOUNT NUMBER
                  0123 4567 8901

            RECEIPT NUMBERS
                  IOE0987654321
                    (I-485)
                  EAC1234567890
                    (I-765 work permit)

            CARD NUMBER
                  SRC0123456789

            OTHER NUMBERS
              visa foil:
                  X1234567

            DOCUMENTS STORED (4)
              passport
                passport, EXPIRED 2020-01-31
              work permit
                ead, RENEW: expires \(soon)
              green card
                green-card, expires 2099-05-01
              I-797 receipt notice
                i-797, no expiry date

            OTHER CODE LISTS (codes not shown)
              github: 4 of 4 unused
              Take one: casevault code use LABEL

            ----------------------------------------
            Unlocked with the passphrase.

            """)
        for line in r.stdout.split(separator: "\n") {
            XCTAssertLessThanOrEqual(line.count, 40, "wider than a phone terminal: \(line)")
        }
    }

    func testShowingMarksNothingUsedAndAUsedSingleCodeSaysWhen() throws {
        try fill()
        let before = try cv(["code", "show", "login.gov", "--json"]).stdout
        XCTAssertEqual(try cv(["emergency"]).status, 0)
        XCTAssertEqual(try cv(["emergency", "--json"]).status, 0)
        XCTAssertEqual(try cv(["code", "show", "login.gov", "--json"]).stdout, before)
        XCTAssertEqual(try cv(["code", "use", "uscis"]).stdout, "ABCD-9876-ZYXW\n")
        let screen = try cv(["emergency"]).stdout
        XCTAssertTrue(screen.contains("""
            USCIS BACKUP CODE

                  ABCD-9876-ZYXW

              Marked used \(days().today). If it is
              refused, store the new one:
              casevault code replace uscis

            """), screen)
    }

    func testJSON() throws {
        try fill()
        let r = try cv(["emergency", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let j = try r.json()
        let (today, soon) = days()
        XCTAssertEqual(j["asOf"] as? String, today)
        XCTAssertEqual(j["vault"] as? String, URL(fileURLWithPath: vault).standardizedFileURL.path)
        XCTAssertEqual(j["unlockedWith"] as? String, "passphrase")
        let codes = try XCTUnwrap(j["codes"] as? [[String: Any]])
        XCTAssertEqual(codes.count, 2)
        XCTAssertEqual(codes[0]["label"] as? String, "login.gov")
        XCTAssertEqual(codes[0]["code"] as? String, "7Y2B-KK9D-PLQ3")
        XCTAssertEqual(codes[0]["number"] as? Int, 2)
        XCTAssertEqual(codes[0]["unused"] as? Int, 2)
        XCTAssertEqual(codes[0]["primary"] as? Bool, true)
        XCTAssertEqual(codes[0]["markUsed"] as? String, "casevault code use login.gov")
        XCTAssertEqual(codes[1]["code"] as? String, "ABCD-9876-ZYXW")
        XCTAssertEqual(codes[1]["kind"] as? String, "single")
        let others = try XCTUnwrap(j["otherCodeLists"] as? [[String: Any]])
        XCTAssertEqual(others.map { $0["label"] as? String }, ["github"])
        XCTAssertNil(others[0]["code"], "an unrevealed list printed a code")
        let ids = try XCTUnwrap(j["identifiers"] as? [[String: Any]])
        XCTAssertEqual(ids.map { $0["value"] as? String },
                       ["A087654321", "012345678901", "IOE0987654321", "EAC1234567890", "SRC0123456789", "X1234567"])
        let docs = try XCTUnwrap(j["documents"] as? [[String: Any]])
        XCTAssertEqual(docs.map { $0["state"] as? String }, ["expired", "renew-soon", "valid", "no-expiry"])
        XCTAssertEqual(docs.map { $0["expires"] as? String }, ["2020-01-31", soon, "2099-05-01", nil])
        XCTAssertEqual(docs[1]["daysUntilExpiry"] as? Int, 30)
        XCTAssertFalse(r.stdout.contains("1111-1111"), "a code of an unrevealed list is in the JSON")
    }

    func testEmptyVault() throws {
        try ok(["init", "--kdf", "interactive", "--json"])
        let r = try cv(["emergency"])
        XCTAssertEqual(r.stdout, """
            CASEVAULT EMERGENCY  \(days().today)
            ========================================

            Nothing is stored yet. Add the USCIS
            backup code with:
              casevault code add uscis

            ----------------------------------------
            Unlocked with the passphrase.

            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("vault/documents.db")), "emergency created a document store")
    }

    /// Needs the session keyring of `make test` (scripts/with-keyring.sh).
    func testUnlocksThroughTheKeyringAndSaysWhenItCannot() throws {
        try ok(["init", "--kdf", "interactive", "--json"])
        try ok(["code", "add", "uscis"], stdin: "ABCD-9876-ZYXW\n")

        var r = try cv(["emergency"], keyring: true)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "keyring: not enabled for this vault; `casevault keyring enable` lets emergency open without the passphrase\n")
        XCTAssertTrue(r.stdout.hasSuffix("Unlocked with the passphrase.\n"))

        r = try cv(["keyring", "enable"], keyring: true)
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try cv(["emergency"], keyring: true, passphrase: false)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(r.stdout.hasSuffix("Unlocked with the keyring.\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("ABCD-9876-ZYXW"))
        XCTAssertEqual(try cv(["emergency", "--json"], keyring: true, passphrase: false).json()["unlockedWith"] as? String, "keyring")

        // No session bus: one line saying why, then the passphrase file.
        let noBus = ["DBUS_SESSION_BUS_ADDRESS": "unix:path=\(dir.path("no-bus"))"]
        r = try cv(["emergency"], keyring: true, env: noBus)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("keyring: ") && r.stderr.hasSuffix("; falling back to the passphrase\n"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1)
        XCTAssertTrue(r.stdout.hasSuffix("Unlocked with the passphrase.\n"))
        XCTAssertEqual(try cv(["keyring", "disable"], keyring: true).status, 0)
    }

    func testNoVault() throws {
        let r = try cv(["emergency"])
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(r.stderr.hasPrefix("error: no vault at "), r.stderr)
    }
}
