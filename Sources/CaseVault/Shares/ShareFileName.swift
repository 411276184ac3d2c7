/// Turns a document's name into a file name safe on Linux, macOS and Windows.
///
/// The sender sanitises so that `tar -x` on any system writes exactly the
/// named file; the reader checks again (TarPath, and a single component
/// under documents/) and never trusts this. Rules: path separators, the
/// characters Windows forbids (`<>:"|?*`), control characters and a leading
/// dot become `_`; trailing dots and spaces are dropped (Windows strips them);
/// reserved device names (CON, NUL, COM1…) get a `_` prefix; at most 150
/// bytes of UTF-8, keeping the extension; duplicates get ` (2)`, ` (3)`…
enum ShareFileName {
    static let maxBytes = 150
    static let reserved: Set<String> = Set(["CON", "PRN", "AUX", "NUL"]).union((1...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    static func sanitise(_ raw: String) -> String {
        var s = String(raw.unicodeScalars.map { c -> Character in
            if c.value < 0x20 || c.value == 0x7f || "/\\<>:\"|?*".unicodeScalars.contains(c) { return "_" }
            return Character(c)
        })
        while let last = s.last, last == "." || last == " " { s.removeLast() }
        if s.hasPrefix(".") { s = "_" + s.dropFirst() }
        if s.isEmpty { s = "document" }
        let stem = s.split(separator: ".", maxSplits: 1).first.map(String.init) ?? s
        if reserved.contains(stem.uppercased()) { s = "_" + s }
        return truncate(s)
    }

    static func truncate(_ s: String) -> String {
        guard s.utf8.count > maxBytes else { return s }
        let ext = s.contains(".") ? "." + (s.split(separator: ".").last.map(String.init) ?? "") : ""
        let keepExt = ext.utf8.count <= 16 ? ext : ""
        var stem = String(s.dropLast(keepExt.count))
        while stem.utf8.count + keepExt.utf8.count > maxBytes { stem.removeLast() }
        return stem + keepExt
    }

    /// Sanitised, unique names for `names`, in order. Uniqueness ignores case
    /// (macOS and Windows file systems do).
    static func unique(_ names: [String]) -> [String] {
        var taken = Set<String>()
        return names.map { raw in
            let base = sanitise(raw)
            var candidate = base
            var n = 2
            while taken.contains(candidate.lowercased()) {
                let dot = base.lastIndex(of: ".")
                let stem = dot.map { String(base[..<$0]) } ?? base
                let ext = dot.map { String(base[$0...]) } ?? ""
                candidate = truncate("\(stem) (\(n))\(ext)")
                n += 1
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }
}
