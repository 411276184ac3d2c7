import AgeKit
import CaseVault
import Foundation

/// The Clients pages' words: why a share was refused, what a share holds,
/// what its pin check concluded. Plain words for an office's staff: no
/// command, flag or exit code; fingerprints are given to be read aloud.
enum ShareWords {
    /// Why a share file was refused (at import, or when a kept one is opened
    /// again), in plain words; `changedKey` is set for a share refused only
    /// because another key signed it than the one pinned (a re-pin may accept it).
    static func refusal(_ error: Error) -> (reason: String, changedKey: (client: String, pinned: String, presented: String)?) {
        switch error {
        case let e as ShareError:
            switch e {
            case .badSignature:
                return ("Its signature does not check out: the file was changed after the client made it, or it was not made by the key it names.", nil)
            case .contentMismatch(let d):
                return ("Its contents do not match what the client signed: \(d).", nil)
            case .malformed(let d):
                return ("It is not a CaseVault share, or it is damaged: \(d).", nil)
            case .unsafeEntry(let d):
                return ("It holds something a share never holds: \(d).", nil)
            case .signerChanged(let client, let pinned, let presented):
                return ("It says it is from \(client), but it is signed by another key than the one you have for \(client). "
                        + "Someone else may be pretending to be your client, or your client may have a new computer.",
                        (client, pinned, presented))
            case .unexpectedSigner(_, let presented):
                return ("It is signed by another key (\(presented)) than the one expected.", nil)
            case .lookalikeSender(let sender, let client, _, _, _):
                return ("It is from \(sender), a name that looks like your client \(client), but another key signed it.", nil)
            case .noIdentity:
                return ("This vault has no identity to open shares with yet. Create it on the Identity page first.", nil)
            case .badBackup:
                return ("It is a backup, not a share.", nil)
            }
        case let e as AgeError:
            switch e.kind {
            case .noMatch:
                return ("It was not sent to you: none of your identities opens it. Ask the client which recipient they sent it to, and give them yours.", nil)
            case .malformed:
                return ("It is not a CaseVault share (\(e.description)).", nil)
            case .payload:
                return ("It is damaged or cut off (\(e.description)). Ask the client to send it again.", nil)
            case .invalidInput, .io:
                return ("It could not be read (\(e.description)).", nil)
            }
        case let e as CaseVaultError:
            if case .alreadyExists(what: "share", _) = e {
                return ("It is already in your inbox: it was imported before. Nothing new was kept.", nil)
            }
            return (AppError(e).message, nil)
        case let e as AppError:
            return (e.message, nil)
        default:
            return (AppError(error).message, nil)
        }
    }

    /// What a share holds, in a few words ("codes and case numbers, 2 documents").
    static func contents(_ m: ShareManifest) -> String {
        let docs = m.documentEntries.count
        let codes = m.entries.contains { $0.path == ShareManifest.codesPath }
        let parts = [codes ? "backup codes and case numbers" : nil, docs > 0 ? "\(docs) document\(docs == 1 ? "" : "s")" : nil].compactMap { $0 }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }

    /// A document entry's own name (after `documents/`).
    static func documentName(_ e: ShareManifest.Entry) -> String {
        String(e.path.dropFirst(ShareManifest.documentsPrefix.count))
    }

    /// What the pin check at import concluded.
    static func pin(_ p: PinStatus, client: String, signer: String) -> String {
        switch p {
        case .notPinned: return "Not pinned."
        case .firstShare:
            return "The first share from \(client): their key is now pinned. Call them on a number you already had and ask them to read the fingerprint their CaseVault shows: it must be \(signer)."
        case .matches: return "Signed by the key you have for \(client)."
        case .repinned(let previous): return "The new key \(signer) is now pinned for \(client) (it was \(previous))."
        case .flagged(let other, let pinned):
            return "Held back: the name looks like your client \(LookalikeName.revealed(other)) (key \(pinned)), but another key (\(signer)) signed it. Nothing of it is shown until you have checked by phone."
        }
    }

    /// The standing of a kept share, as its page says it.
    static func standing(_ s: ShareStanding, signer: String) -> String {
        switch s {
        case .pinned(let client, let since):
            return "Signed by the key pinned for \(client) since \(DayText.day(since)) (fingerprint \(signer))."
        case .earlierKey(let client, let current):
            return "Signed by the key \(client) used before (\(signer)); their key now is \(current)."
        case .lookalike(let client, let pinned):
            return "The sender's name looks like your client \(LookalikeName.revealed(client)) (key \(pinned)), but another key (\(signer)) signed it."
        case .notPinned(let pinned?):
            return "It is signed by key \(signer), not by the key pinned for this client (\(pinned))."
        case .notPinned(nil):
            return "It is signed by key \(signer), and no key is pinned for this client."
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
