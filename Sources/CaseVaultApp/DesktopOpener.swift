import Foundation

/// Opens the launch file in the user's browser through the desktop's opener
/// (`xdg-open`), passing only the file's path.
enum DesktopOpener {
    static func open(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
