import Foundation
import NIOCore

/// A `multipart/form-data` request body (RFC 7578) read as it arrives, for
/// the forms that upload one large file: a document, and the restore's
/// backup file.
///
/// The small text fields are kept, each capped; the file's bytes are handed
/// back as they come, as slices of the received buffers (no copy), never
/// collected: memory stays flat whatever the file's size.
///
/// The file must be the last field (the forms put their file input last,
/// and browsers send fields in the form's order), so every other field is
/// known when its bytes start (a document's type and label are needed to
/// begin storing it). `isComplete` holds only once the file's part ended at
/// its delimiter and the closing delimiter (`--boundary--`) arrived: a body
/// cut off anywhere before that is incomplete, and the caller keeps nothing
/// of it.
///
/// The file's bytes pass through the server's ordinary receive buffers,
/// which are not wiped: forms with typed secrets (passphrases, codes) go
/// through FormFields or MultipartForm, which keep those in secure memory.
///
/// Why its own reader: MultipartKit's `MultipartParser` looks at every byte
/// through a closure and hands the body on in pieces cut at every CR
/// (about 256 bytes of a binary file), each a new buffer. For a 256 MiB
/// upload that cost more CPU than encrypting it (release build, best of 3:
/// 0.92 s for the upload against 0.36-0.42 s for `doc add` of the same
/// file, unlock included), where the target is 1.2x. This reader looks for
/// the delimiter with a Boyer-Moore-Horspool search, which examines about
/// one byte in forty, and slices the received buffers (docs/documents.md,
/// "In the app"). It also replaced a reader that searched with Foundation's
/// `Data.range(of:)` and copied the file through a window and a batch.
final class MultipartStream {
    /// Longest text field kept (a document's note is at most 4000
    /// characters; the library checks each field's own limit).
    static let maxFieldBytes = 16 * 1024
    /// Longest header block of one part, and longest preamble skipped
    /// before the first delimiter (browsers send none): a body whose
    /// boundary never comes is refused early, not read to its end.
    static let maxHeaderBytes = 8 * 1024
    /// Most parts accepted, the file's included.
    static let maxParts = 16

    private static let notAForm = "The upload was not a valid form. Reload the page and try again."

    private enum State {
        /// Before the first delimiter (its preamble is skipped).
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

    /// The name of the form's file input.
    let fileField: String
    /// CRLF `--` boundary: what ends every part's content.
    private let delimiter: [UInt8]
    /// Horspool's table: how far the search may move on, by the byte under
    /// the end of the delimiter's window.
    private let skip: [Int]
    private var state = State.preamble
    /// Received bytes that may begin a delimiter (or the two bytes after
    /// one), kept until the next buffer says.
    private var carry = ByteBuffer()
    private var part: Part = .ignored
    private var parts = 0
    private var preambleBytes = 0

    /// Text fields seen so far, by name.
    private(set) var fields: [String: String] = [:]
    /// Whether the file's part has begun (the other fields are then all known).
    private(set) var fileStarted = false
    /// The file's own name (without any folder) as the browser sent it;
    /// nil when it sent none or an empty one (no file was chosen).
    private(set) var fileName: String?
    private(set) var fileEnded = false
    private var closed = false

    /// A reader for a body with this boundary (MultipartHeaders.boundary)
    /// whose file input is named `fileField`.
    init(boundary: String, fileField: String) {
        self.fileField = fileField
        delimiter = Array("\r\n--\(boundary)".utf8)
        var skip = [Int](repeating: delimiter.count, count: 256)
        for (j, byte) in delimiter.dropLast().enumerated() { skip[Int(byte)] = delimiter.count - 1 - j }
        self.skip = skip
        // The first delimiter may begin the body, without the CRLF before it.
        carry.writeBytes([0x0D, 0x0A])
    }

    /// The whole form arrived: the file's part ended at its delimiter, no
    /// part followed it, and the closing delimiter came.
    var isComplete: Bool { fileEnded && closed }

    /// Reads the next bytes of the body, wherever the network split it;
    /// returns the file's bytes among them, in order (slices of
    /// `incoming`). Throws a page-ready error for a malformed form, a field
    /// too long, too many fields, or a part after the file.
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
                    throw AppError.badRequest(Self.notAForm)
                }
            case .headers(var block):
                // Byte by byte: header blocks are a few dozen bytes.
                while let byte = input.readInteger(as: UInt8.self) {
                    block.append(byte)
                    if block.count > Self.maxHeaderBytes {
                        throw AppError.badRequest(Self.notAForm)
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

    /// Hands on bytes of the current part's content (or skips a preamble's).
    private func take(_ bytes: ByteBuffer, into file: inout [ByteBuffer]) throws {
        guard bytes.readableBytes > 0 else { return }
        guard case .content = state else {
            preambleBytes += bytes.readableBytes
            if preambleBytes > Self.maxHeaderBytes { throw AppError.badRequest(Self.notAForm) }
            return
        }
        switch part {
        case .file:
            file.append(bytes)
        case .field(let name, var collected):
            guard collected.count + bytes.readableBytes <= Self.maxFieldBytes else {
                throw AppError.badRequest("A field of the form is too long. Shorten it and try again.")
            }
            // Drop the enum's copy first, so the append does not copy the array.
            part = .ignored
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
        guard let disposition = MultipartHeaders.disposition(ofPart: block) else {
            throw AppError.badRequest(Self.notAForm)
        }
        state = .content
        // A part that is not a form field (no Content-Disposition: form-data) is skipped.
        guard disposition.isFormData else {
            part = .ignored
            return
        }
        guard let name = disposition.name else { throw AppError.badRequest(Self.notAForm) }
        if name == fileField {
            fileStarted = true
            fileName = disposition.fileName.map(MultipartHeaders.baseName).flatMap { $0.isEmpty ? nil : $0 }
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
}
