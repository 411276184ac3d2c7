/// Templates of the Emergency pages.
enum EmergencyTemplates {
    static let all: [String: String] = [:]
}
