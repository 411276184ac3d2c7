/// The one decision of how a stored document goes to the browser: shown in
/// the page (a few image types and PDF) or only downloaded.
///
/// Decided from the stored file name and the document's first bytes, never
/// from what a browser said when it was uploaded. A document is shown inline
/// only when its bytes begin as one of the five types and its name's
/// extension, if it names a type, names the same one: a `.html`, `.svg` or
/// `.xml` file is never shown whatever its bytes, and a PNG renamed `.pdf`
/// is downloaded. Everything else goes out as `application/octet-stream`
/// with `Content-Disposition: attachment`, which a browser saves and never
/// renders: nothing a document holds can run as a page of this app's origin.
enum DocumentContentType: String, CaseIterable, Sendable {
    case png = "image/png"
    case jpeg = "image/jpeg"
    case gif = "image/gif"
    case webp = "image/webp"
    case pdf = "application/pdf"

    /// Bytes needed to recognise any of the types (WebP's "RIFF....WEBP").
    static let sniffBytes = 12

    /// The type to show `fileName`'s document as, given its first bytes;
    /// nil: download only.
    static func inline(fileName: String, firstBytes: some Collection<UInt8>) -> DocumentContentType? {
        guard let sniffed = sniff(Array(firstBytes.prefix(sniffBytes))) else { return nil }
        guard let ext = fileExtension(fileName) else { return sniffed }
        return byExtension[ext] == sniffed ? sniffed : nil
    }

    /// The lower-cased extension of `name` (after its last dot), nil without one.
    static func fileExtension(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        return ext.isEmpty ? nil : ext
    }

    private static let byExtension: [String: DocumentContentType] = [
        "png": .png, "jpg": .jpeg, "jpeg": .jpeg, "jpe": .jpeg, "jfif": .jpeg, "gif": .gif, "webp": .webp, "pdf": .pdf,
    ]

    /// The type the bytes begin as (their signatures), or nil.
    static func sniff(_ b: [UInt8]) -> DocumentContentType? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + prefix.count && Array(b[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        return nil
    }

    /// The Content-Security-Policy of an inline view: nothing may run or
    /// load (`default-src 'none'`, no script source at all), the view may
    /// not be framed or post a form, and images are sandboxed (an opaque
    /// origin, no scripts). Inline styles only for the browser's own image
    /// and PDF viewer pages (there is no HTML of ours or of the document's).
    /// PDFs are not sandboxed: Chromium and Firefox do not start their PDF
    /// viewers in sandboxed frames, and WebKit shows a blank page for a PDF
    /// served with `sandbox` (Chromium 156 shows a top-level one either way,
    /// checked). Their viewers run a PDF in a context of their own, never
    /// as a page of this origin, and the type is decided here, so no
    /// document reaches the browser as HTML or SVG.
    var contentSecurityPolicy: String {
        let base = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
        return self == .pdf ? base : base + "; sandbox"
    }
}
