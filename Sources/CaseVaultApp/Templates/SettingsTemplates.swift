/// Templates of the Settings pages.
enum SettingsTemplates {
    static let all: [String: String] = [:]
}
