import CaseVault
import Foundation
import SystemKit

/// Opens the document store for a `doc` command, and warns on stderr about
/// entries of documents/ that casevault did not write (a symbolic link, FIFO
/// or device under a document's name): they are left alone, never followed.
enum DocumentAccess {
    static func open(_ global: GlobalOptions) throws -> DocumentStore {
        let store = try VaultAccess.unlock(global).documents()
        warn(try store.foreignFiles())
        return store
    }

    static func warn(_ files: [ForeignFile]) {
        for f in files { Output.err("warning: \(f.warning) (`casevault check` lists such files)") }
    }
}

/// Sizes for people: 1.4 MiB.
enum ByteCount {
    static func format(_ n: Int64) -> String {
        if n < 1024 { return "\(n) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var v = Double(n) / 1024
        var i = 0
        while v >= 1024 && i < units.count - 1 { v /= 1024; i += 1 }
        return String(format: v < 10 ? "%.1f %@" : "%.0f %@", v, units[i])
    }
}

/// "2031-04-30 (in 812 days)", "2026-01-01 (EXPIRED 325 days ago)", "-".
enum ExpiryText {
    static func describe(_ d: Document, today: CalendarDay = .today()) -> String {
        guard let e = d.metadata.expires, let days = d.daysUntilExpiry(from: today) else { return "-" }
        switch days {
        case ..<0: return "\(e) (EXPIRED \(-days) day\(days == -1 ? "" : "s") ago)"
        case 0: return "\(e) (expires today)"
        default: return "\(e) (in \(days) day\(days == 1 ? "" : "s"))"
        }
    }
}

/// A one-line progress bar on stderr, shown only when stderr is a terminal
/// and the file is large enough for the wait to be noticeable.
final class ProgressBar {
    static let threshold: Int64 = 32 << 20
    private let title: String
    private let enabled = Terminal.isTerminal(Terminal.standardError)
    private var lastPercent = -1
    private var shown = false

    init(title: String) { self.title = String(title.prefix(30)) }

    func update(_ done: Int64, _ total: Int64) {
        guard enabled, total >= ProgressBar.threshold else { return }
        let percent = Int(done * 100 / max(total, 1))
        guard percent != lastPercent else { return }
        lastPercent = percent
        shown = true
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        Output.rawErr("\r\(title) [\(bar)] \(percent)% of \(ByteCount.format(total))")
    }

    func finish() {
        guard shown else { return }
        shown = false
        Output.rawErr("\r\u{1B}[K")
    }
}
