import Foundation
import XCTest

/// What a run of the built `casevault` binary produced.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String
    let stdoutData: Data

    /// Decodes stdout as one JSON object.
    func json() throws -> [String: Any] {
        guard let obj = try JSONSerialization.jsonObject(with: stdoutData) as? [String: Any] else {
            throw NSError(domain: "CLI", code: 1, userInfo: [NSLocalizedDescriptionKey: "stdout is not a JSON object"])
        }
        return obj
    }
}

/// Runs the real `casevault` binary that `swift build` put next to the test bundle.
enum CLI {
    private static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// .build/<config>/casevault
    static var binary: URL {
        let products = Bundle.main.bundleURL.hasSuffix(".xctest")
            ? Bundle.main.bundleURL.deletingLastPathComponent()
            : Bundle.main.bundleURL
        return products.appendingPathComponent("casevault")
    }

    /// Runs `casevault args...` with `stdin` (closed when nil) and the current
    /// environment plus `env`, minus `unset`. Waits at most `timeout` seconds.
    @discardableResult
    static func run(_ args: [String], stdin: Data? = nil, env: [String: String] = [:], unset: [String] = [],
                    timeout: TimeInterval = 120, file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try execute(binary, args, stdin: stdin, env: env, unset: unset, cwd: nil, timeout: timeout, file: file, line: line)
    }

    /// Runs another program found on PATH (age, tar, make, setsid, ...) the same way.
    @discardableResult
    static func tool(_ argv: [String], stdin: Data? = nil, env: [String: String] = [:], unset: [String] = [],
                     cwd: URL? = nil, timeout: TimeInterval = 300,
                     file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try execute(URL(fileURLWithPath: "/usr/bin/env"), argv, stdin: stdin, env: env, unset: unset, cwd: cwd,
                    timeout: timeout, file: file, line: line)
    }

    private static func execute(_ executable: URL, _ args: [String], stdin: Data?, env: [String: String], unset: [String],
                                cwd: URL?, timeout: TimeInterval, file: StaticString, line: UInt) throws -> CLIResult {
        // A child that exits before reading all of its stdin must not kill the
        // test process with SIGPIPE: ignore it, so the write just fails.
        _ = ignoreSIGPIPE
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        if let cwd { p.currentDirectoryURL = cwd }
        var environment = ProcessInfo.processInfo.environment
        for k in unset { environment.removeValue(forKey: k) }
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        let writer = Thread {
            if let stdin { try? inp.fileHandleForWriting.write(contentsOf: stdin) }
            try? inp.fileHandleForWriting.close()
        }
        writer.start()
        let outBox = DataBox(), errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            p.terminate()
            XCTFail("\(executable.lastPathComponent) \(args.joined(separator: " ")) did not finish in \(timeout) s", file: file, line: line)
        }
        p.waitUntilExit()
        let outData = outBox.data, errData = errBox.data
        return CLIResult(status: p.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self),
                         stdoutData: outData)
    }
}

/// Holds bytes read on another thread; the DispatchGroup orders the accesses.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

extension URL {
    fileprivate func hasSuffix(_ s: String) -> Bool { lastPathComponent.hasSuffix(s) }
}

/// A private temporary directory removed when the test ends.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("casevault-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let p = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: p)
        return p
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Asserts each path is still what it was (a FIFO, a symlink: `S_IFIFO`,
/// `S_IFLNK`), not replaced by a file a command renamed over it, and that
/// `directory` holds no leftover temporary (dot) file, if given.
func assertNotReplaced(_ paths: [(String, mode_t)], leftoversIn directory: String? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws {
    for (path, type) in paths {
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0, path, file: file, line: line)
        XCTAssertEqual(st.st_mode & S_IFMT, type, "\(path) was replaced", file: file, line: line)
    }
    if let directory {
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }, [],
                       "temporary files left", file: file, line: line)
    }
}
