import Foundation

/// One thing in the vault that needs its owner's attention, as a value each
/// front end words its own way (the app's Home, `status`, reminders).
///
/// The one place that decides what "needs attention" means: a list of
/// one-time codes at or below `CodeEntry.lowWaterMark`, a single code that
/// was used, a document within `renewalWindowDays` of its expiry (or past
/// it), and a USCIS backup code not replaced for `staleUSCISCodeDays`.
/// No case carries a code or an identifier's value.
public enum AttentionItem: Sendable, Equatable {
    /// A list of one-time codes with `unused` or fewer codes left.
    case codesRunningLow(label: String, unused: Int)
    /// The one backup code of a single entry was used.
    case singleCodeUsed(label: String)
    /// A document expires within the renewal window (`daysLeft` < 0: expired).
    case documentExpiring(documentID: String, type: DocumentType, label: String, expires: CalendarDay, daysLeft: Int)
    /// The USCIS backup code was last added or replaced `days` days ago.
    case uscisCodeNotReplaced(label: String, days: Int)

    /// Renewals take months: documents are flagged this many days ahead
    /// (the same window as the emergency sheet's "renew soon").
    public static let renewalWindowDays = EmergencySheet.renewalWindowDays

    /// A USCIS backup code older than this is worth replacing: a year.
    public static let staleUSCISCodeDays = 365

    /// The reminder thresholds, in days before expiry, largest first.
    public static let reminderThresholds = [180, 90, 30, 7]

    /// The smallest reminder threshold a document `daysLeft` from expiry
    /// has crossed (0 once expired), or nil when it is further away than
    /// the largest. A reminder is sent once per threshold crossed.
    public static func threshold(daysLeft: Int) -> Int? {
        if daysLeft < 0 { return 0 }
        return reminderThresholds.last { daysLeft <= $0 }
    }

    /// A stable key for "this item at this stage", without names: the kind,
    /// the record it is about and, for a document, the threshold crossed.
    /// Reminders remember keys (hashed) to notify once per stage.
    public var stageKey: String {
        switch self {
        case .codesRunningLow(let label, _): return "codes-low:\(label)"
        case .singleCodeUsed(let label): return "code-used:\(label)"
        case .documentExpiring(let id, _, _, _, let days): return "document:\(id):\(Self.threshold(daysLeft: days) ?? -1)"
        case .uscisCodeNotReplaced(let label, let days): return "uscis-old:\(label):\(days / Self.staleUSCISCodeDays)"
        }
    }
}
