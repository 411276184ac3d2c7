import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// Reads a `multipart/form-data` request body as it arrives and hands the
/// bytes of one file field to a sink, a batch at a time.
///
/// Nothing is collected whole: memory stays at about one batch (`batch`
/// bytes) whatever the file's size. Other fields are read up to a small
/// limit each and returned as text; a form with anything unexpected (a
/// second file field, a field over its limit, too many fields) is refused.
///
/// For content that is not secret as it arrives (a backup file is age
/// ciphertext from its first byte): MultipartKit's parser copies runs of
/// the body into buffers it frees unwiped. Forms with secrets in them go
/// through FormFields or MultipartForm, which keep them in secure memory.
struct MultipartStream {
    /// The field whose contents go to the sink.
    let fileField: String
    /// Bytes handed to the sink at a time (the last batch may be smaller).
    var batch = 1 << 20
    /// The most bytes of any other field, and the most fields.
    var fieldLimit = 4096
    var maxFields = 16

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
        let parser = MultipartParser(boundary: boundary)
        let state = PartState(fileField: fileField, fieldLimit: fieldLimit, maxFields: maxFields)
        parser.onHeader = { name, value in state.header(name: name, value: value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.partComplete() }
        for try await chunk in request.body {
            do {
                try parser.execute(chunk)
            } catch {
                throw AppError.badRequest("The upload is damaged (it is not a well-formed form). Reload the page and try again.")
            }
            if let problem = state.problem { throw AppError.badRequest(problem) }
            while state.pending.count >= batch {
                let next = Array(state.pending.prefix(batch))
                state.pending.removeFirst(batch)
                try await sink(next)
            }
        }
        if let problem = state.problem { throw AppError.badRequest(problem) }
        guard state.fileComplete else {
            throw AppError.badRequest("The upload stopped before the end of the file. Nothing was kept: choose the file and send it again.")
        }
        if !state.pending.isEmpty {
            try await sink(state.pending)
            state.pending = []
        }
        return Result(fileName: state.fileName, fileSize: state.fileSize, fields: state.fields)
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

    /// `name` and `filename` of a Content-Disposition value (quoted or not).
    static func disposition(_ value: String) -> (name: String?, fileName: String?) {
        var name: String?, fileName: String?
        var rest = Substring(value)
        while let semi = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semi)...].drop { $0 == " " || $0 == "\t" }
            guard let eq = rest.firstIndex(of: "=") else { break }
            let key = rest[..<eq].lowercased()
            var after = rest[rest.index(after: eq)...]
            let text: Substring
            if after.first == "\"" {
                after = after.dropFirst()
                let end = after.firstIndex(of: "\"") ?? after.endIndex
                text = after[..<end]
                rest = end < after.endIndex ? after[after.index(after: end)...] : after[end...]
            } else {
                let end = after.firstIndex(of: ";") ?? after.endIndex
                text = after[..<end]
                rest = after[end...]
            }
            if key == "name" { name = String(text) } else if key == "filename" { fileName = String(text) }
        }
        return (name, fileName)
    }
}

/// The parser's callbacks' state (one request, one task: not shared).
private final class PartState {
    let fileField: String
    let fieldLimit: Int
    let maxFields: Int

    var pending: [UInt8] = []
    var fileName: String?
    var fileSize: Int64 = 0
    var fileComplete = false
    var fields: [String: String] = [:]
    var problem: String?

    private var partName: String?
    private var isFile = false
    private var seenFile = false
    private var fieldBytes: [UInt8] = []
    private var parts = 0

    init(fileField: String, fieldLimit: Int, maxFields: Int) {
        self.fileField = fileField
        self.fieldLimit = fieldLimit
        self.maxFields = maxFields
    }

    func header(name: String, value: String) {
        guard name.lowercased() == "content-disposition" else { return }
        let d = MultipartStream.disposition(value)
        partName = d.name
        isFile = d.name == fileField
        if isFile {
            if seenFile { problem = "The form holds two files. Choose one file and send it again." }
            seenFile = true
            fileName = d.fileName.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    func body(_ buffer: inout ByteBuffer) {
        if isFile {
            pending.append(contentsOf: buffer.readableBytesView)
            fileSize += Int64(buffer.readableBytes)
        } else {
            fieldBytes.append(contentsOf: buffer.readableBytesView)
            if fieldBytes.count > fieldLimit { problem = "A field of the form is too long. Reload the page and try again." }
        }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
    }

    func partComplete() {
        parts += 1
        if parts > maxFields { problem = "The form has too many fields. Reload the page and try again." }
        if isFile {
            fileComplete = true
        } else if let name = partName {
            fields[name] = String(decoding: fieldBytes, as: UTF8.self)
        }
        fieldBytes = []
        partName = nil
        isFile = false
    }
}
