/// Templates of the Documents pages.
enum DocumentTemplates {
    static let all: [String: String] = [:]
}
