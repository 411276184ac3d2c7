import Foundation
import XCTest

/// `make install DESTDIR=... PREFIX=...` puts the binary, the completions and
/// the man page where Debian's bash-completion, zsh, fish and man look.
final class InstallTests: XCTestCase {
    var repo: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs a tool; returns its status and its output (stdout, then stderr).
    func run(_ tool: String, _ args: [String], cwd: URL? = nil) throws -> (Int32, String) {
        let r = try CLI.tool([tool] + args, cwd: cwd)
        return (r.status, r.stdout + r.stderr)
    }

    func testMakeInstallWithDestdir() throws {
        let dir = try TempDir()
        let dest = dir.path("stage")
        // BIN= names the binary built for the tests (the plain `make install`
        // builds a release binary first; the test must not rebuild).
        let (status, log) = try run("make", ["-s", "install", "DESTDIR=\(dest)", "PREFIX=/usr", "BIN=\(CLI.binary.path)"], cwd: repo)
        XCTAssertEqual(status, 0, log)
        let fm = FileManager.default
        let expected: [(String, Int)] = [
            ("usr/bin/casevault", 0o755),
            ("usr/share/bash-completion/completions/casevault", 0o644),
            ("usr/share/zsh/site-functions/_casevault", 0o644),
            ("usr/share/fish/vendor_completions.d/casevault.fish", 0o644),
            ("usr/share/man/man1/casevault.1", 0o644),
        ]
        for (path, mode) in expected {
            let full = dest + "/" + path
            XCTAssertTrue(fm.fileExists(atPath: full), "missing \(path)")
            XCTAssertEqual(try fm.attributesOfItem(atPath: full)[.posixPermissions] as? Int, mode, path)
        }
        // The installed binary is the built one, stripped: smaller, and it runs the same.
        let installedSize = try XCTUnwrap(try fm.attributesOfItem(atPath: dest + "/usr/bin/casevault")[.size] as? Int)
        let builtSize = try XCTUnwrap(try fm.attributesOfItem(atPath: CLI.binary.path)[.size] as? Int)
        XCTAssertLessThan(installedSize, builtSize, "the installed binary is not stripped")
        let (vstatus, installedVersion) = try run(dest + "/usr/bin/casevault", ["--version"])
        XCTAssertEqual(vstatus, 0, installedVersion)
        XCTAssertEqual(installedVersion, try CLI.run(["--version"]).stdout)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: dest), ["usr"], "install wrote outside PREFIX")

        // Completions know the commands, including the newest ones.
        let bash = try String(contentsOfFile: dest + "/usr/share/bash-completion/completions/casevault", encoding: .utf8)
        for word in ["emergency", "kit", "init", "--include-recovery-key", "--passphrase-file"] {
            XCTAssertTrue(bash.contains(word), "bash completion lacks \(word)")
        }
        XCTAssertEqual(try run("bash", ["-n", dest + "/usr/share/bash-completion/completions/casevault"]).0, 0, "bash completion does not parse")
        let zsh = try String(contentsOfFile: dest + "/usr/share/zsh/site-functions/_casevault", encoding: .utf8)
        XCTAssertTrue(zsh.hasPrefix("#compdef casevault"), String(zsh.prefix(40)))
        XCTAssertTrue(zsh.contains("emergency"))
        let fish = try String(contentsOfFile: dest + "/usr/share/fish/vendor_completions.d/casevault.fish", encoding: .utf8)
        XCTAssertTrue(fish.contains("complete -c 'casevault'") && fish.contains("emergency"), String(fish.prefix(200)))

        // The man page formats without warnings and documents commands and exit codes.
        let man = dest + "/usr/share/man/man1/casevault.1"
        let (mstatus, text) = try run("groff", ["-man", "-Tutf8", "-ww", "-z", man])
        XCTAssertEqual(mstatus, 0, text)
        XCTAssertEqual(text, "", "groff warnings")
        let (_, formatted) = try run("man", ["-l", "-P", "cat", man])
        let page = formatted.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        for text in ["casevault emergency", "casevault kit", "casevault code use <label>", "EXIT STATUS",
                     "busy: another casevault process", "CASEVAULT_DIR"] {
            XCTAssertTrue(page.contains(text), "man page lacks \(text)")
        }
    }
}
