import SodiumKit

/// Decrypts an age file as a stream, one authenticated 64 KiB chunk at a time
/// (opened in parallel batches of 16).
///
///     let r = try AgeReader(identities: [id], input: FileDescriptorInput(0))
///     while let chunk = try r.next() { use(chunk) }
///
/// `init` reads and checks the header (armor detected on its own), unwraps
/// the file key with the first identity that matches and verifies the header
/// MAC. Each chunk is returned only after its tag verified; the end of the
/// stream is reported only after a valid final chunk. A failure part-way
/// leaves earlier (authentic) chunks delivered, so callers writing to a file
/// must discard it on error.
public final class AgeReader {
    private let opener: PayloadOpener
    /// The stanza types of the header (`X25519`, `scrypt`, ...).
    public let stanzaTypes: [String]
    /// Whether the input was ASCII-armored.
    public let wasArmored: Bool

    /// With `tolerateDamagedChunks`, a payload chunk other than the last
    /// that fails authentication because its bytes were changed does not end
    /// the stream: `nextChunk` returns it as zeros marked damaged, and goes on
    /// (for a reader that can use the rest of a damaged file, such as a
    /// backup restore). Everything not marked is authenticated as usual; a
    /// cut, extended or reordered stream still fails.
    public init(identities: [AgeIdentity], input: AgeInput, tolerateDamagedChunks: Bool = false) throws {
        let raw = BufferedInput(input)
        // A binary age file starts with "age-encryption.org/"; armor with
        // "-----BEGIN" (after optional whitespace).
        let first = try raw.peekByte()
        let source: BufferedInput
        if let b = first, b == UInt8(ascii: "-") || ArmorReader.isWhitespace(b) {
            source = BufferedInput(ArmorReader(raw))
            wasArmored = true
        } else {
            source = raw
            wasArmored = false
        }
        let header = try AgeHeader.parse(source)
        stanzaTypes = header.stanzas.map(\.type)
        if header.stanzas.contains(where: { $0.type == ScryptRecipient.stanzaType }) && header.stanzas.count > 1 {
            throw AgeError.scryptNotAlone
        }
        var fileKey: FileKey? = nil
        var noMatch = AgeError.noMatchingIdentity
        for identity in identities {
            do {
                fileKey = try identity.unwrap(stanzas: header.stanzas)
                break
            } catch AgeError.noMatchingIdentity {
                continue
            } catch AgeError.incorrectPassphrase {
                noMatch = .incorrectPassphrase
            }
        }
        guard let fileKey else { throw noMatch }
        // A FileKey is 16 bytes by construction (FileKey.init).
        // The MAC proves the header (every stanza, not only ours) is what the
        // sender wrote; only someone with the file key can make it.
        let expected = try AgeKeys.headerMAC(fileKey: fileKey, header: header.macInput)
        guard Bytes.constantTimeEquals(expected, header.mac) else { throw AgeError.headerMACMismatch }

        var nonce = [UInt8](repeating: 0, count: AgeKeys.payloadNonceBytes)
        var got = 0
        while got < nonce.count {
            let n = try source.read(into: &nonce, offset: got, maxCount: nonce.count - got)
            if n == 0 { throw AgeError.missingPayloadNonce }
            got += n
        }
        opener = PayloadOpener(key: try AgeKeys.payloadKey(fileKey: fileKey, nonce: nonce), input: source,
                               tolerateDamage: tolerateDamagedChunks)
    }

    /// The next chunk and whether it is damaged (64 KiB of zeros standing in
    /// for a chunk that failed authentication; only with
    /// `tolerateDamagedChunks`), or nil at the verified end.
    public func nextChunk() throws -> (bytes: [UInt8], damaged: Bool)? {
        guard let range = try opener.next() else { return nil }
        return (Array(opener.plaintext[range]), opener.lastWasDamaged)
    }

    /// The next authenticated chunk of plaintext, or nil at the verified end.
    public func next() throws -> [UInt8]? {
        guard let range = try opener.next() else { return nil }
        return Array(opener.plaintext[range])
    }

    /// Decrypts the rest of the stream into `output`, chunk by chunk.
    public func decrypt(to output: AgeOutput) throws {
        while let range = try opener.nextRun() {
            try output.write(opener.plaintext[range])
        }
    }
}
