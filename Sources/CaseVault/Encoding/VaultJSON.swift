import Foundation

/// The JSON encoders and decoders of CaseVault's formats, made in one place.
///
/// One date style for everything new: ISO 8601 in UTC to the second
/// (`2026-01-02T00:00:00Z`), which a person, `jq` and any language read
/// without knowing the epoch. Keys are sorted, so one value always encodes
/// to the same bytes (what is hashed or signed must be reproducible).
///
/// Formats already written keep their bytes and keep reading: each site
/// passes the output formatting it has always used (a share manifest is
/// signed over its exact bytes, pretty-printed), and the records sealed in
/// vault.db keep the date style they were first written with
/// (`record`: seconds since 1970), frozen like a shipped migration.
public enum VaultJSON {
    /// Sorted keys, `/` unescaped: the default for a new format.
    public static let compact: JSONEncoder.OutputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    /// What a person may read: also pretty-printed (share manifests, `--json` output).
    public static let readable: JSONEncoder.OutputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]

    /// An encoder with the date style for what is new (ISO 8601).
    public static func encoder(_ formatting: JSONEncoder.OutputFormatting = compact) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = formatting
        e.dateEncodingStrategy = .iso8601
        return e
    }

    /// A decoder for the date style of what is new (ISO 8601).
    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    /// The records sealed in vault.db (`RecordCipher`): dates as seconds
    /// since 1970, sorted keys. Frozen: every vault ever written holds them.
    enum Record {
        static func encoder() -> JSONEncoder {
            let e = JSONEncoder()
            e.outputFormatting = .sortedKeys
            e.dateEncodingStrategy = .secondsSince1970
            return e
        }

        static func decoder() -> JSONDecoder {
            let d = JSONDecoder()
            d.dateDecodingStrategy = .secondsSince1970
            return d
        }
    }
}
