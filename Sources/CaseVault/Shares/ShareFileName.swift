/// Turns a document's name into a file name that `PortableFileName` accepts.
///
/// The sender sanitises so that `tar -x` on any system writes exactly the
/// named file and shows what it is; the reader checks the same rule again
/// (`PortableFileName`, in the manifest's rules, in TarPath and before each
/// file is created) and never trusts this. Rules: invisible characters
/// (zero-width, joiners, variation selectors) are dropped; every other
/// character the rule refuses (controls, bidi controls, `<>:"/\|?*`...)
/// becomes `_`; a leading dot becomes `_`; leading spaces and trailing dots
/// and spaces are dropped (Windows strips them); reserved device names (CON,
/// NUL, COM1…) get a `_` prefix; at most 150 bytes of UTF-8, keeping the
/// extension; duplicates (ignoring case and normalisation) get ` (2)`, ` (3)`…
enum ShareFileName {
    static let maxBytes = 150

    static func sanitise(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for c in raw.precomposedStringWithCanonicalMapping.unicodeScalars {
            switch PortableFileName.refused(c) {
            case nil: scalars.append(c)
            case .invisible: continue
            default: scalars.append("_")
            }
        }
        var s = String(scalars)
        while let first = s.unicodeScalars.first, first.properties.isWhitespace { s.unicodeScalars.removeFirst() }
        while let last = s.unicodeScalars.last, last == "." || last.properties.isWhitespace { s.unicodeScalars.removeLast() }
        if s.hasPrefix(".") { s = "_" + s.dropFirst() }
        if s.isEmpty { s = "document" }
        if PortableFileName.isDeviceName(s) { s = "_" + s }
        return truncate(s)
    }

    static func truncate(_ s: String) -> String {
        guard s.utf8.count > maxBytes else { return s }
        let ext = s.contains(".") ? "." + (s.split(separator: ".").last.map(String.init) ?? "") : ""
        let keepExt = ext.utf8.count <= 16 ? ext : ""
        var stem = String(s.dropLast(keepExt.count))
        while stem.utf8.count + keepExt.utf8.count > maxBytes { stem.removeLast() }
        while let last = stem.unicodeScalars.last, last == "." || last.properties.isWhitespace { stem.unicodeScalars.removeLast() }
        return stem + keepExt
    }

    /// Sanitised, unique names for `names`, in order. Uniqueness ignores case
    /// and normalisation (macOS and Windows file systems do). Each name is
    /// checked against `PortableFileName` last: the exporter never writes a
    /// name the reader would refuse.
    static func unique(_ names: [String]) throws -> [String] {
        var taken = Set<String>()
        return try names.map { raw in
            let base = sanitise(raw)
            var candidate = base
            var n = 2
            while taken.contains(PortableFileName.collisionKey(candidate)) {
                let dot = base.lastIndex(of: ".")
                let stem = dot.map { String(base[..<$0]) } ?? base
                let ext = dot.map { String(base[$0...]) } ?? ""
                candidate = truncate("\(stem) (\(n))\(ext)")
                n += 1
            }
            taken.insert(PortableFileName.collisionKey(candidate))
            do {
                return try PortableFileName(validating: candidate).value
            } catch {
                throw CaseVaultError.invalidInput(field: "document name", reason: "it cannot be made a safe file name: \(error)",
                                                  expected: "a document whose file name is plain text")
            }
        }
    }
}
