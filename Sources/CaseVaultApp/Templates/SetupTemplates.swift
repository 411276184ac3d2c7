/// Templates of the Setup pages.
enum SetupTemplates {
    static let all: [String: String] = [:]
}
