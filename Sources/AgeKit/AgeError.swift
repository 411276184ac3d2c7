/// Everything that can go wrong reading or writing an age file.
///
/// The cases fall in kinds that callers must keep apart (see `kind`): the
/// file is fine but no key opens it; the header is malformed or was changed;
/// the payload failed authentication; the caller's input (a recipient or an
/// identity string) is invalid; or reading and writing failed. No case
/// carries secret material: identities and passphrases are never quoted.
public enum AgeError: Error, Equatable, Sendable {
    // MARK: no key opens the file
    /// None of the identities matched a stanza of the header.
    case noMatchingIdentity
    /// The passphrase did not unwrap the scrypt stanza.
    case incorrectPassphrase

    // MARK: malformed or tampered header
    /// The input does not start like an age file.
    case notAgeFile
    /// An age file of a version this implementation does not know.
    case unsupportedVersion(String)
    /// The header breaks the format (what, in words).
    case malformedHeader(String)
    /// An scrypt stanza is present beside other stanzas (the spec forbids it).
    case scryptNotAlone
    /// The scrypt work factor is above the bound this implementation accepts.
    case workFactorTooHigh(logN: Int, maximum: Int)
    /// The header MAC does not match: the header was changed after encryption.
    case headerMACMismatch
    /// The ASCII armor is not strict PEM as the spec requires.
    case malformedArmor(String)
    /// An `mlkem768x25519` stanza has other than one argument after its type
    /// (the count found).
    case postQuantumStanzaArgumentCount(Int)
    /// An `mlkem768x25519` stanza's encapsulated key is not canonical
    /// unpadded base64.
    case postQuantumEncapsulatedKeyNotBase64
    /// An `mlkem768x25519` stanza's encapsulated key is not 1120 bytes (the
    /// length found).
    case postQuantumEncapsulatedKeyLength(Int)
    /// An `mlkem768x25519` stanza's body is not 32 bytes (the length found).
    case postQuantumBodyLength(Int)
    /// The X-Wing KEM refused an `mlkem768x25519` stanza's encapsulated key:
    /// its X25519 half is a low-order point (the shared secret would be all
    /// zeros). Fatal, as age's own implementation and the X25519 stanza's rule.
    case postQuantumEncapsulatedKeyRefused

    // MARK: payload
    /// The input ends before the 16-byte payload nonce.
    case missingPayloadNonce
    /// A payload chunk failed authentication (corrupted or tampered).
    case payloadCorrupted(chunk: UInt64)
    /// The payload ends without a final chunk (the file was cut short).
    case payloadTruncated
    /// Data follows the final chunk (the file was extended).
    case payloadTrailingData
    /// An empty final chunk follows a full one, which the spec forbids.
    case payloadEmptyFinalChunk

    // MARK: invalid caller input
    /// A recipient string or file entry is not valid.
    case invalidRecipient(String)
    /// An identity string or file is not valid (the identity itself is never quoted).
    case invalidIdentity(String)
    /// A passphrase or parameter passed by the caller is not usable.
    case invalidArgument(String)
    /// Post-quantum recipients given together with classic ones: the classic
    /// stanza would let a future quantum computer open the file anyway, so
    /// age refuses the mix when encrypting (the spec's `postquantum` label).
    case mixedPostQuantumRecipients

    // MARK: environment
    /// Reading or writing failed.
    case io(String)
    /// The writer or reader was used after it finished.
    case finished

    /// The broad category, for exit codes and for callers that only need it.
    public enum Kind: Sendable { case noMatch, malformed, payload, invalidInput, io }

    public var kind: Kind {
        switch self {
        case .noMatchingIdentity, .incorrectPassphrase: return .noMatch
        case .notAgeFile, .unsupportedVersion, .malformedHeader, .scryptNotAlone, .workFactorTooHigh,
             .headerMACMismatch, .malformedArmor, .postQuantumStanzaArgumentCount, .postQuantumEncapsulatedKeyNotBase64,
             .postQuantumEncapsulatedKeyLength, .postQuantumBodyLength, .postQuantumEncapsulatedKeyRefused: return .malformed
        case .missingPayloadNonce, .payloadCorrupted, .payloadTruncated, .payloadTrailingData, .payloadEmptyFinalChunk:
            return .payload
        case .invalidRecipient, .invalidIdentity, .invalidArgument, .mixedPostQuantumRecipients: return .invalidInput
        case .io, .finished: return .io
        }
    }
}

extension AgeError: CustomStringConvertible {
    /// One line saying what went wrong (no secrets).
    public var description: String {
        switch self {
        case .noMatchingIdentity: return "no identity matched any of the file's recipients"
        case .incorrectPassphrase: return "incorrect passphrase"
        case .notAgeFile: return "the input is not an age file"
        case .unsupportedVersion(let v): return "unsupported age format version '\(v)'"
        case .malformedHeader(let why): return "malformed age header: \(why)"
        case .scryptNotAlone: return "malformed age header: a passphrase (scrypt) stanza must be the only stanza"
        case .workFactorTooHigh(let n, let max):
            return "the passphrase work factor 2^\(n) is above the accepted maximum 2^\(max)"
        case .headerMACMismatch: return "the age header failed authentication (its MAC does not match)"
        case .malformedArmor(let why): return "malformed ASCII armor: \(why)"
        case .postQuantumStanzaArgumentCount(let n):
            return "malformed age header: an mlkem768x25519 stanza has \(n) arguments after its type, not 1"
        case .postQuantumEncapsulatedKeyNotBase64:
            return "malformed age header: an mlkem768x25519 stanza's encapsulated key is not canonical unpadded base64"
        case .postQuantumEncapsulatedKeyLength(let n):
            return "malformed age header: an mlkem768x25519 stanza's encapsulated key is \(n) bytes, not 1120"
        case .postQuantumBodyLength(let n):
            return "malformed age header: an mlkem768x25519 stanza's body is \(n) bytes, not 32"
        case .postQuantumEncapsulatedKeyRefused:
            return "malformed age header: an mlkem768x25519 stanza's encapsulated key has a low-order X25519 share"
        case .missingPayloadNonce: return "the age file ends before its payload (truncated)"
        case .payloadCorrupted(let chunk): return "payload chunk \(chunk) failed authentication (corrupted or tampered)"
        case .payloadTruncated: return "the age file is truncated: its payload ends without a final chunk"
        case .payloadTrailingData: return "the age file has data after its final chunk"
        case .payloadEmptyFinalChunk: return "the age payload ends with an empty chunk after a full one"
        case .invalidRecipient(let why): return "invalid recipient: \(why)"
        case .invalidIdentity(let why): return "invalid identity: \(why)"
        case .invalidArgument(let why): return why
        case .mixedPostQuantumRecipients:
            return "post-quantum (age1pq1...) and classic recipients cannot be mixed in one file: the classic one would undo the post-quantum protection"
        case .io(let why): return why
        case .finished: return "the age stream was already finished"
        }
    }
}
