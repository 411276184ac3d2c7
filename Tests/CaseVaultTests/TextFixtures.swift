import Foundation
import XCTest

/// The table-driven text fixtures under Fixtures/text (JSON, so control and
/// invisible characters are written as `\u` escapes, not pasted raw).
enum TextFixtures {
    static func load(_ name: String) throws -> [String: Any] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/text"))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// `[[text, expected fragment of the reason]]`
    static func pairs(_ any: Any?) throws -> [(String, String)] {
        try XCTUnwrap(any as? [[String]]).map { ($0[0], $0[1]) }
    }

    /// The code points of `s`, for failure messages (never the raw text).
    static func shown(_ s: String) -> String {
        s.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
    }
}
