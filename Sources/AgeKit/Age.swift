/// One-call helpers over `AgeWriter` and `AgeReader` for data in memory.
public enum Age {
    /// Encrypts `plaintext` to `recipients`.
    public static func encrypt(_ plaintext: [UInt8], to recipients: [AgeRecipient], armor: Bool = false) throws -> [UInt8] {
        let out = BytesOutput()
        let w = try AgeWriter(recipients: recipients, output: out, armor: armor)
        try w.write(plaintext)
        try w.finish()
        return out.bytes
    }

    /// Decrypts an age file (binary or armored) with the first matching identity.
    public static func decrypt(_ file: [UInt8], identities: [AgeIdentity]) throws -> [UInt8] {
        let r = try AgeReader(identities: identities, input: BytesInput(file))
        let out = BytesOutput()
        try r.decrypt(to: out)
        return out.bytes
    }
}
