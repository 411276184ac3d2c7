import Foundation
import XCTest

/// scripts/check-library-neutral.sh (run by `make test`) passes on the
/// repository and fails on each way the library could speak CLI again.
final class LibraryNeutralCheckTests: XCTestCase {
    var repo: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    var script: String { repo.appendingPathComponent("scripts/check-library-neutral.sh").path }

    func testTheLibraryNamesNoCommandFlagOrExitCode() throws {
        let r = try CLI.tool([script, repo.path])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// A copy of the sources with one line added to a library file: each of
    /// these is refused, naming the file; a comment, a byte label and the
    /// product named as a noun are not.
    func testEachKindOfCLITalkInTheLibraryFails() throws {
        let refused = [
            "let h = \"restore it, then run `casevault check`\"",
            "let h = \"list what exists with casevault code list\"",
            "let h = \"point to it with --vault DIR\"",
            "let h = \"this fails with exit code 6\"",
            "public var exitCode: Int32 { 6 }",
        ]
        for line in refused {
            let root = try copyOfSources(adding: line, to: "CaseVault/Vault.swift")
            let r = try CLI.tool([script, root])
            XCTAssertEqual(r.status, 1, "not refused: \(line)")
            XCTAssertTrue(r.stderr.contains("Sources/CaseVault/Vault.swift:"), r.stderr)
        }
        for target in ["AgeKit/AgeError.swift", "KeyringKit/KeyringError.swift"] {
            let r = try CLI.tool([script, try copyOfSources(adding: "let h = \"run `casevault keyring enable`\"", to: target)])
            XCTAssertEqual(r.status, 1, "not refused in \(target)")
        }
        let allowed = [
            "// run `casevault check` --vault DIR, exit code 6",
            "let label = Array(\"casevault share manifest v9\".utf8)",
            "let m = \"not a valid casevault backup: another casevault process has it\"",
        ]
        for line in allowed {
            let r = try CLI.tool([script, try copyOfSources(adding: line, to: "CaseVault/Vault.swift")])
            XCTAssertEqual(r.status, 0, "refused: \(line): \(r.stderr)")
        }
    }

    private func copyOfSources(adding line: String, to file: String) throws -> String {
        let dir = try TempDir()
        retained.append(dir)
        let sources = dir.path("Sources")
        for target in ["CaseVault", "AgeKit", "KeyringKit", "casevault"] {
            try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: repo.appendingPathComponent("Sources/\(target)").path, toPath: sources + "/" + target)
        }
        let path = sources + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "\n" + line + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return dir.url.path
    }

    private var retained: [TempDir] = []
}
