/// Templates of the Identifiers pages.
enum IdentifierTemplates {
    static let all: [String: String] = [:]
}
