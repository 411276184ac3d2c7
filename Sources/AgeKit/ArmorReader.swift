/// Reads ASCII armor strictly, as a stream: the decoded bytes come out as
/// lines are read, and the end of input is reported only after the END line
/// and what follows it were checked.
///
/// Accepted: whitespace before BEGIN and after END, LF or CRLF line endings.
/// Refused (the spec asks for a strict parser, since a lenient one makes the
/// file malleable): any other label, lines other than 64 columns except the
/// last, padding before the last line, non-canonical base64, an empty body,
/// a missing END line, anything but whitespace after it.
final class ArmorReader: AgeInput {
    private let source: BufferedInput
    private var decoded: [UInt8] = []
    private var position = 0
    private var sawBegin = false
    private var sawLastLine = false
    private var lines = 0
    private var done = false

    init(_ source: BufferedInput) { self.source = source }

    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    func read(into buffer: inout [UInt8], offset: Int, maxCount: Int) throws -> Int {
        var written = 0
        while written < maxCount {
            if position == decoded.count {
                if done { break }
                try nextLine()
                continue
            }
            let n = min(maxCount - written, decoded.count - position)
            buffer.replaceSubrange(offset + written..<offset + written + n, with: decoded[position..<position + n])
            position += n
            written += n
        }
        return written
    }

    /// Reads one line without its LF or CRLF; nil at end of input.
    private func line(_ what: String) throws -> [UInt8]? {
        let raw: [UInt8]?
        do { raw = try source.readLine(maxLength: 80) } catch is BufferedInput.LineTooLong {
            throw AgeError.malformedArmor("\(what) is longer than 64 columns")
        }
        guard var l = raw else { return nil }
        if l.last == 0x0A {
            l.removeLast()
            if l.last == 0x0D { l.removeLast() }
        }
        return l
    }

    private func nextLine() throws {
        decoded.removeAll(keepingCapacity: true)
        position = 0
        if !sawBegin {
            while let b = try source.peekByte(), Self.isWhitespace(b) { _ = try source.readByte() }
            guard let l = try line("the BEGIN line"), l == Array(ArmorWriter.begin.utf8) else {
                throw AgeError.malformedArmor("expected '\(ArmorWriter.begin)'")
            }
            sawBegin = true
            return
        }
        guard let l = try line("a line") else { throw AgeError.malformedArmor("the armor ends without its END line") }
        if l == Array(ArmorWriter.end.utf8) {
            guard lines > 0 else { throw AgeError.malformedArmor("the armor holds no data") }
            while let b = try source.readByte() {
                guard Self.isWhitespace(b) else { throw AgeError.malformedArmor("data follows the END line") }
            }
            done = true
            return
        }
        guard !sawLastLine else { throw AgeError.malformedArmor("a line follows a short or padded line (expected the END line)") }
        guard !l.isEmpty, l.count <= 64, l.count % 4 == 0 else {
            throw AgeError.malformedArmor("line \(lines + 2) is not a whole number of base64 groups of at most 64 columns")
        }
        guard let bytes = Base64.decode(l, padded: true) else {
            throw AgeError.malformedArmor("line \(lines + 2) is not canonical base64")
        }
        if l.count < 64 || l.last == UInt8(ascii: "=") { sawLastLine = true }
        lines += 1
        decoded = bytes
    }
}
