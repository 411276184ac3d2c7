import Foundation
import XCTest

/// One step of a terminal conversation: wait for `expect`, check the echo
/// state when `echo` is set, then type `send`.
struct PTYStep: Encodable {
    enum Echo: String, Encodable { case on, off }
    let expect: String
    let echo: Echo?
    let send: String?
    /// Type back group 1 of this regex over the output so far (then `send`).
    let sendMatch: String?
    /// Lowercase what `sendMatch` found before typing it.
    let lower: Bool

    init(_ expect: String, echo: Echo? = nil, send: String? = nil, sendMatch: String? = nil, lower: Bool = false) {
        self.expect = expect
        self.echo = echo
        self.send = send
        self.sendMatch = sendMatch
        self.lower = lower
    }
}

/// What a run through the pseudo-terminal produced.
struct PTYResult: Decodable {
    let status: Int32
    /// Everything the terminal showed (stdout and stderr interleaved, CRLF as LF).
    let transcript: String
    /// Only for runs without a terminal.
    let stdout: String
    let stderr: String
    /// Steps that did not happen as expected (prompt never shown, echo not off...).
    let failures: [String]
}

/// Runs the built `casevault` on a real pseudo-terminal (scripts/pty-driver.py,
/// python's `pty`), so prompts go through /dev/tty exactly as for a person.
enum PTY {
    static var driver: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/pty-driver.py")
    }

    private struct Spec: Encodable {
        let argv: [String]
        let env: [String: String]
        let unset: [String]
        let steps: [PTYStep]
        let timeout: Double
        let noTTY: Bool
        let cwd: String?
    }

    /// `casevault args...` on a terminal, following `steps`.
    static func run(_ args: [String], steps: [PTYStep], env: [String: String] = [:], unset: [String] = [],
                    timeout: Double = 90, cwd: String? = nil) throws -> PTYResult {
        try drive(Spec(argv: [CLI.binary.path] + args, env: env, unset: unset, steps: steps, timeout: timeout, noTTY: false, cwd: cwd))
    }

    /// `casevault args...` with no controlling terminal at all (as from cron or CI).
    static func runWithoutTerminal(_ args: [String], env: [String: String] = [:], unset: [String] = []) throws -> PTYResult {
        try drive(Spec(argv: [CLI.binary.path] + args, env: env, unset: unset, steps: [], timeout: 90, noTTY: true, cwd: nil))
    }

    private static func drive(_ spec: Spec) throws -> PTYResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", driver.path]
        let inp = Pipe(), out = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        try p.run()
        try inp.fileHandleForWriting.write(contentsOf: try JSONEncoder().encode(spec))
        try inp.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw NSError(domain: "PTY", code: Int(p.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "pty-driver.py failed"])
        }
        return try JSONDecoder().decode(PTYResult.self, from: data)
    }
}
