import Foundation
import XCTest

/// scripts/check-layers.sh fails on a C call outside the system layer and
/// passes our own methods named like POSIX functions.
final class LayerCheckTests: XCTestCase {
    private let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/check-layers.sh").path

    private func run(_ files: [String: String]) throws -> (Int32, String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("layers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script, root.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }

    func testTheRepositoryPasses() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
    }

    func testAnImportOrAFreeCallOutsideTheSystemLayerFailsNamingFileAndLine() throws {
        let (status, out) = try run([
            "Sources/CaseVault/A.swift": "import Foundation\n#if canImport(Glibc)\nimport Glibc\n#endif\n",
            "Sources/casevault/B.swift": "func f() {\n    let fd = open(path, O_RDONLY)\n    _ = fsync (fd)\n}\n",
            "Sources/AgeKit/C.swift": "let n = Glibc.write(1, p, 2)\n",
        ])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(out.contains("Sources/CaseVault/A.swift:3:"), out)
        XCTAssertTrue(out.contains("Sources/casevault/B.swift:2:"), out)
        XCTAssertTrue(out.contains("Sources/casevault/B.swift:3:"), out)
        XCTAssertTrue(out.contains("Sources/AgeKit/C.swift:1:"), out)
    }

    /// swift-crypto belongs to SwiftCryptoKit alone (the post-quantum KEM
    /// and SHA-256): an import anywhere else fails, naming file and line.
    func testSwiftCryptoOutsideSwiftCryptoKitFails() throws {
        let (status, out) = try run([
            "Sources/AgeKit/A.swift": "import SodiumKit\nimport Crypto\n",
            "Sources/CaseVault/B.swift": "@_implementationOnly import _CryptoExtras\n",
            "Sources/SwiftCryptoKit/C.swift": "import Crypto\nimport Foundation\n",
        ])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(out.contains("Sources/AgeKit/A.swift:2:"), out)
        XCTAssertTrue(out.contains("Sources/CaseVault/B.swift:1:"), out)
        XCTAssertFalse(out.contains("Sources/SwiftCryptoKit/C.swift"), out)
        let (ok, okOut) = try run(["Sources/SwiftCryptoKit/C.swift": "import Crypto\n", "Sources/AgeKit/D.swift": "import SwiftCryptoKit\n"])
        XCTAssertEqual(ok, 0, okOut)
    }

    func testOurOwnMethodsCommentsStringsAndTheSystemLayerPass() throws {
        let (status, out) = try run([
            "Sources/CaseVault/A.swift": """
                func read(count: Int) throws -> [UInt8] { [] }
                func g(file: PosixFile) throws {
                    _ = try file.read(count: 1)
                    _ = try read(count: 2)
                    try write(bytes[...])
                    let s = "open(x) in a string"
                    // open(path) in a comment
                    _ = stream.open(row)
                }
                """,
            "Sources/SystemKit/D.swift": "import Glibc\nlet fd = open(path, O_RDONLY)\n",
            "Sources/SodiumKit/E.swift": "import Glibc\n",
            "Sources/KeyringKit/F.swift": "import Glibc\n",
        ])
        XCTAssertEqual(status, 0, out)
    }
}
