import Foundation

/// What the last share or backup download left to say once it was over:
/// a failure that cut it, or damaged items a backup left out. A download
/// cannot show a page after its headers are sent, so its page shows the
/// note on its next visit, once.
///
/// Notes name vault items (labels of documents), so they are dropped when
/// the vault locks, with everything else of the vault.
final class DownloadNotes: @unchecked Sendable {
    enum Kind: Sendable {
        case share
        case backup
    }

    /// A note: a heading, lines in plain words, and whether it is a failure.
    struct Note: Sendable {
        let failed: Bool
        let heading: String
        let lines: [String]

        var model: [String: Any] {
            ["failed": failed, "heading": heading, "lines": lines]
        }
    }

    private let lock = NSLock()
    private var notes: [Kind: Note] = [:]

    func set(_ kind: Kind, _ note: Note) {
        lock.withLock { notes[kind] = note }
    }

    /// The note, removed (shown once).
    func take(_ kind: Kind) -> Note? {
        lock.withLock { notes.removeValue(forKey: kind) }
    }

    func clear() {
        lock.withLock { notes.removeAll() }
    }
}
