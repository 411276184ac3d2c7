import Foundation

/// A language the front ends speak: one catalogue file
/// (`Catalogues/CODE.json`) compiled into the binary. English is the
/// fallback for anything a catalogue lacks.
public struct Language: Hashable, Sendable, CustomStringConvertible {
    /// The ISO 639 code, as the catalogue file is named (`en`, `es`).
    public let code: String

    public static let english = Language(code: "en")
    public static let spanish = Language(code: "es")

    /// Every language with a catalogue, English first.
    public static var all: [Language] {
        Catalogue.languageCodes.map(Language.init(code:))
    }

    /// A language by its code; nil when no catalogue has that code.
    public init?(exactly code: String) {
        let lower = code.lowercased()
        guard Catalogue.languageCodes.contains(lower) else { return nil }
        self.code = lower
    }

    private init(code: String) { self.code = code }

    public var description: String { code }

    /// Its own name in itself ("Español"), for a language switch.
    public var name: String { Catalogue.text("language.name", self) }

    /// The language of a locale value (`es_ES.UTF-8`, `es`, `en_US`, `C`):
    /// its language part if a catalogue has it, else nil.
    public static func of(locale value: String) -> Language? {
        let part = value.split(whereSeparator: { "_.@-".contains($0) }).first.map(String.init) ?? ""
        return Language(exactly: part)
    }

    /// The command line's language from the environment, as POSIX orders
    /// it: LC_ALL, then LC_MESSAGES, then LANG (the first one set and not
    /// empty decides); a language without a catalogue gives English.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return of(locale: value) ?? .english
            }
        }
        return .english
    }

    /// The browser's preferred language from an Accept-Language header
    /// (`es-MX,es;q=0.9,en;q=0.8`): the one with the highest q-value that
    /// has a catalogue (ties keep the header's order; q=0 means "not this");
    /// English when none has one.
    public static func fromAcceptLanguage(_ header: String?) -> Language {
        guard let header else { return .english }
        var choices: [(language: Language, q: Double, order: Int)] = []
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { continue }
            var q = 1.0
            for p in parts.dropFirst() where p.lowercased().hasPrefix("q=") {
                q = Double(p.dropFirst(2)) ?? 0
            }
            guard q > 0, let language = of(locale: tag) else { continue }
            choices.append((language, q, order))
        }
        let best = choices.sorted { $0.q != $1.q ? $0.q > $1.q : $0.order < $1.order }.first
        return best?.language ?? .english
    }
}
