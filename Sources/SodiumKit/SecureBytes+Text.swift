extension SecureBytes {
    /// The bytes as UTF-8 text, for display of secrets that the user asked to
    /// see (a recovery key at creation). The returned String is ordinary memory.
    package func revealUTF8() -> String {
        withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }
}
