import AgeKit
import CaseVault
import CaseVaultText
import Foundation

/// The Clients pages' words: why a share was refused, what a share holds,
/// what its pin check concluded. Plain words for an office's staff: no
/// command, flag or exit code; fingerprints are given to be read aloud.
///
/// Each takes the language to speak: imports run on the vault's queue,
/// where the request's language is not seen (it is read before).
enum ShareWords {
    private static func t(_ key: String, _ values: [String: String], _ language: Language) -> String {
        Catalogue.text("app.share." + key, language, values)
    }

    /// Why a share file was refused (at import, or when a kept one is opened
    /// again), in plain words; `changedKey` is set for a share refused only
    /// because another key signed it than the one pinned (a re-pin may accept it).
    static func refusal(_ error: Error, _ language: Language = AppLanguage.current) -> (reason: String, changedKey: (client: String, pinned: String, presented: String)?) {
        let t = { (key: String, values: [String: String]) in ShareWords.t(key, values, language) }
        switch error {
        case let e as ShareError:
            switch e {
            case .badSignature:
                return (t("bad_signature", [:]), nil)
            case .contentMismatch(let d):
                return (t("content_mismatch", ["detail": d]), nil)
            case .malformed(let d):
                return (t("malformed", ["detail": d]), nil)
            case .unsafeEntry(let d):
                return (t("unsafe_entry", ["detail": d]), nil)
            case .signerChanged(let client, let pinned, let presented):
                return (t("signer_changed", ["client": client]), (client, pinned, presented))
            case .unexpectedSigner(_, let presented):
                return (t("unexpected_signer", ["key": presented]), nil)
            case .lookalikeSender(let sender, let client, _, _, _):
                return (t("lookalike_sender", ["sender": sender, "client": client]), nil)
            case .noIdentity:
                return (t("no_identity", [:]), nil)
            case .badBackup:
                return (t("bad_backup", [:]), nil)
            }
        case let e as AgeError:
            switch e.kind {
            case .noMatch:
                return (t("no_match", [:]), nil)
            case .malformed:
                return (t("not_a_share", ["detail": e.description]), nil)
            case .payload:
                return (t("damaged", ["detail": e.description]), nil)
            case .invalidInput, .io:
                return (t("unreadable", ["detail": e.description]), nil)
            }
        case let e as CaseVaultError:
            if case .alreadyExists(what: "share", _) = e {
                return (t("already", [:]), nil)
            }
            return (AppError(e).message, nil)
        case let e as AppError:
            return (e.message, nil)
        default:
            return (AppError(error).message, nil)
        }
    }

    /// What a share holds, in a few words ("codes and case numbers, 2 documents").
    static func contents(_ m: ShareManifest, _ language: Language = AppLanguage.current) -> String {
        InboxPages.words(hasCodes: m.entries.contains { $0.path == ShareManifest.codesPath }, documents: m.documentEntries.count, language)
    }

    /// A document entry's own name (after `documents/`).
    static func documentName(_ e: ShareManifest.Entry) -> String {
        String(e.path.dropFirst(ShareManifest.documentsPrefix.count))
    }

    /// What the pin check at import concluded.
    static func pin(_ p: PinStatus, client: String, signer: String, _ language: Language = AppLanguage.current) -> String {
        switch p {
        case .notPinned: return t("pin_not_pinned", [:], language)
        case .firstShare: return t("pin_first", ["client": client, "signer": signer], language)
        case .matches: return t("pin_matches", ["client": client], language)
        case .repinned(let previous): return t("pin_repinned", ["signer": signer, "client": client, "previous": previous], language)
        case .flagged(let other, let pinned):
            return t("pin_flagged", ["client": LookalikeName.revealed(other), "pinned": pinned, "signer": signer], language)
        }
    }

    /// The standing of a kept share, as its page says it.
    static func standing(_ s: ShareStanding, signer: String, _ language: Language = AppLanguage.current) -> String {
        switch s {
        case .pinned(let client, let since):
            return t("standing_pinned", ["client": client, "day": DayText.day(since), "signer": signer], language)
        case .earlierKey(let client, let current):
            return t("standing_earlier", ["client": client, "signer": signer, "current": current], language)
        case .lookalike(let client, let pinned):
            return t("standing_lookalike", ["client": LookalikeName.revealed(client), "pinned": pinned, "signer": signer], language)
        case .notPinned(let pinned?):
            return t("standing_other", ["signer": signer, "pinned": pinned], language)
        case .notPinned(nil):
            return t("standing_none", ["signer": signer], language)
        }
    }

    /// A date and time as the pages write them: "December 5, 2026, 14:05".
    static func moment(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return DayText.day(date) + String(format: ", %02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
}
