import Foundation

// Writes EmbeddedCatalogues.swift: every catalogue file given, checked to be
// a flat JSON object of strings, stored as base64 (no escaping questions)
// under its language code (the file name without `.json`).
// Usage: CatalogueEmbedder OUTPUT.swift CATALOGUE.json...
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: CatalogueEmbedder OUTPUT.swift CATALOGUE.json...\n".utf8))
    exit(2)
}
var entries: [String] = []
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    let code = url.deletingPathExtension().lastPathComponent
    let data = try Data(contentsOf: url)
    // A broken catalogue fails the build, not the program at run time.
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          object.values.allSatisfy({ $0 is String }) else {
        FileHandle.standardError.write(Data("\(path): error: a catalogue is one JSON object of strings\n".utf8))
        exit(1)
    }
    guard code.range(of: "^[a-z]{2,3}$", options: .regularExpression) != nil else {
        FileHandle.standardError.write(Data("\(path): error: a catalogue is named by its language code (es.json)\n".utf8))
        exit(1)
    }
    entries.append("        \"\(code)\": \"\(data.base64EncodedString())\",")
}
let source = """
    // Generated at build time from Catalogues/*.json. Do not edit.
    enum EmbeddedCatalogues {
        static let base64: [String: String] = [
    \(entries.isEmpty ? "        :" : entries.joined(separator: "\n"))
        ]
    }

    """
try source.write(toFile: output, atomically: true, encoding: .utf8)
