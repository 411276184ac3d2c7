import Foundation
import XCTest

/// The CLI's language from the locale (LC_ALL, LC_MESSAGES, LANG), through
/// the built binary: `casevault emergency` and `casevault kit` in Spanish
/// with the English headings beside, English for any other locale.
final class SpanishCLITests: XCTestCase {
    var dir: TempDir!
    var vault: String { dir.path("vault") }
    var pass: String!

    override func setUpWithError() throws {
        dir = try TempDir()
        pass = try dir.write("pass", "correct horse battery staple\n")
        try ok(["init", "--kdf", "interactive", "--json"])
        try ok(["code", "add", "uscis"], stdin: "ABCD-9876-ZYXW\n")
        try ok(["id", "add", "a-number"], stdin: "a87654321\n")
        try ok(["id", "add", "receipt", "--note", "I-485"], stdin: "IOE 098-765-4321\n")
    }

    @discardableResult
    func cv(_ args: [String], stdin: String? = nil, locale: [String: String] = [:]) throws -> CLIResult {
        try CLI.run(args + ["--vault", vault, "--passphrase-file", pass, "--no-keyring"],
                    stdin: stdin.map { Data($0.utf8) }, env: locale, unset: ["LC_ALL", "LC_MESSAGES", "LANG"])
    }

    func ok(_ args: [String], stdin: String? = nil) throws {
        let r = try cv(args, stdin: stdin)
        XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)")
    }

    func testEmergencyInSpanishKeepsTheEnglishHeadingsBeside() throws {
        let r = try cv(["emergency"], locale: ["LANG": "es_ES.UTF-8"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for pair in [("CÓDIGO DE RESPALDO DE USCIS", "(USCIS BACKUP CODE)"),
                     ("NÚMERO DE REGISTRO DE EXTRANJERO", "(A-NUMBER)"),
                     ("NÚMERO DE RECIBO", "(RECEIPT NUMBER)")] {
            let at = try XCTUnwrap(lines.firstIndex(of: pair.0), "no heading \(pair.0)")
            XCTAssertEqual(lines[at + 1], pair.1, "the English heading is not beside \(pair.0)")
        }
        XCTAssertTrue(lines.contains("      ABCD-9876-ZYXW"), "the code is not shown")
        XCTAssertTrue(lines.contains("      A-087-654-321"), "the A-Number is not shown")
        XCTAssertTrue(lines.contains("  Después de usarlo:"))
        XCTAssertTrue(lines.contains("  casevault code use uscis"), "the command stays a command")
        XCTAssertEqual(lines.last(where: { !$0.isEmpty }), "Abierta con la frase de contraseña.")
        XCTAssertFalse(r.stdout.contains("After using it"), "English text left in the Spanish screen")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 40 }, "a line is wider than 40 columns")
    }

    func testLocaleVariablesInPosixOrder() throws {
        let english = try cv(["emergency"], locale: ["LANG": "en_US.UTF-8"])
        XCTAssertTrue(english.stdout.contains("\nUSCIS BACKUP CODE\n"), english.stdout)
        XCTAssertTrue(english.stdout.hasPrefix("CASEVAULT EMERGENCY  "))
        // LC_ALL wins over LANG; LC_MESSAGES over LANG.
        let c = try cv(["emergency"], locale: ["LANG": "es_MX.UTF-8", "LC_ALL": "C.UTF-8"])
        XCTAssertTrue(c.stdout.contains("\nUSCIS BACKUP CODE\n"), "LC_ALL=C did not win over LANG")
        let messages = try cv(["emergency"], locale: ["LANG": "en_US.UTF-8", "LC_MESSAGES": "es_US.UTF-8"])
        XCTAssertTrue(messages.stdout.contains("CÓDIGO DE RESPALDO DE USCIS"), "LC_MESSAGES did not win over LANG")
        let french = try cv(["emergency"], locale: ["LANG": "fr_FR.UTF-8"])
        XCTAssertTrue(french.stdout.contains("\nUSCIS BACKUP CODE\n"), "a language without a catalogue is not English")
        // --json is for programs: the same whatever the locale.
        let json = try cv(["emergency", "--json"], locale: ["LANG": "es_ES.UTF-8"])
        XCTAssertEqual(json.stdout, try cv(["emergency", "--json"]).stdout)
    }

    func testKitInSpanish() throws {
        let r = try cv(["kit", "-o", "-"], locale: ["LANG": "es_ES.UTF-8"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = r.stdout
        XCTAssertTrue(html.contains("<html lang=\"es\">"))
        for heading in ["<h1>Kit de emergencia de CaseVault (emergency kit)</h1>",
                        "<h2>1. Su bóveda (Your vault)</h2>",
                        "<h2>2. Clave de recuperación (Recovery key)</h2>",
                        "<h2>3. Representantes (Representatives)</h2>",
                        "<th>Ubicación (Location)</th>"] {
            XCTAssertTrue(html.contains(heading), "no \(heading)")
        }
        XCTAssertTrue(html.contains("<code>casevault recover</code>"), "the commands keep their markup")
        XCTAssertFalse(html.contains("Write the recovery key"), "English text left in the Spanish kit")
        let english = try cv(["kit", "-o", "-"], locale: ["LANG": "C.UTF-8"]).stdout
        XCTAssertTrue(english.contains("<html lang=\"en\">"))
        XCTAssertTrue(english.contains("<h2>2. Recovery key</h2>"))
    }
}

/// The `init` walkthrough in Spanish on a real pseudo-terminal
/// (`LANG=es_ES.UTF-8`): the steps, the recovery-key check, "s"/"n"
/// answers, and the vault it makes works as in English.
final class SpanishWalkthroughCLITests: XCTestCase {
    var dir: TempDir!
    var vault: String { dir.path("vault") }
    let passphrase = "correct horse battery staple"
    let backupCode = "ABCD-9876-ZYXW"
    let lastGroup = #"\n    (?:[0-9A-Z]{4}-){8}([0-9A-Z]{4})\n"#

    override func setUpWithError() throws {
        dir = try TempDir()
    }

    func testInitWalkthroughInSpanish() throws {
        let r = try PTY.run(["init", "--kdf", "interactive", "--vault", vault], steps: [
            PTYStep("Passphrase: ", echo: .off, send: passphrase + "\n"),
            PTYStep("Type it again: ", echo: .off, send: passphrase + "\n"),
            PTYStep("después del último guion): ", echo: .on, send: "QQQQ\n"),
            PTYStep("después del último guion): ", echo: .on, send: "\n", sendMatch: lastGroup, lower: true),
            PTYStep("¿Usar el llavero? [S/n] ", echo: .on, send: "n\n"),
            PTYStep("Código de respaldo de USCIS: ", echo: .off, send: backupCode + "\n"),
        ], env: ["LANG": "es_ES.UTF-8"], unset: ["LC_ALL", "LC_MESSAGES"])
        XCTAssertEqual(r.failures, [])
        XCTAssertEqual(r.status, 0, r.transcript)
        XCTAssertFalse(r.transcript.contains(passphrase), "the passphrase was echoed")
        XCTAssertFalse(r.transcript.contains(backupCode), "the backup code was echoed")
        for text in ["Bienvenido a CaseVault.", "Paso 1 de 4: frase de contraseña (passphrase)",
                     "Paso 2 de 4: clave de recuperación (recovery key)", "\"QQQQ\" no coincide.",
                     "Coincide. Guarde el papel en un lugar seguro.", "Omitido. Más tarde: casevault keyring enable",
                     "Se guardó su código de respaldo de USCIS como 'uscis'.", "Listo. Su bóveda está preparada."] {
            XCTAssertTrue(r.transcript.contains(text), "missing: \(text)\n\(r.transcript)")
        }
        XCTAssertFalse(r.transcript.contains("Step 2 of 4"), "English left in the Spanish walkthrough")
        let pass = try dir.write("pass", passphrase + "\n")
        let show = try CLI.run(["code", "show", "uscis", "--json", "--vault", vault, "--passphrase-file", pass, "--no-keyring"])
        XCTAssertEqual((try show.json()["codes"] as? [[String: Any]])?.first?["code"] as? String, backupCode)
    }
}
