import Foundation
import Hummingbird
import NIOCore
import SodiumKit

/// The fields of a small posted `multipart/form-data` form: a form with a
/// file input (a site's file of backup codes) and its text fields.
///
/// The body is read whole, up to `limit`, and parsed here rather than by
/// the app's streaming reader (MultipartStream), which hands a file on in
/// the server's receive buffers and collects fields in plain arrays: here
/// the body is one array that is wiped after parsing, and secret fields
/// (the pasted codes) and every uploaded file go straight into SecureBytes,
/// never a String. Both readers share the reading of the boundary and of a
/// part's headers (MultipartHeaders), so they accept the same forms. Large
/// uploads (documents, backups) are streamed by MultipartStream, not read here.
struct MultipartForm: Sendable {
    private var plain: [String: String] = [:]
    private var secrets: [String: SecureBytes] = [:]
    /// The file name the browser sent for each file field (even when no file
    /// was chosen: then it is empty).
    private(set) var fileNames: [String: String] = [:]

    /// Reads and parses the request body. `secretNames` are the text fields
    /// to keep in secure memory only; file contents always are. A body over
    /// `limit` is refused with `tooLarge` (a page in plain words), not read.
    static func read(_ request: Request, context: AppContext, secretNames: Set<String>, limit: Int, tooLarge: String) async throws -> MultipartForm {
        guard let boundary = MultipartHeaders.boundary(contentType: request.headers[.contentType]) else {
            throw AppError.badRequest(AppLanguage.text("app.form.unexpected_format"))
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw AppError.invalid(tooLarge)
        }
        var buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw AppError.invalid(tooLarge)
        }
        var bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        defer { Bytes.wipe(&bytes) }
        return try parse(bytes, boundary: Array(boundary.utf8), secretNames: secretNames)
    }

    /// Parses a whole multipart body: `--boundary CRLF headers CRLF CRLF
    /// content CRLF --boundary ... --boundary--`.
    static func parse(_ body: [UInt8], boundary: [UInt8], secretNames: Set<String>) throws -> MultipartForm {
        let damaged = AppError.badRequest(AppLanguage.text("app.form.cut_off"))
        let delimiter = Array("--".utf8) + boundary
        let nextPart = Array("\r\n".utf8) + delimiter
        let crlf = Array("\r\n".utf8)
        guard var position = firstDelimiter(delimiter, in: body) else { throw damaged }
        var form = MultipartForm()
        while true {
            if body[position...].starts(with: Array("--".utf8)) { return form }
            guard body[position...].starts(with: crlf) else { throw damaged }
            position += 2
            // The headers up to the blank line (none when it comes at once),
            // read as the streaming reader reads them.
            let headerEnd = body[position...].starts(with: crlf) ? position : find(crlf + crlf, in: body, from: position)
            guard let headerEnd, let disposition = MultipartHeaders.disposition(ofPart: body[position..<headerEnd]) else { throw damaged }
            position = headerEnd + (headerEnd == position ? 2 : 4)
            guard let contentEnd = find(nextPart, in: body, from: position) else { throw damaged }
            let content = body[position..<contentEnd]
            position = contentEnd + nextPart.count
            // A part that is not a form field is skipped; a field must be named.
            guard disposition.isFormData else { continue }
            guard let name = disposition.name else { throw damaged }
            if let fileName = disposition.fileName {
                form.fileNames[name] = fileName
                form.secrets[name] = try secure(content)
            } else if secretNames.contains(name) {
                form.secrets[name] = try secure(content)
            } else {
                guard let text = String(validating: content, as: UTF8.self) else {
                    throw AppError.badRequest(AppLanguage.text("app.form.not_text"))
                }
                form.plain[name] = text
            }
        }
    }

    /// Where the first part starts: after the first delimiter that opens the
    /// body or follows a line break (a preamble before it is ignored).
    private static func firstDelimiter(_ delimiter: [UInt8], in body: [UInt8]) -> Int? {
        if body.starts(with: delimiter) { return delimiter.count }
        return find(Array("\r\n".utf8) + delimiter, in: body, from: 0).map { $0 + 2 + delimiter.count }
    }

    /// Secure memory holding `content`; the plain copy it passed through is wiped.
    private static func secure(_ content: ArraySlice<UInt8>) throws -> SecureBytes {
        var bytes = Array(content)
        defer { Bytes.wipe(&bytes) }
        return try SecureBytes(copying: bytes)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], haystack[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// A text field, trimmed of surrounding spaces; nil when absent or empty.
    subscript(_ name: String) -> String? {
        guard let v = plain[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }

    /// A secret field or a file's content (in secure memory), nil when absent or empty.
    func secret(_ name: String) -> SecureBytes? {
        guard let s = secrets[name], s.count > 0 else { return nil }
        return s
    }

    /// A checkbox: present when ticked.
    func isChecked(_ name: String) -> Bool { plain[name] != nil }
}
