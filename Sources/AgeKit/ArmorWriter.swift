/// Writes ASCII armor (strict PEM, RFC 7468 section 3, label "AGE ENCRYPTED
/// FILE"): padded base64 in 64-column lines, LF line endings.
final class ArmorWriter: AgeOutput {
    static let begin = "-----BEGIN AGE ENCRYPTED FILE-----"
    static let end = "-----END AGE ENCRYPTED FILE-----"
    static let lineBytes = 48 // 64 base64 columns
    private static let flushSize = 64 * 1024

    private let output: AgeOutput
    private var pending: [UInt8] = []
    private var encoded: [UInt8] = []
    private var started = false

    init(_ output: AgeOutput) {
        self.output = output
        pending.reserveCapacity(Self.lineBytes * 2)
        encoded.reserveCapacity(Self.flushSize + 128)
    }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        if !started {
            started = true
            encoded += Array((Self.begin + "\n").utf8)
        }
        var rest = bytes
        // Top up a partial line first, then encode whole lines straight from the input.
        if !pending.isEmpty {
            let n = min(Self.lineBytes - pending.count, rest.count)
            pending += rest.prefix(n)
            rest = rest.dropFirst(n)
            if pending.count == Self.lineBytes {
                appendLine(pending[...])
                pending.removeAll(keepingCapacity: true)
            }
        }
        while rest.count >= Self.lineBytes {
            appendLine(rest.prefix(Self.lineBytes))
            rest = rest.dropFirst(Self.lineBytes)
            if encoded.count >= Self.flushSize { try flush() }
        }
        pending += rest
        if encoded.count >= Self.flushSize { try flush() }
    }

    private func appendLine(_ bytes: ArraySlice<UInt8>) {
        encoded += Base64.encode(bytes, padded: true)
        encoded.append(0x0A)
    }

    private func flush() throws {
        try output.write(encoded[...])
        encoded.removeAll(keepingCapacity: true)
    }

    /// Writes the last (short) line and the END line.
    func finish() throws {
        if !started { encoded += Array((Self.begin + "\n").utf8) }
        if !pending.isEmpty { appendLine(pending[...]) }
        pending.removeAll()
        encoded += Array((Self.end + "\n").utf8)
        try flush()
    }
}
