import Foundation
import NIOCore

/// The import form (`multipart/form-data` with `<input type=file multiple
/// name="shares">`) read as it arrives: each chosen file is a part of its
/// own, handed back as events (a file begins, some of its bytes, it ends),
/// its bytes as slices of the received buffers, never collected.
///
/// Parts other than the files are read up to a small limit and dropped
/// (the form has none but the files). A body cut off anywhere before the
/// closing delimiter is incomplete: `isComplete` stays false, and the
/// caller keeps none of its files.
///
/// The delimiter search and the parts' headers are read as MultipartStream
/// and MultipartHeaders read them (Boyer-Moore-Horspool over the received
/// buffers); this reader differs in taking several files of one field, in
/// any order with other fields, which it drops.
final class ShareUploadForm {
    /// Most files in one upload (each is held as an open file until all
    /// are checked).
    static let maxFiles = 200
    static let maxHeaderBytes = 8 * 1024
    static let maxFieldBytes = 4 * 1024
    /// The field the files come in.
    static let fileField = "shares"

    enum Event {
        /// A file's part began; its name as the browser sent it (no folder).
        case begin(fileName: String)
        case bytes(ByteBuffer)
        /// The file's part ended at its delimiter: the file arrived whole.
        case end
    }

    private enum State {
        case preamble
        case afterDelimiter
        case headers([UInt8])
        case content
        case epilogue
    }

    private enum Part {
        case file
        case field(Int)
    }

    private let delimiter: [UInt8]
    private let skip: [Int]
    private var state = State.preamble
    private var carry = ByteBuffer()
    private var part: Part = .field(0)
    private var parts = 0
    private var preambleBytes = 0
    private(set) var files = 0
    private var closed = false

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        var skip = [Int](repeating: delimiter.count, count: 256)
        for (j, byte) in delimiter.dropLast().enumerated() { skip[Int(byte)] = delimiter.count - 1 - j }
        self.skip = skip
        // The first delimiter may begin the body, without the CRLF before it.
        carry.writeBytes([0x0D, 0x0A])
    }

    /// The closing delimiter arrived: every file part ended whole.
    var isComplete: Bool { closed }

    /// Reads the next bytes of the body; returns what they hold, in order.
    func parse(_ incoming: ByteBuffer) throws -> [Event] {
        var input = incoming
        if carry.readableBytes > 0 {
            var joined = carry
            joined.writeBuffer(&input)
            input = joined
            carry = ByteBuffer()
        }
        var events: [Event] = []
        while input.readableBytes > 0 {
            switch state {
            case .preamble, .content:
                let view = input.readableBytesView
                if let at = MultipartStream.find(delimiter, skip: skip, in: view) {
                    try take(input.readSlice(length: at)!, into: &events)
                    input.moveReaderIndex(forwardBy: delimiter.count)
                    endPart(into: &events)
                    state = .afterDelimiter
                } else {
                    let keep = MultipartStream.partialMatch(delimiter, atEndOf: view)
                    try take(input.readSlice(length: view.count - keep)!, into: &events)
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
                    throw Self.damaged
                }
            case .headers(var block):
                while let byte = input.readInteger(as: UInt8.self) {
                    block.append(byte)
                    guard block.count <= Self.maxHeaderBytes else { throw Self.damaged }
                    if block.suffix(4).elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) || block == [0x0D, 0x0A] {
                        try begin(headers: block, into: &events)
                        break
                    }
                }
                if case .headers = state { state = .headers(block) }
            case .epilogue:
                input.moveReaderIndex(forwardBy: input.readableBytes)
            }
        }
        return events
    }

    static let damaged = AppError.badRequest("The upload was not a valid form. Nothing was kept. Reload the page and choose the files again.")

    private func take(_ bytes: ByteBuffer, into events: inout [Event]) throws {
        guard bytes.readableBytes > 0 else { return }
        guard case .content = state else {
            // A preamble (browsers send none): a body whose boundary never
            // comes is refused early, not read to its end.
            preambleBytes += bytes.readableBytes
            if preambleBytes > Self.maxHeaderBytes { throw Self.damaged }
            return
        }
        switch part {
        case .file:
            events.append(.bytes(bytes))
        case .field(let count):
            guard count + bytes.readableBytes <= Self.maxFieldBytes else {
                throw AppError.badRequest("A field of the form is too long. Nothing was kept. Reload the page and try again.")
            }
            part = .field(count + bytes.readableBytes)
        }
    }

    private func begin(headers block: [UInt8], into events: inout [Event]) throws {
        parts += 1
        guard parts <= Self.maxFiles + 16 else {
            throw AppError.invalid("That is more than \(Self.maxFiles) files at once. Nothing was kept. Choose fewer files and import the rest after.")
        }
        guard let disposition = MultipartHeaders.disposition(ofPart: block) else { throw Self.damaged }
        state = .content
        guard disposition.isFormData, disposition.name == Self.fileField, let raw = disposition.fileName else {
            part = .field(0)
            return
        }
        // No file chosen: browsers send the field with an empty name and no bytes.
        guard !raw.isEmpty else {
            part = .field(0)
            return
        }
        files += 1
        guard files <= Self.maxFiles else {
            throw AppError.invalid("That is more than \(Self.maxFiles) files at once. Nothing was kept. Choose fewer files and import the rest after.")
        }
        part = .file
        events.append(.begin(fileName: MultipartHeaders.baseName(raw)))
    }

    private func endPart(into events: inout [Event]) {
        guard case .content = state else { return }
        if case .file = part { events.append(.end) }
        part = .field(0)
    }
}
