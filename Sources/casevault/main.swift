import ArgumentParser
import Foundation
import SodiumKit
import SystemKit

// Secrets pass through this process: no core dumps, nothing readable by other
// users. umask 077 makes every file we (or SQLite, or GRDB) create 0600.
ProcessHardening.apply()

do {
    try ArgumentText.requireUTF8()
    var command = try CaseVaultCommand.parseAsRoot()
    try command.run()
} catch {
    exit(ErrorReporter.report(error))
}
