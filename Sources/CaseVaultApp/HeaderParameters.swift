import Foundation

/// A header value and its `;`-separated parameters (`form-data; name="x";
/// filename="a;b.pdf"`), quoted strings unescaped; parameter names in
/// lower case.
struct HeaderParameters {
    let value: String
    private var parameters: [String: String] = [:]

    init(_ header: String) {
        var items: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for c in header {
            if escaped { current.append(c); escaped = false; continue }
            if quoted && c == "\\" { current.append(c); escaped = true; continue }
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
                var out = ""
                var escape = false
                for c in v {
                    if escape { out.append(c); escape = false } else if c == "\\" { escape = true } else { out.append(c) }
                }
                v = out
            }
            if parameters[key] == nil { parameters[key] = v }
        }
    }

    subscript(_ name: String) -> String? { parameters[name.lowercased()] }
}
