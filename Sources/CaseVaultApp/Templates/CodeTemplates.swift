/// Templates of the Codes pages.
enum CodeTemplates {
    static let all: [String: String] = [:]
}
