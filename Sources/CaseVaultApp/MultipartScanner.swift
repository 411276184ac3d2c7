import NIOCore

/// The delimiter-and-headers state machine of a `multipart/form-data` body
/// (RFC 7578) read as it arrives, shared by the app's two streaming readers:
/// MultipartStream (one large file after small fields: a document, a
/// backup) and ShareUploadForm (many files of one field: shares to import).
///
/// It finds each delimiter wherever the network split the body (a
/// Boyer-Moore-Horspool search, which examines about one byte in forty;
/// bytes that may begin a delimiter are carried to the next buffer),
/// collects each part's header block up to its blank line, and hands the
/// reader what it saw, in order: a part's headers, slices of its content
/// (of the received buffers, no copy), its end, the closing delimiter.
/// What a part means (a field kept, a file streamed, a part refused) is the
/// reader's.
///
/// Limits it keeps: a header block and a preamble (browsers send none) of
/// at most `maxHeaderBytes`, so a body whose boundary never comes is
/// refused early, not read to its end; anything else malformed throws
/// `malformed`.
struct MultipartScanner {
    /// What the body held, in order.
    enum Step {
        /// A part begins; its header block, CRLFs included.
        case begin(headers: [UInt8])
        /// Some of the current part's content.
        case content(ByteBuffer)
        /// The current part's content ended at a delimiter.
        case end
        /// The closing delimiter (`--boundary--`) came: nothing more is read.
        case close
    }

    private enum State {
        /// Before the first delimiter (its preamble is skipped).
        case preamble
        /// Just after a delimiter: `--` (the end) or CRLF (a part) follows.
        case afterDelimiter
        /// In a part's headers, collected up to the blank line.
        case headers([UInt8])
        /// In a part's content.
        case content
        /// After the closing delimiter.
        case epilogue
    }

    let maxHeaderBytes: Int
    /// What a malformed body throws (each reader words it for its page).
    let malformed: Error
    /// CRLF `--` boundary: what ends every part's content.
    private let delimiter: [UInt8]
    /// Horspool's table: how far the search may move on, by the byte under
    /// the end of the delimiter's window.
    private let skip: [Int]
    private var state = State.preamble
    /// Received bytes that may begin a delimiter (or the two bytes after
    /// one), kept until the next buffer says.
    private var carry = ByteBuffer()
    private var preambleBytes = 0

    init(boundary: String, maxHeaderBytes: Int, malformed: Error) {
        self.maxHeaderBytes = maxHeaderBytes
        self.malformed = malformed
        delimiter = Array("\r\n--\(boundary)".utf8)
        var skip = [Int](repeating: delimiter.count, count: 256)
        for (j, byte) in delimiter.dropLast().enumerated() { skip[Int(byte)] = delimiter.count - 1 - j }
        self.skip = skip
        // The first delimiter may begin the body, without the CRLF before it.
        carry.writeBytes([0x0D, 0x0A])
    }

    /// Reads the next bytes of the body, handing each step to `step` as it
    /// is found. A step's error stops the scan and is thrown.
    mutating func scan(_ incoming: ByteBuffer, _ step: (Step) throws -> Void) throws {
        var input = incoming
        if carry.readableBytes > 0 {
            // Rare (a buffer ended with what may begin a delimiter): join.
            var joined = carry
            joined.writeBuffer(&input)
            input = joined
            carry = ByteBuffer()
        }
        while input.readableBytes > 0 {
            switch state {
            case .preamble, .content:
                let view = input.readableBytesView
                if let at = Self.find(delimiter, skip: skip, in: view) {
                    try take(input.readSlice(length: at)!, step)
                    input.moveReaderIndex(forwardBy: delimiter.count)
                    if case .content = state { try step(.end) }
                    state = .afterDelimiter
                } else {
                    let keep = Self.partialMatch(delimiter, atEndOf: view)
                    try take(input.readSlice(length: view.count - keep)!, step)
                    carry = input.readSlice(length: keep)!
                }
            case .afterDelimiter:
                guard input.readableBytes >= 2 else {
                    carry = input.readSlice(length: input.readableBytes)!
                    break
                }
                let two = input.readBytes(length: 2)!
                if two == [0x2D, 0x2D] {
                    state = .epilogue
                    try step(.close)
                } else if two == [0x0D, 0x0A] {
                    state = .headers([])
                } else {
                    throw malformed
                }
            case .headers(var block):
                // Byte by byte: header blocks are a few dozen bytes.
                while let byte = input.readInteger(as: UInt8.self) {
                    block.append(byte)
                    guard block.count <= maxHeaderBytes else { throw malformed }
                    if block.count == 2 && block == [0x0D, 0x0A] || block.suffix(4).elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) {
                        state = .content
                        try step(.begin(headers: block))
                        break
                    }
                }
                if case .headers = state { state = .headers(block) }
            case .epilogue:
                input.moveReaderIndex(forwardBy: input.readableBytes)
            }
        }
    }

    /// Hands on bytes of the current part's content, or counts a preamble's.
    private mutating func take(_ bytes: ByteBuffer, _ step: (Step) throws -> Void) throws {
        guard bytes.readableBytes > 0 else { return }
        guard case .content = state else {
            preambleBytes += bytes.readableBytes
            if preambleBytes > maxHeaderBytes { throw malformed }
            return
        }
        try step(.content(bytes))
    }

    /// Where `needle` first occurs in `view` (an offset), by
    /// Boyer-Moore-Horspool: compares the window's last byte and skips by
    /// how far that byte is from the needle's end.
    static func find(_ needle: [UInt8], skip: [Int], in view: ByteBufferView) -> Int? {
        let n = view.count, m = needle.count
        guard n >= m else { return nil }
        let base = view.startIndex, last = m - 1, lastByte = needle[last]
        var i = 0
        while i <= n - m {
            let c = view[base + i + last]
            if c == lastByte {
                var j = last - 1
                while j >= 0 && view[base + i + j] == needle[j] { j -= 1 }
                if j < 0 { return i }
            }
            i += skip[Int(c)]
        }
        return nil
    }

    /// How many of `view`'s last bytes begin `needle` (0 when none): they
    /// are kept until the next buffer says whether the needle follows.
    static func partialMatch(_ needle: [UInt8], atEndOf view: ByteBufferView) -> Int {
        let n = view.count
        var start = max(0, n - (needle.count - 1))
        while start < n {
            if view[view.startIndex + start] == needle[0] {
                let k = n - start
                if view[(view.startIndex + start)...].elementsEqual(needle[0..<k]) { return k }
            }
            start += 1
        }
        return 0
    }
}
