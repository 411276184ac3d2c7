import CaseVault
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Documents: the list, adding one (its file streamed into the vault as it
/// is uploaded), one document's page, viewing it in the browser,
/// downloading, verifying and removing it.
///
/// Documents are addressed by their full id (32 hex digits), which is
/// random and names nothing of their contents. Nothing of a document is
/// written to disk in plaintext: an upload goes from the request body
/// through memory into the encrypting add; a view or download is decrypted
/// chunk by chunk into the response.
extension AppRoutes {
    func registerDocuments(on router: Router<AppContext>) {
        router.get("/documents") { _, _ -> Response in
            let docs = try await session.withVault { vault in try vault.existingDocuments()?.list() ?? [] }
            let today = CalendarDay.today()
            return views.response("documents", page(AppLanguage.text("app.nav.documents"), section: "documents"), [
                "docs": docs.map { DocumentPages.model($0, today: today) }, "hasDocs": !docs.isEmpty,
                "countText": DocumentPages.countText(docs.count),
            ])
        }

        router.get("/documents/add") { _, _ -> Response in
            views.response("document-add", page(DocumentPages.t("add"), section: "documents"), [
                "types": DocumentPages.typeChoices(),
                "expiresHint": DocumentPages.t("expires_hint", ["days": "\(DocumentPages.renewalWarningDays)"]),
            ])
        }

        router.post("/documents/add") { request, _ -> Response in
            let doc = try await receiveUpload(request)
            return AppResponses.seeOther("/documents/\(doc.idHex)")
        }

        router.get("/documents/:id/edit") { _, context -> Response in
            let id = try Self.documentID(context)
            let doc = try await session.withVault { vault in try Self.find(id, in: vault).1 }
            return editPage(doc, typed: nil, problem: nil)
        }

        router.post("/documents/:id/edit") { request, context -> Response in
            let id = try Self.documentID(context)
            let form = try await FormFields.read(request, context: context)
            do {
                let edit = try Self.documentEdit(form)
                try await session.withVault { vault in
                    let (store, doc) = try Self.find(id, in: vault)
                    try store.edit(doc, edit)
                }
                return AppResponses.seeOther("/documents/\(id)?changed=1")
            } catch {
                guard let problem = FormProblem.from(error) else { throw error }
                let doc = try await session.withVault { vault in try Self.find(id, in: vault).1 }
                return editPage(doc, typed: form, problem: problem, status: AppError(error).status)
            }
        }

        router.get("/documents/:id") { request, context -> Response in
            let id = try Self.documentID(context)
            let (doc, viewable) = try await session.withVault { vault -> (Document, Bool) in
                let (store, doc) = try Self.find(id, in: vault)
                return (doc, try Self.inlineType(of: doc, in: store) != nil)
            }
            var model = DocumentPages.model(doc)
            model["viewable"] = viewable
            model["changed"] = request.uri.queryParameters.get("changed") == "1"
            return views.response("document", page(doc.metadata.label, section: "documents"), ["doc": model])
        }

        router.get("/documents/:id/view") { _, context -> Response in
            try await send(try Self.documentID(context), inline: true)
        }

        router.get("/documents/:id/download") { _, context -> Response in
            try await send(try Self.documentID(context), inline: false)
        }

        router.post("/documents/:id/verify") { _, context -> Response in
            let id = try Self.documentID(context)
            let (doc, failure) = try await session.withVault { vault -> (Document, AppError?) in
                let (store, doc) = try Self.find(id, in: vault)
                do {
                    try store.verify(doc)
                    return (doc, nil)
                } catch let e as CaseVaultError where e.kind == .integrity {
                    return (doc, AppError(e))
                }
            }
            let title = DocumentPages.t("verify_title", ["label": doc.metadata.label])
            var model: [String: Any] = ["id": doc.idHex, "label": doc.metadata.label, "title": title, "ok": failure == nil]
            if let failure {
                model["message"] = failure.message
                model["advice"] = failure.advice
            }
            return views.response("document-verified", page(title, section: "documents"), model,
                                  status: failure == nil ? .ok : .internalServerError)
        }

        router.get("/documents/:id/remove") { _, context -> Response in
            let id = try Self.documentID(context)
            let doc = try await session.withVault { vault in try Self.find(id, in: vault).1 }
            let title = DocumentPages.t("remove_title", ["label": doc.metadata.label])
            return views.response("document-remove", page(title, section: "documents"),
                                  ["id": doc.idHex, "label": doc.metadata.label, "title": title])
        }

        router.post("/documents/:id/remove") { _, context -> Response in
            let id = try Self.documentID(context)
            try await session.withVault { vault in
                let (store, doc) = try Self.find(id, in: vault)
                try store.remove(doc)
            }
            return AppResponses.seeOther("/documents")
        }
    }

    // MARK: - Finding a document

    /// The `:id` of the path: a full document id, else "not found".
    static func documentID(_ context: AppContext) throws -> String {
        guard let id = context.parameters.get("id"), id.utf8.count == 32,
              id.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw AppError.notFound
        }
        return id
    }

    /// The store and the document with id `id` (on the vault's queue).
    static func find(_ id: String, in vault: Vault) throws -> (DocumentStore, Document) {
        guard let store = try vault.existingDocuments(), let doc = try store.list().first(where: { $0.idHex == id }) else {
            throw AppError.notFound
        }
        return (store, doc)
    }

    /// How `doc` would be shown (its first bytes decrypted and checked), nil
    /// for download only.
    static func inlineType(of doc: Document, in store: DocumentStore) throws -> DocumentContentType? {
        let stream = try store.stream(doc)
        defer { stream.cancel() }
        let first = try stream.next().map { Array($0.prefix(DocumentContentType.sniffBytes)) } ?? []
        return DocumentContentType.inline(fileName: doc.metadata.fileName, firstBytes: first)
    }

    // MARK: - Sending a document

    /// The document streamed as the response: inline when `inline` and its
    /// name and first bytes say it is one of the types a browser shows
    /// without running anything of it, else as a download.
    ///
    /// The first chunk is decrypted before the headers are sent, to decide
    /// the type from the bytes; the rest follows chunk by chunk, each
    /// authenticated before it is sent. A damaged chunk after the headers
    /// makes the body throw, and the server closes the connection: the
    /// browser sees a transfer cut short, never a complete-looking file.
    func send(_ id: String, inline: Bool) async throws -> Response {
        let (doc, stream) = try await session.withVault { vault -> (Document, DocumentStream) in
            let (store, doc) = try Self.find(id, in: vault)
            return (doc, try store.stream(doc))
        }
        let reader = DocumentChunkReader(stream)
        let first: ByteBuffer?
        do {
            first = try await reader.next()
        } catch {
            await reader.cancel()
            throw error
        }
        let sniffed = first.map { Array($0.readableBytesView.prefix(DocumentContentType.sniffBytes)) } ?? []
        var headers = HTTPFields()
        if inline, let type = DocumentContentType.inline(fileName: doc.metadata.fileName, firstBytes: sniffed) {
            headers[.contentType] = type.rawValue
            headers[.contentDisposition] = Self.contentDisposition("inline", fileName: doc.metadata.fileName)
            headers[.contentSecurityPolicy] = type.contentSecurityPolicy
        } else {
            // Saved, never rendered: no type a browser would interpret.
            headers[.contentType] = "application/octet-stream"
            headers[.contentDisposition] = Self.contentDisposition("attachment", fileName: doc.metadata.fileName)
            headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'; sandbox"
        }
        headers[.cacheControl] = "no-store"
        let body = ResponseBody(contentLength: Int(doc.metadata.size)) { writer in
            do {
                if let first { try await writer.write(first) }
                while let next = try await reader.next() {
                    try await writer.write(next)
                }
            } catch {
                // A damaged chunk, or the browser went away: stop decrypting.
                await reader.cancel()
                throw error
            }
            await reader.cancel()
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// `inline` or `attachment` with the document's name made safe: a
    /// portable file name (no path, control or bidi character), in ASCII
    /// for old browsers and in UTF-8 (RFC 6266, 8187) for the rest.
    static func contentDisposition(_ kind: String, fileName: String) -> String {
        let safe = PortableFileName.sanitised(fileName).value
        let ascii = String(String.UnicodeScalarView(safe.unicodeScalars.map { s in
            s.isASCII && s.value >= 0x20 && s.value != 0x7F && s != "\"" && s != "\\" && s != "%" ? s : "_"
        }))
        var attrChar = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        attrChar.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = safe.addingPercentEncoding(withAllowedCharacters: attrChar) ?? ascii
        return "\(kind); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    // MARK: - Receiving an upload

    /// Reads the upload form and adds its file to the vault while it
    /// arrives: the add starts when the file's part begins (the other
    /// fields came before it) and runs on the vault's queue, reading from
    /// the library's upload pipe, which this handler fills with each piece
    /// of the body as it is received. A write suspends while the pipe is
    /// full, so the handler stops reading the request (and the browser
    /// waits) while the add is behind: memory stays a few MiB.
    ///
    /// Only a form that arrived whole is finished; a body cut off, a
    /// malformed form, or any failure aborts the upload, and the add then
    /// stores nothing and removes its temporary file.
    func receiveUpload(_ request: Request) async throws -> Document {
        guard let boundary = MultipartHeaders.boundary(contentType: request.headers[.contentType]) else {
            throw AppError.badRequest(DocumentPages.t("bad_format"))
        }
        let form = MultipartStream(boundary: boundary, fileField: "file")
        var upload: DocumentUpload?
        var adding: Task<Document, Error>?
        do {
            for try await buffer in request.body {
                let pieces = try form.parse(buffer)
                if upload == nil, form.fileStarted {
                    guard let fileName = form.fileName else {
                        throw AppError.invalid(DocumentPages.t("choose_file"))
                    }
                    let options = try Self.newDocument(form.fields)
                    let (writer, source) = DocumentUpload.pipe()
                    upload = writer
                    let session = self.session
                    adding = Task {
                        try await session.withVault { vault in
                            try vault.documents().add(from: source, fileName: fileName, options)
                        }
                    }
                }
                for piece in pieces {
                    try await upload?.write(contentsOf: piece.readableBytesView)
                }
            }
            guard let upload, let adding else {
                throw AppError.invalid(DocumentPages.t("choose_file"))
            }
            guard form.isComplete else {
                throw AppError.badRequest(DocumentPages.t("cut_off"))
            }
            upload.finish()
            return try await adding.value
        } catch {
            upload?.abort()
            // The add's own failure (a label taken, a full disk) says more
            // than the write it stopped; a failure the abort caused does not.
            if case .failure(let addError)? = await adding?.result, !Self.isCutOff(addError) {
                throw addError
            }
            throw error
        }
    }

    /// Whether `error` is the add's answer to an aborted upload.
    private static func isCutOff(_ error: Error) -> Bool {
        if case CaseVaultError.invalidInput(field: "document upload", _, _, _)? = error as? CaseVaultError { return true }
        return false
    }

    /// The new document's options from the form's fields.
    /// The edit form's fields as a change of every field it shows: an
    /// empty date or note takes it away.
    static func documentEdit(_ form: FormFields) throws -> DocumentStore.DocumentEdit {
        var edit = DocumentStore.DocumentEdit()
        guard let raw = form["type"], let type = DocumentType(rawValue: raw) else {
            throw AppError.invalid(DocumentPages.t("choose_type"))
        }
        edit.type = type
        edit.label = try form.required("label", label: DocumentPages.t("edit_label"))
        if let e = form["expires"] {
            do {
                edit.expires = .some(try CalendarDay(parsing: e))
            } catch {
                throw AppError.invalid(DocumentPages.t("bad_date"))
            }
        } else {
            edit.expires = .some(nil)
        }
        // A textarea's line breaks arrive as CRLF; the vault keeps LF.
        let note = form.raw("note")?.replacingOccurrences(of: "\r\n", with: "\n")
        edit.note = .some(note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 })
        return edit
    }

    /// The edit form, filled from the document or from what was typed.
    func editPage(_ doc: Document, typed: FormFields?, problem: FormProblem?, status: HTTPResponse.Status = .ok) -> Response {
        let m = doc.metadata
        let title = DocumentPages.t("edit_title", ["label": m.label])
        let type = typed?["type"].flatMap(DocumentType.init(rawValue:)) ?? m.type
        var model: [String: Any] = [
            "id": doc.idHex, "title": title, "types": DocumentPages.typeChoices(selected: type),
            "label": typed.map { $0.raw("label") ?? "" } ?? m.label,
            "expires": typed.map { $0.raw("expires") ?? "" } ?? (m.expires?.description ?? ""),
            "note": typed.map { $0.raw("note") ?? "" } ?? (m.note ?? ""),
        ]
        if let problem { model["problem"] = problem.model }
        return views.response("document-edit", page(title, section: "documents"), model, status: status)
    }

    static func newDocument(_ fields: [String: String]) throws -> DocumentStore.NewDocument {
        func trimmed(_ name: String) -> String? {
            guard let v = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }
        var options = DocumentStore.NewDocument()
        if let t = trimmed("type") {
            guard let type = DocumentType(rawValue: t) else {
                throw AppError.invalid(DocumentPages.t("choose_type"))
            }
            options.type = type
        }
        options.label = trimmed("label")
        if let e = trimmed("expires") {
            do {
                options.expires = try CalendarDay(parsing: e)
            } catch {
                throw AppError.invalid(DocumentPages.t("bad_date"))
            }
        }
        // A textarea's line breaks arrive as CRLF; the vault keeps LF.
        if let note = fields["note"]?.replacingOccurrences(of: "\r\n", with: "\n"), !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            options.note = note
        }
        return options
    }
}
