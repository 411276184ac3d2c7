import SodiumKit

/// A recipient of one of the native public-key types, written `age1pq1...`
/// (post-quantum, ML-KEM-768 + X25519) or `age1...` (classic X25519).
public protocol AgePublicKeyRecipient: AgeRecipient, Sendable {
    /// The Bech32 text: `age1pq1...` or `age1...`.
    var encoded: String { get }
    /// The raw public key (1216 or 32 bytes).
    var publicKey: [UInt8] { get }
    /// Whether files to this recipient hold against a quantum computer.
    var isPostQuantum: Bool { get }
}

extension X25519Recipient: AgePublicKeyRecipient {
    public var isPostQuantum: Bool { false }
}

/// An identity of one of the native public-key types, parsed from its
/// secret-key text (`AGE-SECRET-KEY-PQ-1...` or `AGE-SECRET-KEY-1...`).
public protocol AgeSecretKeyIdentity: AgeIdentity, AnyObject {
    /// The recipient files to this identity are encrypted to.
    var publicKeyRecipient: any AgePublicKeyRecipient { get }
    /// The secret-key text, in secure memory.
    func encoded() throws -> SecureBytes
}

extension X25519Identity: AgeSecretKeyIdentity {
    public var publicKeyRecipient: any AgePublicKeyRecipient { recipient }
}

/// Parsing of the native key types by their text.
public enum AgePublicKeys {
    /// Parses `age1pq1...` or `age1...` (lowercase, as age accepts them).
    public static func parseRecipient(_ text: String) throws -> any AgePublicKeyRecipient {
        if text.hasPrefix(MLKEMX25519Recipient.hrp + "1") { return try MLKEMX25519Recipient(parsing: text) }
        return try X25519Recipient(parsing: text)
    }

    /// Parses one `AGE-SECRET-KEY-PQ-1...` or `AGE-SECRET-KEY-1...` held in
    /// secure memory at `offset..<offset+count`, picking the type by its prefix.
    public static func parseIdentity(_ text: SecureBytes, offset: Int = 0, count: Int? = nil) throws -> any AgeSecretKeyIdentity {
        let length = count ?? text.count - offset
        // The prefix is not secret (it is the same for every key of a type).
        let prefix = Array((MLKEMX25519Identity.hrp + "1").utf8)
        let isPostQuantum = length >= prefix.count && text.withUnsafeBytes { b in
            prefix.indices.allSatisfy { b[offset + $0] == prefix[$0] }
        }
        if isPostQuantum { return try MLKEMX25519Identity(parsing: text, offset: offset, count: length) }
        return try X25519Identity(parsing: text, offset: offset, count: length)
    }

    /// Parses an identity file: one secret key of either type per line;
    /// blank lines and lines starting with `#` are ignored. Errors give the
    /// line number, never the line (it may be a secret key).
    public static func parseIdentityFile(_ contents: SecureBytes) throws -> [any AgeSecretKeyIdentity] {
        var identities: [any AgeSecretKeyIdentity] = []
        for (number, line) in IdentityFileLines.split(contents) {
            do {
                identities.append(try parseIdentity(contents, offset: line.start, count: line.count))
            } catch AgeError.invalidIdentity(let why) {
                throw AgeError.invalidIdentity("line \(number): \(why)")
            }
        }
        guard !identities.isEmpty else {
            throw AgeError.invalidIdentity("no AGE-SECRET-KEY-PQ-1... or AGE-SECRET-KEY-1... identity found")
        }
        return identities
    }
}

/// The key lines of an identity file, found without copying them out of
/// secure memory: line numbers (from 1) and byte ranges, trimmed of spaces
/// and tabs, blank and `#` lines left out.
enum IdentityFileLines {
    static func split(_ contents: SecureBytes) -> [(number: Int, line: (start: Int, count: Int))] {
        var out: [(Int, (Int, Int))] = []
        contents.withUnsafeBytes { b in
            var start = 0
            var number = 0
            for i in 0...b.count where i == b.count || b[i] == 0x0A {
                number += 1
                var end = i
                if end > start && b[end - 1] == 0x0D { end -= 1 }
                var s = start
                while s < end && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
                while end > s && (b[end - 1] == 0x20 || b[end - 1] == 0x09) { end -= 1 }
                if end > s && b[s] != UInt8(ascii: "#") { out.append((number, (s, end - s))) }
                start = i + 1
            }
        }
        return out
    }
}
