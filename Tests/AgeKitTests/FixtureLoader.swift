import Foundation
import XCTest

/// Reads the data files under Fixtures/ (copied into the test bundle).
enum FixtureLoader {
    static var root: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static func data(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }

    /// One age test vector: metadata lines, a blank line, the raw file.
    struct Vector {
        let name: String
        let expect: String
        let identities: [String]
        let passphrase: String?
        let payloadBLAKE2b: String?
        let comment: String
        let file: [UInt8]
    }

    /// The vectors in `folder` (relative to Fixtures/): `vectors` for the
    /// classic ones, `pq/vectors` for the post-quantum ones.
    static func vectors(in folder: String = "vectors") throws -> [Vector] {
        let dir = root.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        return try names.map { name in
            let bytes = try data("\(folder)/\(name)")
            guard let split = bytes.indices.first(where: { i in i + 1 < bytes.count && bytes[i] == 0x0A && bytes[i + 1] == 0x0A }) else {
                throw NSError(domain: "fixture", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(name): no blank line"])
            }
            let head = String(decoding: bytes[..<split], as: UTF8.self)
            var fields: [(String, String)] = []
            for line in head.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                fields.append((parts[0], parts.count > 1 ? parts[1] : ""))
            }
            func one(_ k: String) -> String? { fields.first { $0.0 == k }?.1 }
            return Vector(name: name, expect: one("expect") ?? "?", identities: fields.filter { $0.0 == "identity" }.map(\.1),
                          passphrase: one("passphrase"), payloadBLAKE2b: one("payload-blake2b"), comment: one("comment") ?? "",
                          file: Array(bytes[(split + 2)...]))
        }
    }
}
