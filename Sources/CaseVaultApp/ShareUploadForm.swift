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
/// Delimiters and header blocks are found by MultipartScanner and the
/// headers read by MultipartHeaders, as for MultipartStream; this reader
/// differs in taking several files of one field, in any order with other
/// fields, which it drops.
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

    private enum Part {
        case file
        case field(Int)
    }

    /// Delimiters and header blocks (shared with MultipartStream).
    private var scanner: MultipartScanner
    private var part: Part = .field(0)
    private var parts = 0
    private(set) var files = 0
    private var closed = false

    init(boundary: String) {
        scanner = MultipartScanner(boundary: boundary, maxHeaderBytes: Self.maxHeaderBytes, malformed: Self.damaged)
    }

    /// The closing delimiter arrived: every file part ended whole.
    var isComplete: Bool { closed }

    /// Reads the next bytes of the body; returns what they hold, in order.
    func parse(_ incoming: ByteBuffer) throws -> [Event] {
        var events: [Event] = []
        try scanner.scan(incoming) { step in
            switch step {
            case .begin(let headers): try begin(headers: headers, into: &events)
            case .content(let bytes): try take(bytes, into: &events)
            case .end: endPart(into: &events)
            case .close: closed = true
            }
        }
        return events
    }

    /// Made at each use: its words are the request's language.
    static var damaged: AppError { AppError.badRequest(AppLanguage.text("app.share.upload_invalid")) }

    private func take(_ bytes: ByteBuffer, into events: inout [Event]) throws {
        switch part {
        case .file:
            events.append(.bytes(bytes))
        case .field(let count):
            guard count + bytes.readableBytes <= Self.maxFieldBytes else {
                throw AppError.badRequest(AppLanguage.text("app.share.field_too_long"))
            }
            part = .field(count + bytes.readableBytes)
        }
    }

    private func begin(headers block: [UInt8], into events: inout [Event]) throws {
        parts += 1
        guard parts <= Self.maxFiles + 16 else {
            throw AppError.invalid(AppLanguage.text("app.share.too_many", ["max": "\(Self.maxFiles)"]))
        }
        guard let disposition = MultipartHeaders.disposition(ofPart: block) else { throw Self.damaged }
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
            throw AppError.invalid(AppLanguage.text("app.share.too_many", ["max": "\(Self.maxFiles)"]))
        }
        part = .file
        events.append(.begin(fileName: MultipartHeaders.baseName(raw)))
    }

    private func endPart(into events: inout [Event]) {
        if case .file = part { events.append(.end) }
        part = .field(0)
    }
}
