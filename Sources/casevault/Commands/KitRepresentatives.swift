import CaseVault

/// The representatives printed on the kit.
///
/// Representatives (attorneys and accredited representatives, with their key
/// fingerprints) come from the shares part of the vault, which this build does
/// not have yet: `load` returns nil and the sheet prints blank lines to fill in
/// by hand, saying why. It never prints made-up entries.
enum KitRepresentatives {
    struct Entry {
        let name: String
        let fingerprint: String
    }

    static func load(_ locked: LockedVault) -> [Entry]? {
        nil
    }
}
