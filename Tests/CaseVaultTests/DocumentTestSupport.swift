import Foundation
import XCTest
@testable import CaseVault
import SodiumKit

/// A document store in a private temporary vault directory, with a random
/// documents key (the store needs nothing else of a vault).
final class DocumentFixture {
    let dir: URL
    let vaultID: [UInt8]
    let key: SecureBytes
    let chunkSize: Int

    init(chunkSize: Int = 4096) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("casevault-doc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        vaultID = Random.bytes(16)
        key = try SecureBytes.random(count: 32)
        self.chunkSize = chunkSize
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func store(key: SecureBytes? = nil, vaultID: [UInt8]? = nil) throws -> DocumentStore {
        try DocumentStore(directory: dir, vaultID: vaultID ?? self.vaultID, key: PurposeKey(purpose: .documents, secureBytes: key ?? self.key), chunkSize: chunkSize)
    }

    /// Writes `bytes` to a scratch file outside the vault and returns its path.
    func input(_ bytes: [UInt8], name: String = "scan.pdf") throws -> String {
        let scratch = dir.deletingLastPathComponent().appendingPathComponent("casevault-in-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let url = scratch.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        addTeardown(scratch)
        return url.path
    }

    /// A path for output outside the vault (removed at teardown).
    func outputPath(_ name: String = "out.pdf") throws -> String {
        let scratch = dir.deletingLastPathComponent().appendingPathComponent("casevault-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        addTeardown(scratch)
        return scratch.appendingPathComponent(name).path
    }

    func blobPath(_ doc: Document) -> String {
        dir.appendingPathComponent("documents/\(doc.idHex).cvdoc").path
    }

    /// Every regular file under the vault directory.
    func allFiles() -> [String] {
        let e = FileManager.default.enumerator(atPath: dir.path)
        var out: [String] = []
        while let name = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            let p = dir.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
        }
        return out
    }

    private var teardown: [URL] = []
    private func addTeardown(_ u: URL) { teardown.append(u) }
    func cleanUp() { teardown.forEach { try? FileManager.default.removeItem(at: $0) } }
}

func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

func writeBytes(_ bytes: [UInt8], _ path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func fileMode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs anywhere in these bytes.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        let first = needle[0]
        var i = 0
        let last = count - needle.count
        while i <= last {
            if self[i] == first && Array(self[i..<i + needle.count]) == needle { return true }
            i += 1
        }
        return false
    }
}

func assertIntegrityFailure<T>(_ expression: @autoclosure () throws -> T, _ message: String,
                            file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try expression(), message, file: file, line: line) { error in
        guard case CaseVaultError.integrity = error else {
            return XCTFail("\(message): expected an integrity failure, got \(error)", file: file, line: line)
        }
    }
}
