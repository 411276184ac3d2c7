/// Why SLIP-0039 shares were refused, or a split could not be made.
///
/// Each invalid case is its own error. Shares are numbered from 1 in the
/// order they were given and words from 1 within a share. Messages never
/// hold a share's words or a secret: a word is named only when it is not a
/// share word at all (not in the list), or is the one that is wrong. No case
/// names a command or a flag: front ends word their own next steps.
public enum Slip39Error: Error, Equatable, Sendable {
    /// A word that is not in the SLIP-0039 word list.
    case unknownWord(share: Int, position: Int, word: String)
    /// A share with a word count no SLIP-0039 share has.
    case wrongLength(share: Int, words: Int)
    /// A share whose RS1024 checksum fails; the word most likely mistyped,
    /// when a single replacement would fix it.
    case badChecksum(share: Int, likelyWrongWord: Int?, typed: String?)
    /// A share whose value has non-zero padding bits.
    case badPadding(share: Int)
    /// A share whose group threshold is larger than its group count.
    case badGroupParameters(share: Int)
    /// A share from another set (identifier, flag, iteration exponent,
    /// group threshold or count, member threshold, or length differ).
    case differentSet(share: Int, firstShare: Int, differs: String)
    /// The same member index twice in one group (the same share given twice,
    /// or two shares claiming one index).
    case repeatedIndex(share: Int, earlierShare: Int, sameShare: Bool)
    /// Not enough shares: how many more, and, with several groups, of how
    /// many more groups.
    case tooFew(moreShares: Int, moreGroups: Int, groupThreshold: Int)
    /// No share given at all.
    case noShares
    /// The shares combine, but the digest does not verify: they were never
    /// one set, or one was changed in a way its checksum could not catch.
    case digestMismatch
    /// A passphrase with characters outside printable ASCII (32-126), as
    /// SLIP-0039 requires.
    case passphraseNotPrintableASCII
    /// A master secret of the wrong length (16 to 32 bytes, even).
    case secretLength(bytes: Int)
    /// Split parameters outside what SLIP-0039 allows.
    case invalidParameters(String)

    /// What kind of failure it is, for a front end to map (exit codes, pages).
    public enum Kind: Sendable {
        /// A share is not a valid SLIP-0039 share (a typo, a cut-off line).
        case invalidShare
        /// The shares do not belong together, or too few were given.
        case unusableSet
        /// The shares were combined and the result did not verify.
        case integrity
        /// The request itself is not valid (parameters, passphrase, secret).
        case invalidRequest
    }

    public var kind: Kind {
        switch self {
        case .unknownWord, .wrongLength, .badChecksum, .badPadding, .badGroupParameters: return .invalidShare
        case .differentSet, .repeatedIndex, .tooFew, .noShares: return .unusableSet
        case .digestMismatch: return .integrity
        case .passphraseNotPrintableASCII, .secretLength, .invalidParameters: return .invalidRequest
        }
    }

    /// The share the error is about (1-based), when there is one.
    public var share: Int? {
        switch self {
        case .unknownWord(let s, _, _), .wrongLength(let s, _), .badChecksum(let s, _, _), .badPadding(let s),
             .badGroupParameters(let s), .differentSet(let s, _, _), .repeatedIndex(let s, _, _):
            return s
        default: return nil
        }
    }

    /// A plain-words message.
    public var message: String {
        switch self {
        case .unknownWord(let s, let p, let w):
            return "share \(s): word \(p), \"\(w)\", is not a SLIP-0039 share word"
        case .wrongLength(let s, let n):
            return "share \(s) has \(n) words; a SLIP-0039 share has 20 words (128-bit secret) or 33 (256-bit), or another length that fits its secret"
        case .badChecksum(let s, let position, let typed):
            if let position, let typed {
                return "share \(s) does not check out (its checksum fails): word \(position), \"\(typed)\", is most likely the wrong one"
            }
            return "share \(s) does not check out (its checksum fails): more than one word is wrong, or words are in the wrong order"
        case .badPadding(let s):
            return "share \(s) does not check out: its value's padding bits are not zero (a wrong word near the start of the value)"
        case .badGroupParameters(let s):
            return "share \(s) does not check out: its group threshold is larger than its number of groups"
        case .differentSet(let s, let first, let what):
            return "share \(s) is not from the same set as share \(first) (their \(what) differ)"
        case .repeatedIndex(let s, let earlier, let same):
            return same
                ? "share \(s) was already given (it is share \(earlier) again)"
                : "share \(s) has the same index as share \(earlier) in the same group, but different words"
        case .tooFew(let shares, let groups, let threshold):
            if groups > 0 && threshold > 1 {
                return "not enough shares: \(groups) more group\(groups == 1 ? "" : "s") of the \(threshold) needed must be complete"
                    + (shares > 0 ? " (at least \(shares) more share\(shares == 1 ? "" : "s"))" : "")
            }
            return "not enough shares: \(shares) more \(shares == 1 ? "is" : "are") needed"
        case .noShares:
            return "no shares were given"
        case .digestMismatch:
            return "the shares do not combine: their digest does not verify (shares of different splits, or a share changed)"
        case .passphraseNotPrintableASCII:
            return "a SLIP-0039 passphrase may hold only printable ASCII characters (letters, digits, punctuation, space)"
        case .secretLength(let n):
            return "the master secret is \(n) bytes; SLIP-0039 takes 16 to 32 bytes, an even number"
        case .invalidParameters(let what):
            return what
        }
    }
}

extension Slip39Error: CustomStringConvertible {
    public var description: String { message }
}
