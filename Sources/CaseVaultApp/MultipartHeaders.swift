import Foundation

/// What the headers of a `multipart/form-data` body say (RFC 7578): the
/// boundary in the request's Content-Type, and each part's
/// Content-Disposition (its field name, and the file name of a file input).
///
/// One reading for both of the app's readers: the streaming one
/// (MultipartStream, for uploads) and the small whole-body one
/// (MultipartForm, for forms with secrets), so that both accept the same
/// forms. Values go through HeaderParameters (quoted strings, `;` inside
/// quotes, parameter names in any case); in a part's headers a quoted
/// string ends at the next quote, as browsers write them.
enum MultipartHeaders {
    /// The boundary from a `multipart/form-data; boundary=…` Content-Type
    /// (RFC 2046: 1 to 70 characters), unquoted; nil for any other type.
    static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let params = HeaderParameters(contentType)
        guard params.value.lowercased() == "multipart/form-data", let b = params["boundary"], (1...70).contains(b.utf8.count) else {
            return nil
        }
        return b
    }

    /// A part's Content-Disposition.
    struct Disposition: Equatable {
        /// Whether the part has a `Content-Disposition: form-data` header
        /// (a part without one is not a field of the form, and is skipped).
        var isFormData = false
        /// The field's name (a form-data part without one is malformed).
        var name: String?
        /// The `filename` parameter exactly as sent: nil for a text field,
        /// empty for a file input where no file was chosen.
        var fileName: String?
    }

    /// The Content-Disposition among the header lines of one part (the
    /// bytes between the delimiter's CRLF and the blank line; the trailing
    /// CRLFs may be included). Nil when a line is not a header (no colon):
    /// the body is not a form.
    static func disposition(ofPart block: some BidirectionalCollection<UInt8>) -> Disposition? {
        var found = Disposition()
        for line in block.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let text = String(decoding: line.last == 0x0D ? line.dropLast() : line[...], as: UTF8.self)
            if text.isEmpty { continue }
            guard let colon = text.firstIndex(of: ":") else { return nil }
            guard text[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            let value = HeaderParameters(String(text[text.index(after: colon)...]), backslashEscapes: false)
            found = Disposition(isFormData: value.value.lowercased() == "form-data", name: value["name"], fileName: value["filename"])
        }
        return found
    }

    /// The file's own name from a `filename` parameter: browsers send `"`
    /// as `%22` (HTML's form-data encoding), and some used to send the
    /// whole path (`C:\Users\…`).
    static func baseName(_ raw: String) -> String {
        let unescaped = raw.replacingOccurrences(of: "%22", with: "\"")
        return unescaped.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? unescaped
    }
}
