import Foundation
import XCTest

/// `casevault remind` through the built binary, against a real notification
/// server (Tests/Python/notify_server.py, which records each Notify call)
/// on the private session bus that scripts/with-keyring.sh starts, and the
/// real gnome-keyring there: one notification, no secret in it, once per
/// stage; nothing sent when nothing is due or the keyring does not unlock;
/// `--json`; `--ics` parsed by the `icalendar` package; the timer's units.
final class RemindCLITests: XCTestCase {
    var dir: TempDir!
    var vault: String { dir.path("vault") }
    var pass: String!
    var state: String { dir.path("state") }
    let uscisCode = "ABCD-EFGH-1234"
    let loginCodes = ["11112222", "33334444"]

    override func setUpWithError() throws {
        guard ProcessInfo.processInfo.environment["CASEVAULT_TEST_KEYRING"] == "1" else {
            XCTFail("the remind tests need a private session D-Bus with an unlocked gnome-keyring: run them through "
                    + "`make test` (or scripts/with-keyring.sh swift test --skip-build)")
            throw KeyringSessionError.noTestKeyring
        }
        dir = try TempDir()
        pass = try dir.write("pass", "remind test passphrase, not secret\n")
        XCTAssertEqual(try cv(["init", "--kdf", "interactive"] + setup).status, 0)
        XCTAssertEqual(try cv(["code", "add", "uscis"] + setup, stdin: uscisCode + "\n").status, 0)
    }

    override func tearDownWithError() throws {
        // Leave no item behind in the shared test keyring.
        if let id = try? cv(["keyring", "status", "--no-keyring", "--json", "--vault", vault]).json()["vaultId"] as? String {
            _ = try? CLI.tool(["secret-tool", "clear", "application", "casevault", "vault", id])
        }
    }

    // MARK: - The notification

    func testOneNotificationWithoutSecretsThenOncePerStage() throws {
        let server = try NotifyServer(dir)
        XCTAssertEqual(try cv(["code", "add", "login.gov"] + setup, stdin: loginCodes.joined(separator: "\n") + "\n").status, 0)
        try addDocument("passport", label: "Ana María passport", expiresIn: 25)
        try enableKeyring()

        let first = try remind([])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout + first.stderr, "", "a reminder prints nothing")
        let sent = try server.calls()
        XCTAssertEqual(sent.count, 1, "one notification for everything due")
        let n = try XCTUnwrap(sent.first)
        XCTAssertEqual(n["app_name"] as? String, "CaseVault")
        XCTAssertEqual(n["summary"] as? String, "CaseVault: 2 things need your attention")
        XCTAssertEqual(n["body"] as? String, "A list of backup codes is running low\nPassport expires in 25 days\nOpen CaseVault to see the details.")
        XCTAssertEqual((n["hints"] as? [String: Any])?["desktop-entry"] as? String, "casevault")
        let everything = String(decoding: try JSONSerialization.data(withJSONObject: n), as: UTF8.self)
        for secret in [uscisCode, "ABCDEFGH1234"] + loginCodes + ["login.gov", "Ana", "Mar"] {
            XCTAssertFalse(everything.contains(secret), "the notification shows '\(secret)'")
        }

        // The state file: 0600, no names, one mark per stage.
        let files = try FileManager.default.contentsOfDirectory(atPath: state + "/casevault/remind")
        XCTAssertEqual(files.count, 1)
        let logPath = state + "/casevault/remind/" + files[0]
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        XCTAssertEqual(log.split(separator: "\n").count, 2, log)
        for name in ["login", "passport", "Ana", "uscis", "codes-low", "document"] { XCTAssertFalse(log.contains(name), log) }
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: logPath)[.posixPermissions] as? Int, 0o600)

        // Same stages the next day: nothing new is sent.
        XCTAssertEqual(try remind([]).status, 0)
        XCTAssertEqual(try server.calls().count, 1, "the same stage is not notified twice")

        // A document crossing the 7-day threshold is a new stage: one more notice.
        try addDocument("green-card", label: "card", expiresIn: 5)
        XCTAssertEqual(try remind([]).status, 0)
        let again = try server.calls()
        XCTAssertEqual(again.count, 2)
        XCTAssertEqual(again.last?["summary"] as? String, "CaseVault: 3 things need your attention")
        XCTAssertTrue((again.last?["body"] as? String ?? "").contains("Green card expires in 5 days"), "\(again)")
    }

    func testNothingDueSendsNothing() throws {
        let server = try NotifyServer(dir)
        try addDocument("passport", label: "far", expiresIn: 400)
        try enableKeyring()
        let r = try remind([])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout + r.stderr, "")
        XCTAssertEqual(try server.calls().count, 0)
    }

    func testNoKeyringUnlockSendsNothingAndExitsZero() throws {
        let server = try NotifyServer(dir)
        try addDocument("passport", label: "soon", expiresIn: 3)
        // No keyring slot: silent, exit 0, nothing sent (never a prompt).
        let none = try remind([])
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertEqual(none.stdout + none.stderr, "")
        XCTAssertEqual(try remind(["--json"]).json()["unlocked"] as? Bool, false)
        // A keyring slot, but no session bus at all.
        try enableKeyring()
        let noBus = try remind([], unset: ["DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"])
        XCTAssertEqual(noBus.status, 0, noBus.stderr)
        XCTAssertEqual(noBus.stdout + noBus.stderr, "")
        // A locked keyring, with a notification server on that bus too.
        let locked = try KeyringSession(.locked)
        let lockedServer = try NotifyServer(dir, name: "locked", env: locked.env)
        let r = try remind([], env: locked.env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout + r.stderr, "")
        XCTAssertEqual(try lockedServer.calls().count, 0)
        XCTAssertEqual(try server.calls().count, 0)
        // The same vault through the unlocked keyring does notify: the checks above could fail.
        XCTAssertEqual(try remind([]).status, 0)
        XCTAssertEqual(try server.calls().count, 1)
    }

    func testNoNotificationServerIsExit12AndTheStageIsNotMarkedSent() throws {
        try addDocument("passport", label: "soon", expiresIn: 20)
        try enableKeyring()
        // The keyring unlocks, but nothing on the bus shows notifications.
        let r = try remind([])
        XCTAssertEqual(r.status, 12, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("error: remind: no notification server on the session bus"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Passport") || r.stderr.contains("soon"), "the error does not repeat the notice")
        // Not sent, so not remembered: the next run with a server sends it.
        let server = try NotifyServer(dir)
        XCTAssertEqual(try remind([]).status, 0)
        XCTAssertEqual(try server.calls().map { $0["body"] as? String }, ["Passport expires in 20 days\nOpen CaseVault to see the details."])
    }

    func testJSONListsTheFindingsAndSendsNothing() throws {
        let server = try NotifyServer(dir)
        XCTAssertEqual(try cv(["code", "add", "login.gov"] + setup, stdin: loginCodes.joined(separator: "\n") + "\n").status, 0)
        try addDocument("ead", label: "work permit", expiresIn: 60)
        try addDocument("passport", label: "old", expiresIn: -2)
        try enableKeyring()
        let r = try remind(["--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let j = try r.json()
        XCTAssertEqual(j["unlocked"] as? Bool, true)
        XCTAssertEqual(j["notified"] as? Bool, false)
        let items = try XCTUnwrap(j["items"] as? [[String: Any]])
        XCTAssertEqual(items.map { $0["kind"] as? String }, ["codes-running-low", "document-expiring", "document-expiring"])
        XCTAssertEqual(items[0]["label"] as? String, "login.gov")
        XCTAssertEqual(items[0]["unused"] as? Int, 2)
        XCTAssertEqual(items[1]["label"] as? String, "old")
        XCTAssertEqual(items[1]["daysLeft"] as? Int, -2)
        XCTAssertEqual(items[1]["threshold"] as? Int, 0)
        XCTAssertEqual(items[2]["type"] as? String, "ead")
        XCTAssertEqual(items[2]["expires"] as? String, day(60))
        XCTAssertEqual(items[2]["threshold"] as? Int, 90)
        XCTAssertFalse(r.stdout.contains(uscisCode) || loginCodes.contains { r.stdout.contains($0) }, "no code in --json")
        XCTAssertEqual(try server.calls().count, 0, "--json sends no notification")
    }

    func testInSpanishWithASpanishLocaleTheNotificationAndTheCalendar() throws {
        let server = try NotifyServer(dir)
        try addDocument("passport", label: "Ana María pasaporte", expiresIn: 25)
        try addDocument("ead", label: "permiso", expiresIn: 1)
        try enableKeyring()
        let r = try remind([], env: ["LANG": "es_MX.UTF-8"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let n = try XCTUnwrap(try server.calls().first)
        XCTAssertEqual(n["summary"] as? String, "CaseVault: 2 asuntos necesitan su atención")
        XCTAssertEqual(n["body"] as? String,
                       "Permiso de trabajo (EAD): vence en 1 día\nPasaporte: vence en 25 días\nAbra CaseVault para ver los detalles.")
        XCTAssertFalse((n["body"] as? String ?? "").contains("Ana"), "the notification names a label")

        let ics = dir.path("renovaciones.ics")
        XCTAssertEqual(try remind(["--ics", ics], env: ["LANG": "es_MX.UTF-8"]).status, 0)
        let events = try XCTUnwrap(try parseICS(ics)["events"] as? [[String: Any]])
        XCTAssertEqual(events.map { $0["summary"] as? String },
                       ["Permiso de trabajo (EAD) vence: permiso", "Pasaporte vence: Ana María pasaporte"])
        XCTAssertEqual(events.map { $0["start"] as? String }, [day(1), day(25)])
    }

    // MARK: - The calendar file

    func testICSParsesWithTheRightDatesAndSummaries() throws {
        try addDocument("passport", label: "Ana, María; passport\\2031 with a label long enough to fold the line", expiresIn: 200)
        try addDocument("green-card", label: "card", expiresIn: 10)
        let plain = try dir.write("plain.txt", "no expiry")
        XCTAssertEqual(try cv(["doc", "add", plain, "--label", "no date"] + setup).status, 0)
        try enableKeyring()
        let ics = dir.path("renewals.ics")
        let r = try remind(["--ics", ics])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Wrote 2 renewal dates to \(ics)\n")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: ics)[.posixPermissions] as? Int, 0o600)
        let parsed = try parseICS(ics)
        XCTAssertEqual(parsed["version"] as? String, "2.0")
        XCTAssertEqual(parsed["prodid"] as? String, "-//CaseVault//casevault remind//EN")
        XCTAssertEqual(parsed["crlfOnly"] as? Bool, true)
        XCTAssertLessThanOrEqual(parsed["longestLine"] as? Int ?? 999, 75)
        let events = try XCTUnwrap(parsed["events"] as? [[String: Any]])
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events.map { $0["summary"] as? String },
                       ["Green card expires: card", "Passport expires: Ana, María; passport\\2031 with a label long enough to fold the line"])
        XCTAssertEqual(events.map { $0["start"] as? String }, [day(10), day(200)])
        XCTAssertEqual(events.map { $0["end"] as? String }, [day(11), day(201)])
        XCTAssertEqual(events.map { $0["allDay"] as? Bool }, [true, true])
        XCTAssertEqual(events[0]["alarms"] as? [String], ["-P90D", "-P30D"])
        let raw = try String(contentsOfFile: ics, encoding: .utf8)
        XCTAssertFalse(raw.contains(uscisCode), "the calendar holds no code")
        // The UIDs stay the same on the next run (a re-import updates).
        XCTAssertEqual(try remind(["--ics", ics]).status, 0)
        XCTAssertEqual(try XCTUnwrap(parseICS(ics)["events"] as? [[String: Any]]).map { $0["uid"] as? String },
                       events.map { $0["uid"] as? String })
    }

    // MARK: - The daily timer

    func testPackagedUnitsAreWhatEnableWrites() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let config = dir.path("config")
        // No systemctl on PATH: the units are written, then a clear refusal (exit 12).
        let r = try CLI.run(["remind", "--enable"], env: ["XDG_CONFIG_HOME": config, "PATH": dir.path("empty-bin")])
        XCTAssertEqual(r.status, 12, r.stderr)
        XCTAssertTrue(r.stderr.contains("error: remind: systemctl was not found"), r.stderr)
        XCTAssertTrue(r.stderr.contains("hint: "), r.stderr)
        let unitDir = config + "/systemd/user"
        for name in ["casevault-remind.service", "casevault-remind.timer"] {
            let written = try String(contentsOfFile: unitDir + "/" + name, encoding: .utf8)
            let packaged = try String(contentsOf: root.appendingPathComponent("packaging/systemd/" + name), encoding: .utf8)
            let lines = written.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertTrue(lines[0].hasPrefix("# Written by `casevault remind --enable`"), written)
            // The same unit, but for the binary that wrote it.
            XCTAssertEqual(lines.dropFirst().joined(separator: "\n")
                .replacingOccurrences(of: "ExecStart=\(CLI.binary.resolvingSymlinksInPath().path) remind", with: "ExecStart=/usr/bin/casevault remind"),
                           packaged)
        }
        let timer = try String(contentsOf: root.appendingPathComponent("packaging/systemd/casevault-remind.timer"), encoding: .utf8)
        for line in ["OnCalendar=daily", "Persistent=true", "WantedBy=timers.target"] { XCTAssertTrue(timer.contains(line + "\n")) }
        let service = try String(contentsOf: root.appendingPathComponent("packaging/systemd/casevault-remind.service"), encoding: .utf8)
        XCTAssertTrue(service.contains("\nType=oneshot\nExecStart=/usr/bin/casevault remind\n"), service)
        XCTAssertFalse(service.contains("[Install]"), "only the timer is enabled")

        // systemd-analyze comes with systemd (scripts/setup.sh test installs it).
        // --man=no: the man page comes with the package, not with a build tree.
        let v = try CLI.tool(["systemd-analyze", "verify", "--man=no", unitDir + "/casevault-remind.timer", unitDir + "/casevault-remind.service"])
        XCTAssertEqual(v.status, 0, v.stdout + v.stderr)

        // --disable removes only what --enable wrote; a hand-written unit stays.
        let own = try dir.write("config/systemd/user/other.timer", "[Timer]\nOnCalendar=daily\n")
        let d = try CLI.run(["remind", "--disable"], env: ["XDG_CONFIG_HOME": config, "PATH": dir.path("empty-bin")])
        XCTAssertEqual(d.status, 0, d.stderr)
        XCTAssertTrue(d.stdout.contains("Removed \(unitDir)/casevault-remind.timer"), d.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: unitDir + "/casevault-remind.service"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: own))
    }

    func testEnableWithoutAUserManagerSaysSo() throws {
        // No session bus and no runtime directory (as in CI, a console, a
        // container): no systemd user manager can be reached.
        let config = dir.path("config")
        let noManager = ["XDG_CONFIG_HOME": config, "XDG_RUNTIME_DIR": dir.path("norun")]
        let r = try CLI.run(["remind", "--enable"], env: noManager, unset: ["DBUS_SESSION_BUS_ADDRESS"])
        XCTAssertEqual(r.status, 12, r.stderr)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/systemctl") {
            XCTAssertTrue(r.stderr.contains("error: remind: systemctl --user is not available ("), r.stderr)
        } else {
            XCTAssertTrue(r.stderr.contains("error: remind: systemctl was not found"), r.stderr)
        }
        XCTAssertTrue(r.stderr.contains("the timer is not enabled"), r.stderr)
        XCTAssertTrue(r.stderr.contains("the unit files were written (\(config)/systemd/user/casevault-remind.service"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\nhint: "), r.stderr)
    }

    // MARK: - Helpers

    var setup: [String] { ["--vault", vault, "--passphrase-file", pass, "--no-keyring"] }

    func cv(_ args: [String], stdin: String? = nil, env: [String: String] = [:], unset: [String] = []) throws -> CLIResult {
        try CLI.run(args, stdin: stdin.map { Data($0.utf8) }, env: env, unset: unset)
    }

    /// `casevault remind ARGS` as the timer runs it: no passphrase, no
    /// terminal; in English unless `env` names a locale.
    func remind(_ args: [String], env: [String: String] = [:], unset: [String] = []) throws -> CLIResult {
        let locale = env["LANG"] == nil ? ["LANG": "C.UTF-8"] : [:]
        return try CLI.tool(["setsid", "-w", CLI.binary.path, "remind", "--vault", vault] + args,
                            env: env.merging(["XDG_STATE_HOME": state].merging(locale) { a, _ in a }) { a, _ in a },
                            unset: unset + ["LC_ALL", "LC_MESSAGES"])
    }

    func enableKeyring() throws {
        let r = try cv(["keyring", "enable", "--vault", vault, "--passphrase-file", pass])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func addDocument(_ type: String, label: String, expiresIn days: Int) throws {
        let scan = try dir.write("scan-\(UUID().uuidString).pdf", "%PDF-1.4 scan")
        let r = try cv(["doc", "add", scan, "--type", type, "--label", label, "--expires", day(days)] + setup)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// Today (UTC, as the vault counts days) plus `offset` days, YYYY-MM-DD.
    func day(_ offset: Int) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        let d = c.date(byAdding: .day, value: offset, to: Date())!
        let p = c.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", p.year!, p.month!, p.day!)
    }

    func parseICS(_ path: String) throws -> [String: Any] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let env = try CLI.tool([root.appendingPathComponent("scripts/python-env.sh").path], timeout: 600)
        XCTAssertEqual(env.status, 0, env.stderr)
        let py = env.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let r = try CLI.tool([py, root.appendingPathComponent("Tests/Python/check_ics.py").path, path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try r.json()
    }
}

/// Tests/Python/notify_server.py on a session bus, stopped when this goes away.
final class NotifyServer {
    private let process = Process()
    let record: String

    init(_ dir: TempDir, name: String = "notify", env: [String: String] = [:]) throws {
        record = dir.path("\(name).jsonl")
        let ready = dir.path("\(name).ready")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Python/notify_server.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script.path, record, ready]
        process.environment = ProcessInfo.processInfo.environment.merging(env) { _, b in b }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: ready) {
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard FileManager.default.fileExists(atPath: ready) else {
            process.terminate()
            throw KeyringSessionError.didNotStart("notify_server.py did not take org.freedesktop.Notifications")
        }
    }

    /// Every Notify call so far, in order.
    func calls() throws -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: record, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}
