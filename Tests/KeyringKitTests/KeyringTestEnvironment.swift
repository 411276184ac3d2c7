import Foundation
import XCTest

/// The real keyring these tests need, and helpers to run the project's scripts.
enum KeyringTestEnvironment {
    /// The repository root (this file is Tests/KeyringKitTests/...).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Fails (not skips) the test when it runs outside scripts/with-keyring.sh.
    static func require(file: StaticString = #filePath, line: UInt = #line) throws {
        guard ProcessInfo.processInfo.environment["CASEVAULT_TEST_KEYRING"] == "1" else {
            XCTFail("these tests need a private session D-Bus with an unlocked gnome-keyring: run them through "
                    + "`make test` (or scripts/with-keyring.sh swift test --skip-build)", file: file, line: line)
            throw MissingKeyring()  // stops the test after the failure above
        }
    }

    /// Runs a program; returns (status, stdout, stderr).
    @discardableResult
    static func run(_ argv: [String], stdin: Data? = nil) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(stdin) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Runs `body` with libsecret pointed at another bus name
    /// ($SECRET_SERVICE_BUS_NAME, which libsecret reads on each open).
    /// XCTest runs tests one at a time, so changing the environment here
    /// races with nothing.
    static func withBusName<R>(_ name: String, _ body: () throws -> R) rethrows -> R {
        setenv("SECRET_SERVICE_BUS_NAME", name, 1)
        defer { unsetenv("SECRET_SERVICE_BUS_NAME") }
        return try body()
    }

    /// `secret-tool search --all` output (it splits it between stdout and
    /// stderr), without the `secret =` lines, so no secret reaches a failure
    /// message.
    static func secretToolSearch(_ attributes: [String: String]) throws -> String {
        let args = attributes.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }
        let (_, out, err) = try run(["secret-tool", "search", "--all"] + args)
        return (out + err).split(separator: "\n").filter { !$0.hasPrefix("secret = ") }.joined(separator: "\n")
    }

    /// A fresh random suffix so concurrent tests never share items or names.
    static func uniqueID() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}

struct MissingKeyring: Error {}

/// A process that owns `name` on the test session bus and never answers
/// (scripts/hung-secret-service.py); terminated when released.
final class HungService {
    let process = Process()

    init(name: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [KeyringTestEnvironment.root.appendingPathComponent("scripts/hung-secret-service.py").path, name]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        // Wait for "ready": the name is owned from then on.
        let line = out.fileHandleForReading.availableDataLine(timeout: 10)
        guard line == "ready" else {
            process.terminate()
            throw NSError(domain: "HungService", code: 1,
                          userInfo: [NSLocalizedDescriptionKey: "the hung service did not start (got \(line ?? "nothing"))"])
        }
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}

extension FileHandle {
    /// Reads until the first newline or `timeout` seconds.
    fileprivate func availableDataLine(timeout: TimeInterval) -> String? {
        var data = Data()
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            let chunk = availableData
            if chunk.isEmpty { break }
            data.append(chunk)
            if data.contains(0x0a) { break }
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }
}
