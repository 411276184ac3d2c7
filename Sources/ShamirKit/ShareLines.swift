import SodiumKit

/// Text with one share per line, split into lines in secure memory.
public enum ShareLines {
    /// The non-empty lines of `text` (white space only counts as empty).
    public static func split(_ text: SecureBytes) throws -> [SecureBytes] {
        let ranges: [Range<Int>] = text.withUnsafeBytes { t in
            var out: [Range<Int>] = []
            var start = 0
            for i in 0...t.count where i == t.count || t[i] == 0x0A {
                let blank = t[start..<i].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                if !blank { out.append(start..<i) }
                start = i + 1
            }
            return out
        }
        return try ranges.map { try SecureBytes(slice: text, offset: $0.lowerBound, count: $0.count) }
    }
}
