import Foundation

/// A header value and its `;`-separated parameters (`form-data; name="x";
/// filename="a;b.pdf"`), quoted strings unquoted; parameter names in
/// lower case.
struct HeaderParameters {
    let value: String
    private var parameters: [String: String] = [:]

    /// `backslashEscapes`: whether a backslash in a quoted string escapes
    /// the next character, as in HTTP's own headers (RFC 9110). A
    /// multipart/form-data part's headers follow HTML's rule instead:
    /// browsers write `"` as `%22` and leave a backslash as it is (a file
    /// named `a\b.txt`, an old browser's `C:\Users\…` path), so there a
    /// quoted string ends at the next quote.
    init(_ header: String, backslashEscapes: Bool = true) {
        var items: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for c in header {
            if escaped { current.append(c); escaped = false; continue }
            if quoted && backslashEscapes && c == "\\" { current.append(c); escaped = true; continue }
            if c == "\"" { quoted.toggle() }
            if c == ";" && !quoted { items.append(current); current = ""; continue }
            current.append(c)
        }
        items.append(current)
        value = items.first?.trimmingCharacters(in: .whitespaces) ?? ""
        for item in items.dropFirst() {
            guard let eq = item.firstIndex(of: "=") else { continue }
            let key = item[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var v = item[item.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if v.count >= 2, v.hasPrefix("\""), v.hasSuffix("\"") {
                v = String(v.dropFirst().dropLast())
                if backslashEscapes {
                    var out = ""
                    var escape = false
                    for c in v {
                        if escape { out.append(c); escape = false } else if c == "\\" { escape = true } else { out.append(c) }
                    }
                    v = out
                }
            }
            if parameters[key] == nil { parameters[key] = v }
        }
    }

    subscript(_ name: String) -> String? { parameters[name.lowercased()] }
}
