import Foundation
import Hummingbird
import NIOCore
import SodiumKit

/// The fields of a small posted `multipart/form-data` form: a form with a
/// file input (a site's file of backup codes) and its text fields.
///
/// The body is read whole, up to `limit`, and parsed here rather than with
/// MultipartKit's streaming parser: that parser copies every run of a part's
/// body into a new buffer and frees it unwiped, while here the body is one
/// array that is wiped after parsing, and secret fields (the pasted codes)
/// and every uploaded file go straight into SecureBytes, never a String.
/// Large uploads (documents) are streamed by their own route, not read here.
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
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"), let boundary = boundary(in: type) else {
            throw AppError.badRequest("The form was sent in an unexpected format. Reload the page and try again.")
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

    /// The `boundary` parameter of a multipart Content-Type (1 to 70
    /// characters, RFC 2046), quoted or not.
    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let p = parameter.trimmingCharacters(in: .whitespaces)
            guard p.lowercased().hasPrefix("boundary=") else { continue }
            var value = String(p.dropFirst("boundary=".count))
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Parses a whole multipart body: `--boundary CRLF headers CRLF CRLF
    /// content CRLF --boundary ... --boundary--`.
    static func parse(_ body: [UInt8], boundary: [UInt8], secretNames: Set<String>) throws -> MultipartForm {
        let damaged = AppError.badRequest("The form arrived damaged or cut off. Reload the page and try again.")
        let delimiter = Array("--".utf8) + boundary
        let nextPart = Array("\r\n".utf8) + delimiter
        let crlf = Array("\r\n".utf8)
        guard var position = firstDelimiter(delimiter, in: body) else { throw damaged }
        var form = MultipartForm()
        while true {
            if body[position...].starts(with: Array("--".utf8)) { return form }
            guard body[position...].starts(with: crlf) else { throw damaged }
            position += 2
            guard let headerEnd = find(crlf + crlf, in: body, from: position) else { throw damaged }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            position = headerEnd + 4
            guard let contentEnd = find(nextPart, in: body, from: position) else { throw damaged }
            guard let disposition = Disposition(headers: headers) else { throw damaged }
            let content = body[position..<contentEnd]
            position = contentEnd + nextPart.count
            if let fileName = disposition.fileName {
                form.fileNames[disposition.name] = fileName
                form.secrets[disposition.name] = try SecureBytes(copying: Array(content))
            } else if secretNames.contains(disposition.name) {
                form.secrets[disposition.name] = try SecureBytes(copying: Array(content))
            } else {
                guard let text = String(validating: content, as: UTF8.self) else {
                    throw AppError.badRequest("A field of the form is not valid text. Reload the page and try again.")
                }
                form.plain[disposition.name] = text
            }
        }
    }

    /// Where the first part starts: after the first delimiter that opens the
    /// body or follows a line break (a preamble before it is ignored).
    private static func firstDelimiter(_ delimiter: [UInt8], in body: [UInt8]) -> Int? {
        if body.starts(with: delimiter) { return delimiter.count }
        return find(Array("\r\n".utf8) + delimiter, in: body, from: 0).map { $0 + 2 + delimiter.count }
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

    /// A part's `Content-Disposition: form-data; name="…"; filename="…"`.
    /// Browsers escape `"` and line breaks in both (as %22, %0A, %0D), so a
    /// quoted value ends at the next quote.
    struct Disposition {
        var name: String
        var fileName: String?

        init?(headers: String) {
            var found: [String: String]?
            for line in headers.components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":"),
                      line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
                found = Self.parameters(String(line[line.index(after: colon)...]))
            }
            guard let parameters = found, let name = parameters["name"] else { return nil }
            self.name = name
            self.fileName = parameters["filename"]
        }

        /// `form-data; a="x; y"; b=z` -> ["a": "x; y", "b": "z"].
        static func parameters(_ value: String) -> [String: String] {
            var out: [String: String] = [:]
            var rest = Substring(value)
            guard let first = rest.firstIndex(of: ";") else { return out }
            rest = rest[rest.index(after: first)...]
            while !rest.isEmpty {
                rest = rest.drop { $0 == " " || $0 == "\t" || $0 == ";" }
                guard let eq = rest.firstIndex(of: "=") else { break }
                let key = rest[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
                rest = rest[rest.index(after: eq)...]
                if rest.first == "\"" {
                    rest = rest.dropFirst()
                    let end = rest.firstIndex(of: "\"") ?? rest.endIndex
                    out[key] = String(rest[..<end])
                    rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
                } else {
                    let end = rest.firstIndex(of: ";") ?? rest.endIndex
                    out[key] = rest[..<end].trimmingCharacters(in: .whitespaces)
                    rest = rest[end...]
                }
            }
            return out
        }
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
