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

    private static var notAForm: String { AppLanguage.text("app.form.not_a_form") }

    private enum Part {
        case field(name: String, bytes: [UInt8])
        case file
        case ignored
    }

    /// The name of the form's file input.
    let fileField: String
    /// Delimiters and header blocks (shared with ShareUploadForm).
    private var scanner: MultipartScanner
    private var part: Part = .ignored
    private var parts = 0

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
        scanner = MultipartScanner(boundary: boundary, maxHeaderBytes: Self.maxHeaderBytes,
                                   malformed: AppError.badRequest(Self.notAForm))
    }

    /// The whole form arrived: the file's part ended at its delimiter, no
    /// part followed it, and the closing delimiter came.
    var isComplete: Bool { fileEnded && closed }

    /// Reads the next bytes of the body, wherever the network split it;
    /// returns the file's bytes among them, in order (slices of
    /// `incoming`). Throws a page-ready error for a malformed form, a field
    /// too long, too many fields, or a part after the file.
    func parse(_ incoming: ByteBuffer) throws -> [ByteBuffer] {
        var file: [ByteBuffer] = []
        try scanner.scan(incoming) { step in
            switch step {
            case .begin(let headers): try begin(headers: headers)
            case .content(let bytes): try take(bytes, into: &file)
            case .end: try endPart()
            case .close: closed = true
            }
        }
        return file
    }

    /// Hands on bytes of the current part's content.
    private func take(_ bytes: ByteBuffer, into file: inout [ByteBuffer]) throws {
        switch part {
        case .file:
            file.append(bytes)
        case .field(let name, var collected):
            guard collected.count + bytes.readableBytes <= Self.maxFieldBytes else {
                throw AppError.badRequest(AppLanguage.text("app.form.field_too_long"))
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
            throw AppError.badRequest(AppLanguage.text("app.form.file_last"))
        }
        guard parts <= Self.maxParts else {
            throw AppError.badRequest(AppLanguage.text("app.form.too_many_fields"))
        }
        guard let disposition = MultipartHeaders.disposition(ofPart: block) else {
            throw AppError.badRequest(Self.notAForm)
        }
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
        switch part {
        case .field(let name, let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw AppError.badRequest(AppLanguage.text("app.form.not_text"))
            }
            fields[name] = text
        case .file:
            fileEnded = true
        case .ignored:
            break
        }
        part = .ignored
    }
}
