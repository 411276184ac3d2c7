import Foundation
import NIOCore

/// The document upload form (`multipart/form-data`, RFC 7578) read as it
/// arrives: the small fields (type, label, expiry, note) are kept, each
/// capped; the file's bytes are handed back as they come, as slices of the
/// received buffers (no copy), never collected.
///
/// The file must be the last field (the form puts its input last, and
/// browsers send fields in the form's order), so every option is known when
/// its bytes start. `isComplete` holds only once the file's part ended at
/// its delimiter and the closing delimiter (`--boundary--`) arrived: a body
/// cut off anywhere before that is incomplete, and its document is not
/// stored.
///
/// Why not MultipartKit's `MultipartParser`: it looks at every byte through
/// a closure and hands the body on in pieces cut at every CR (about 256
/// bytes of a binary file), each a new buffer. For a 256 MiB upload that
/// cost more CPU than encrypting it (release build, best of 3: 0.92 s for
/// the upload against 0.36-0.42 s for `doc add` of the same file, unlock
/// included), where the target is 1.2x. This reader looks for the delimiter
/// with a Boyer-Moore-Horspool search, which examines about one byte in
/// forty, and slices the received buffers (docs/documents.md, "In the app").
final class DocumentUploadForm {
    /// Longest text field kept (a note is at most 4000 bytes; the library
    /// checks each field's own limit).
    static let maxFieldBytes = 16 * 1024
    /// Longest header block of one part.
    static let maxHeaderBytes = 8 * 1024
    /// Most parts accepted before the file.
    static let maxParts = 16

    private enum State {
        /// Before the first delimiter (its preamble is ignored).
        case preamble
        /// Just after a delimiter: `--` (the end) or CRLF (a part) follows.
        case afterDelimiter
        /// In a part's headers, collected up to the blank line.
        case headers([UInt8])
        /// In a part's content.
        case content
        /// After the closing delimiter: nothing more is read.
        case epilogue
    }

    private enum Part {
        case field(name: String, bytes: [UInt8])
        case file
        case ignored
    }

    /// CRLF `--` boundary: what ends every part's content.
    private let delimiter: [UInt8]
    private let skip: [Int]
    private var state = State.preamble
    /// Received bytes that may begin a delimiter (or the two bytes after
    /// one), kept until the next buffer says.
    private var carry = ByteBuffer()
    private var part: Part = .ignored
    private var parts = 0

    /// Text fields seen so far, by name.
    private(set) var fields: [String: String] = [:]
    /// The file's name as the browser sent it (without any folder), once its part began.
    private(set) var fileName: String?
    private(set) var fileEnded = false
    private var closed = false

    /// The boundary from a `multipart/form-data; boundary=…` Content-Type
    /// (RFC 2046: 1 to 70 characters).
    static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let params = HeaderParameters(contentType)
        guard params.value.lowercased() == "multipart/form-data", let b = params["boundary"], (1...70).contains(b.utf8.count) else { return nil }
        return b
    }

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        var skip = [Int](repeating: delimiter.count, count: 256)
        for (j, byte) in delimiter.dropLast().enumerated() { skip[Int(byte)] = delimiter.count - 1 - j }
        self.skip = skip
        // The first delimiter may begin the body, without the CRLF before it.
        carry.writeBytes([0x0D, 0x0A])
    }

    /// Whether the file's part has begun (its options are then all known).
    var fileStarted: Bool { fileName != nil }

    /// The whole form arrived: the file's part ended at its delimiter, no
    /// part followed it, and the closing delimiter came.
    var isComplete: Bool { fileEnded && closed }

    /// Reads the next bytes of the body; returns the file's bytes among
    /// them, in order (slices of `incoming`). Throws a page-ready error for
    /// a malformed form, a field too long, or a part after the file.
    func parse(_ incoming: ByteBuffer) throws -> [ByteBuffer] {
        var input = incoming
        if carry.readableBytes > 0 {
            // Rare (a buffer ended with what may begin a delimiter): join.
            var joined = carry
            joined.writeBuffer(&input)
            input = joined
            carry = ByteBuffer()
        }
        var file: [ByteBuffer] = []
        while input.readableBytes > 0 {
            switch state {
            case .preamble, .content:
                let view = input.readableBytesView
                if let at = Self.find(delimiter, skip: skip, in: view) {
                    try take(input.readSlice(length: at)!, into: &file)
                    input.moveReaderIndex(forwardBy: delimiter.count)
                    try endPart()
                    state = .afterDelimiter
                } else {
                    let keep = Self.partialMatch(delimiter, atEndOf: view)
                    try take(input.readSlice(length: view.count - keep)!, into: &file)
                    carry = input.readSlice(length: keep)!
                }
            case .afterDelimiter:
                guard input.readableBytes >= 2 else {
                    carry = input.readSlice(length: input.readableBytes)!
                    break
                }
                let two = input.readBytes(length: 2)!
                if two == [0x2D, 0x2D] {
                    closed = true
                    state = .epilogue
                } else if two == [0x0D, 0x0A] {
                    state = .headers([])
                } else {
                    throw AppError.badRequest("The upload was not a valid form. Reload the page and try again.")
                }
            case .headers(var block):
                // Byte by byte: header blocks are a few dozen bytes.
                while let byte = input.readInteger(as: UInt8.self) {
                    block.append(byte)
                    if block.count > Self.maxHeaderBytes {
                        throw AppError.badRequest("The upload was not a valid form. Reload the page and try again.")
                    }
                    if block.count == 2 && block == [0x0D, 0x0A] || block.suffix(4).elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) {
                        try begin(headers: block)
                        break
                    }
                }
                if case .headers = state { state = .headers(block) }
            case .epilogue:
                input.moveReaderIndex(forwardBy: input.readableBytes)
            }
        }
        return file
    }

    /// Hands on bytes of the current part's content.
    private func take(_ bytes: ByteBuffer, into file: inout [ByteBuffer]) throws {
        guard bytes.readableBytes > 0, case .content = state else { return }
        switch part {
        case .file:
            file.append(bytes)
        case .field(let name, var collected):
            guard collected.count + bytes.readableBytes <= Self.maxFieldBytes else {
                throw AppError.badRequest("A field of the form is too long. Shorten it and try again.")
            }
            collected += bytes.readableBytesView
            part = .field(name: name, bytes: collected)
        case .ignored:
            break
        }
    }

    /// The part whose headers are `block` begins.
    private func begin(headers block: [UInt8]) throws {
        parts += 1
        if fileStarted {
            throw AppError.badRequest("The file must be the last field of the form. Reload the page and try again.")
        }
        guard parts <= Self.maxParts else {
            throw AppError.badRequest("The form has too many fields. Reload the page and try again.")
        }
        var disposition: HeaderParameters?
        for line in block.split(separator: 0x0A) {
            let text = String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            if text.isEmpty { continue }
            guard let colon = text.firstIndex(of: ":") else {
                throw AppError.badRequest("The upload was not a valid form. Reload the page and try again.")
            }
            if text[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" {
                disposition = HeaderParameters(String(text[text.index(after: colon)...]))
            }
        }
        state = .content
        guard let disposition, disposition.value.lowercased() == "form-data", let name = disposition["name"] else {
            part = .ignored
            return
        }
        if name == "file" {
            guard let raw = disposition["filename"], !raw.isEmpty else {
                throw AppError.invalid("Choose a file to upload, then press Upload.")
            }
            fileName = Self.baseName(raw)
            part = .file
        } else {
            part = .field(name: name, bytes: [])
        }
    }

    /// The current part's content ended at a delimiter.
    private func endPart() throws {
        guard case .content = state else { return }
        switch part {
        case .field(let name, let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw AppError.badRequest("A field of the form is not valid text. Reload the page and try again.")
            }
            fields[name] = text
        case .file:
            fileEnded = true
        case .ignored:
            break
        }
        part = .ignored
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

    /// The file's own name: browsers send `"` as `%22` (HTML's form-data
    /// encoding), and some used to send the whole path (`C:\Users\…`).
    static func baseName(_ raw: String) -> String {
        let unescaped = raw.replacingOccurrences(of: "%22", with: "\"")
        return unescaped.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? unescaped
    }
}
