import CaseVaultText
import Foundation

/// The command line's language: from the locale, as POSIX orders it
/// (LC_ALL, then LC_MESSAGES, then LANG); `es…` gives Spanish, anything
/// without a catalogue English. Only the screens written for people
/// (emergency, kit, the init walkthrough, the reminders and their calendar)
/// are translated; errors, --json and
/// help stay English so scripts and searches keep working.
enum CLILanguage {
    static let current: Language = Language.fromEnvironment(ProcessInfo.processInfo.environment)
}
