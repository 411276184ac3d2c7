/// A read buffer over an `AgeInput`: line reads for the header and armor,
/// then bulk reads for the payload that first drain what was buffered.
final class BufferedInput: AgeInput {
    private let source: AgeInput
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false

    init(_ source: AgeInput, capacity: Int = 64 * 1024) {
        self.source = source
        buffer = [UInt8](repeating: 0, count: capacity)
    }

    /// Refills when empty; false at end of input.
    private func fill() throws -> Bool {
        if start < end { return true }
        if atEOF { return false }
        start = 0
        end = try source.read(into: &buffer, offset: 0, maxCount: buffer.count)
        if end == 0 { atEOF = true; return false }
        return true
    }

    /// The next byte without consuming it, nil at end of input.
    func peekByte() throws -> UInt8? {
        try fill() ? buffer[start] : nil
    }

    /// Consumes one byte.
    func readByte() throws -> UInt8? {
        guard try fill() else { return nil }
        defer { start += 1 }
        return buffer[start]
    }

    /// Reads through the next LF (included in the result). Returns nil at end
    /// of input with nothing read; returns what was read if the input ends
    /// without an LF; throws `tooLong` past `maxLength` bytes.
    func readLine(maxLength: Int) throws -> [UInt8]? {
        var line = [UInt8]()
        while try fill() {
            if let i = buffer[start..<end].firstIndex(of: 0x0A) {
                guard line.count + (i - start) + 1 <= maxLength else { throw LineTooLong() }
                line.append(contentsOf: buffer[start...i])
                start = i + 1
                return line
            }
            guard line.count + (end - start) <= maxLength else { throw LineTooLong() }
            line.append(contentsOf: buffer[start..<end])
            start = end
        }
        return line.isEmpty ? nil : line
    }

    struct LineTooLong: Error {}

    func read(into out: inout [UInt8], offset: Int, maxCount: Int) throws -> Int {
        if start < end {
            let n = min(maxCount, end - start)
            out.replaceSubrange(offset..<offset + n, with: buffer[start..<start + n])
            start += n
            return n
        }
        if atEOF { return 0 }
        // Large reads bypass the buffer.
        if maxCount >= buffer.count { return try source.read(into: &out, offset: offset, maxCount: maxCount) }
        guard try fill() else { return 0 }
        return try read(into: &out, offset: offset, maxCount: maxCount)
    }
}
