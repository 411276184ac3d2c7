internal import CICU

/// The only code that calls ICU (the system's libicu, Debian's libicu-dev):
/// Unicode normalisation with case folding, and UTS #39 confusable
/// skeletons, from ICU's own data rather than a table kept by hand.
///
/// No Foundation here: Foundation carries a private copy of ICU whose C
/// types would clash with the system's in this module (CICU/shim.h).
public enum ICU {
    /// An ICU call failed (its UErrorCode); no text is carried.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let code: Int32
        public var description: String { "ICU error \(code)" }
    }

    /// The confusable skeleton of `text` (UTS #39, section 4): two strings
    /// that look alike have the same skeleton ("paypal" with a Cyrillic а,
    /// "rn" and "m"). Case-sensitive; see `nfkcCasefold`.
    public static func skeleton(_ text: String) throws -> String {
        let checker = try SpoofChecker.shared.get()
        return try transform(text) { cv_icu_skeleton(checker.handle, $0, $1, $2, $3, $4) }
    }

    /// NFKC_Casefold: compatibility forms (fullwidth, ligatures, no-break
    /// spaces) as their plain letters, case folded, default-ignorable code
    /// points (zero-width characters, joiners, U+034F, fillers) removed.
    public static func nfkcCasefold(_ text: String) throws -> String {
        try transform(text) { cv_icu_normalize(1, $0, $1, $2, $3, $4) }
    }

    /// The ICU version in use ("72.1.0.0"): confusable skeletons come from
    /// its data, so a skeleton kept from an earlier version is made again
    /// when this changes (the inbox index keeps its clients' look-alike keys).
    public static let version: String = {
        var v: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &v) { cv_icu_version($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return "\(v.0).\(v.1).\(v.2).\(v.3)"
    }()

    /// Runs an ICU transform over UTF-16, growing the output buffer once if
    /// ICU says it needs more.
    private static func transform(_ text: String,
                                  _ call: (UnsafePointer<UInt16>, Int32, UnsafeMutablePointer<UInt16>, Int32, UnsafeMutablePointer<Int32>) -> Int32) throws -> String {
        let input = Array(text.utf16)
        guard !input.isEmpty else { return "" }
        var capacity = input.count * 2 + 16
        for _ in 0..<2 {
            var output = [UInt16](repeating: 0, count: capacity)
            var status: Int32 = 0
            let n = input.withUnsafeBufferPointer { i in
                output.withUnsafeMutableBufferPointer { o in call(i.baseAddress!, Int32(i.count), o.baseAddress!, Int32(o.count), &status) }
            }
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ { capacity = Int(n) + 1; continue }
            guard status <= 0, n >= 0, Int(n) <= output.count else { throw Failure(code: status) }
            return String(decoding: output[0..<Int(n)], as: UTF16.self)
        }
        throw Failure(code: 15)
    }
}

/// Owns ICU's spoof checker: opened once (it loads the confusables data),
/// closed with the process. ICU documents a configured checker as safe to
/// use from several threads for skeletons.
private final class SpoofChecker: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    private init(_ handle: UnsafeMutableRawPointer) { self.handle = handle }
    deinit { cv_icu_spoof_close(handle) }

    static let shared: Result<SpoofChecker, ICU.Failure> = {
        var status: Int32 = 0
        guard let h = cv_icu_spoof_open(&status), status <= 0 else { return .failure(ICU.Failure(code: status)) }
        return .success(SpoofChecker(h))
    }()
}
