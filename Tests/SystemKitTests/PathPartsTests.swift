import XCTest
import SystemKit

/// `PathParts` splits paths as dirname/basename do, one-character names included.
final class PathPartsTests: XCTestCase {
    func testSplitsLikeDirnameAndBasename() {
        let cases: [(String, String, String)] = [
            ("a", ".", "a"), ("-", ".", "-"), ("share.age", ".", "share.age"),
            ("d/a", "d", "a"), ("/a", "/", "a"), ("/tmp/x/share.age", "/tmp/x", "share.age"),
            ("./-", ".", "-"), ("out/", ".", "out"), ("a/b//", "a", "b"), ("/", "/", "/"),
        ]
        for (path, directory, name) in cases {
            let p = PathParts(path)
            XCTAssertEqual(p.directory, directory, path)
            XCTAssertEqual(p.name, name, path)
        }
    }
}
