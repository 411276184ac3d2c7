import Foundation
import Hummingbird
import NIOCore

/// Reads a `multipart/form-data` request body as it arrives and hands the
/// bytes of one file field to a sink, a batch at a time.
///
/// Nothing is collected whole: memory stays at about one batch (`batch`
/// bytes) whatever the file's size. Other fields are read up to a small
/// limit each and returned as text; a form with anything unexpected (a
/// second file field, a field over its limit, too many fields, headers
/// that never end) is refused, and so is a body that stops before its last
/// boundary.
///
/// For content that is not secret as it arrives (a backup file is age
/// ciphertext from its first byte): the bytes pass through ordinary
/// buffers. Forms with secrets in them go through FormFields or
/// MultipartForm, which keep them in secure memory.
///
/// The boundary is looked for with Foundation's `Data.range(of:)`, not a
/// loop over bytes here: a debug build's byte loop took over a minute for
/// 96 MiB (MultipartKit's parser does one callback per run of bytes
/// between carriage returns, a few hundred bytes in random data).
struct MultipartStream {
    /// The field whose contents go to the sink.
    let fileField: String
    /// Bytes handed to the sink at a time (the last batch may be smaller).
    var batch = 1 << 20
    /// The most bytes of any other field, of one part's headers, and the most parts.
    var fieldLimit = 4096
    var headerLimit = 16 * 1024
    var maxParts = 16

    /// What was read beside the file.
    struct Result: Sendable {
        /// The file name the browser sent (only for display), if any.
        let fileName: String?
        /// Bytes of the file.
        let fileSize: Int64
        /// Plain fields, as text.
        let fields: [String: String]
    }

    /// Streams the body of `request`; `sink` gets the file's bytes in order.
    func read(_ request: Request, sink: ([UInt8]) async throws -> Void) async throws -> Result {
        guard let boundary = Self.boundary(request.headers[.contentType] ?? "") else {
            throw AppError.badRequest("The file was sent in an unexpected format. Reload the page and choose the file again.")
        }
        let parser = Parser(self, boundary: boundary)
        for try await chunk in request.body {
            try chunk.withUnsafeReadableBytes { try parser.feed($0) }
            while parser.pending.count >= batch {
                let next = Array(parser.pending.prefix(batch))
                parser.pending.removeFirst(batch)
                try await sink(next)
            }
        }
        guard parser.finished else {
            throw AppError.badRequest("The upload stopped before the end of the file. Nothing was kept: choose the file and send it again.")
        }
        if !parser.pending.isEmpty {
            try await sink(parser.pending)
            parser.pending = []
        }
        return Result(fileName: parser.fileName, fileSize: parser.fileSize, fields: parser.fields)
    }

    /// The boundary of a `multipart/form-data` content type, unquoted.
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for p in parts.dropFirst() where p.lowercased().hasPrefix("boundary=") {
            var b = String(p.dropFirst("boundary=".count))
            if b.hasPrefix("\""), b.hasSuffix("\""), b.count >= 2 { b = String(b.dropFirst().dropLast()) }
            // RFC 2046: 1 to 70 characters.
            return (1...70).contains(b.utf8.count) ? b : nil
        }
        return nil
    }

    /// The `name` and `filename` of a part's headers (Content-Disposition,
    /// quoted or not; browsers escape quotes and line breaks in both).
    static func disposition(_ headers: String) -> (name: String?, fileName: String?) {
        for line in headers.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            let p = MultipartForm.Disposition.parameters(String(line[line.index(after: colon)...]))
            return (p["name"], p["filename"])
        }
        return (nil, nil)
    }

    /// The parser's state for one request (one task: not shared). The
    /// file's bytes collect in `pending` for the caller to take.
    final class Parser {
        enum Phase { case preamble, headers, body, afterDelimiter, done }

        let limits: MultipartStream
        /// `--BOUNDARY` (the first), and `CRLF--BOUNDARY` (every later one).
        let first: Data
        let delimiter: Data
        private var window = Data()
        private var phase = Phase.preamble

        var pending: [UInt8] = []
        var fileName: String?
        var fileSize: Int64 = 0
        var fields: [String: String] = [:]
        var finished: Bool { phase == .done && sawFile }

        private var isFile = false
        private var sawFile = false
        private var partName: String?
        private var fieldBytes = Data()
        private var parts = 0

        init(_ limits: MultipartStream, boundary: String) {
            self.limits = limits
            first = Data(("--" + boundary).utf8)
            delimiter = Data(("\r\n--" + boundary).utf8)
        }

        /// Takes the next bytes of the body, wherever they split it.
        func feed(_ bytes: UnsafeRawBufferPointer) throws {
            window.append(contentsOf: bytes)
            try advance()
        }

        /// Consumes what the window holds, as far as it can.
        private func advance() throws {
            while true {
                switch phase {
                case .preamble:
                    // Browsers send no preamble; one before the first boundary is skipped.
                    if window.starts(with: first) {
                        window.removeSubrange(window.startIndex..<window.startIndex + first.count)
                    } else if let r = window.range(of: delimiter) {
                        window.removeSubrange(window.startIndex..<r.upperBound)
                    } else {
                        guard window.count < limits.headerLimit else { throw damaged }
                        return
                    }
                    phase = .afterDelimiter
                case .afterDelimiter:
                    guard window.count >= 2 else { return }
                    let two = window.prefix(2)
                    window.removeSubrange(window.startIndex..<window.startIndex + 2)
                    if two == Data("--".utf8) { phase = .done; window.removeAll(); return }
                    guard two == Data("\r\n".utf8) else { throw damaged }
                    phase = .headers
                case .headers:
                    guard let end = window.range(of: Data("\r\n\r\n".utf8)) else {
                        guard window.count < limits.headerLimit else { throw damaged }
                        return
                    }
                    try startPart(String(decoding: window[window.startIndex..<end.lowerBound], as: UTF8.self))
                    window.removeSubrange(window.startIndex..<end.upperBound)
                    phase = .body
                case .body:
                    if let r = window.range(of: delimiter) {
                        try take(window[window.startIndex..<r.lowerBound])
                        window.removeSubrange(window.startIndex..<r.upperBound)
                        endPart()
                        phase = .afterDelimiter
                    } else {
                        // All but a tail that may be the start of the delimiter.
                        let keep = delimiter.count - 1
                        guard window.count > keep else { return }
                        let cut = window.endIndex - keep
                        try take(window[window.startIndex..<cut])
                        window.removeSubrange(window.startIndex..<cut)
                        return
                    }
                case .done:
                    window.removeAll()  // an epilogue: ignored
                    return
                }
            }
        }

        private var damaged: AppError {
            AppError.badRequest("The upload is damaged (it is not a well-formed form). Reload the page and try again.")
        }

        private func startPart(_ headers: String) throws {
            parts += 1
            guard parts <= limits.maxParts else {
                throw AppError.badRequest("The form has too many fields. Reload the page and try again.")
            }
            let d = MultipartStream.disposition(headers)
            guard let name = d.name else { throw damaged }
            partName = name
            isFile = name == limits.fileField
            if isFile {
                guard !sawFile else { throw AppError.badRequest("The form holds two files. Choose one file and send it again.") }
                sawFile = true
                fileName = d.fileName.flatMap { $0.isEmpty ? nil : $0 }
            }
        }

        private func take(_ bytes: Data) throws {
            guard !bytes.isEmpty else { return }
            if isFile {
                bytes.withUnsafeBytes { pending.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self)) }
                fileSize += Int64(bytes.count)
            } else {
                fieldBytes.append(bytes)
                guard fieldBytes.count <= limits.fieldLimit else {
                    throw AppError.badRequest("A field of the form is too long. Reload the page and try again.")
                }
            }
        }

        private func endPart() {
            if !isFile, let name = partName {
                fields[name] = String(decoding: fieldBytes, as: UTF8.self)
            }
            fieldBytes = Data()
            partName = nil
            isFile = false
        }
    }
}
