import Foundation

/// The front ends' words, by key, in every language with a catalogue file.
///
/// Catalogues are flat JSON objects (`"emergency.title": "Emergency"`)
/// compiled into the binary at build time (the EmbedCatalogues plugin).
/// Placeholders are written `{name}` and filled by `text(_:_:_:)`. A key a
/// catalogue lacks falls back to English; a key English lacks is a
/// programming error and shows as the key itself.
public enum Catalogue {
    /// Language code -> key -> text, decoded once.
    static let tables: [String: [String: String]] = {
        var tables: [String: [String: String]] = [:]
        for (code, encoded) in EmbeddedCatalogues.base64 {
            guard let data = Data(base64Encoded: encoded),
                  let table = try? JSONSerialization.jsonObject(with: data) as? [String: String] else { continue }
            tables[code] = table
        }
        return tables
    }()

    /// The codes with a catalogue, English first, then by code.
    static let languageCodes: [String] = {
        tables.keys.sorted { a, b in a == "en" ? b != "en" : (b == "en" ? false : a < b) }
    }()

    /// Every key of one language's catalogue and its text (not merged with English).
    public static func table(_ language: Language) -> [String: String] {
        tables[language.code] ?? [:]
    }

    /// The text of `key` in `language` (English when that catalogue lacks
    /// it), with each `{name}` replaced by `values[name]`.
    public static func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        let raw = tables[language.code]?[key] ?? tables["en"]?[key] ?? key
        return fill(raw, values)
    }

    /// Replaces `{name}` placeholders; an unknown one stays as written.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, text.contains("{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = values[String(after[..<close])] {
                out += value
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        out += rest
        return out
    }

    /// The placeholder names in a text (`{count}` -> "count").
    /// A name is an ASCII letter then letters, digits or `_`, as `fill` reads it.
    public static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if let first = name.first, first.isASCII, first.isLetter,
               name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                names.insert(String(name))
                rest = after[after.index(after: close)...]
            } else {
                rest = after
            }
        }
        return names
    }

    /// Keys with a prefix as a nested dictionary for Mustache templates:
    /// `emergency.title` becomes `t.emergency.title`. English fills what the
    /// language lacks.
    public static func tree(_ language: Language) -> [String: Any] {
        var merged = tables["en"] ?? [:]
        for (k, v) in tables[language.code] ?? [:] { merged[k] = v }
        var root: [String: Any] = [:]
        for (key, value) in merged {
            insert(value, at: key.split(separator: ".").map(String.init)[...], into: &root)
        }
        return root
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into node: inout [String: Any]) {
        guard let head = path.first else { return }
        if path.count == 1 { node[head] = value; return }
        var child = node[head] as? [String: Any] ?? [:]
        insert(value, at: path.dropFirst(), into: &child)
        node[head] = child
    }
}
