import Foundation
import Hummingbird
import SodiumKit

/// The fields of a posted `application/x-www-form-urlencoded` form.
///
/// Secret fields (passphrases, codes, recovery keys) are decoded straight
/// into SecureBytes, and the plain buffers they passed through are wiped:
/// they never become Swift Strings. Other fields are Strings. The body is
/// capped (`limit`): a form is small, and a huge one is refused, not buffered.
struct FormFields: Sendable {
    private var plain: [String: String] = [:]
    /// Every value of each plain field, in order (checkboxes sharing a name).
    private var lists: [String: [String]] = [:]
    private var secrets: [String: SecureBytes] = [:]

    static let defaultLimit = 256 * 1024

    /// Reads and parses the request body. `secretNames` are the fields to keep
    /// in secure memory only.
    static func read(_ request: Request, context: AppContext, secretNames: Set<String> = [], limit: Int = defaultLimit) async throws -> FormFields {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw AppError.badRequest(AppLanguage.text("app.form.unexpected_format"))
        }
        var buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw AppError.badRequest(AppLanguage.text("app.form.too_large", ["kib": "\(limit / 1024)"]))
        }
        var bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        defer { Bytes.wipe(&bytes) }
        return try parse(bytes, secretNames: secretNames)
    }

    static func parse(_ body: [UInt8], secretNames: Set<String>) throws -> FormFields {
        var fields = FormFields()
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard var nameBytes = percentDecode(parts[0]) else { throw AppError.badRequest(AppLanguage.text("app.form.damaged")) }
            let name = String(decoding: nameBytes, as: UTF8.self)
            Bytes.wipe(&nameBytes)
            guard var value = percentDecode(parts.count > 1 ? parts[1] : []) else {
                throw AppError.badRequest(AppLanguage.text("app.form.damaged"))
            }
            defer { Bytes.wipe(&value) }
            if secretNames.contains(name) {
                fields.secrets[name] = try SecureBytes(copying: value)
            } else {
                guard let text = String(validating: value, as: UTF8.self) else {
                    throw AppError.badRequest(AppLanguage.text("app.form.not_text"))
                }
                fields.plain[name] = text
                fields.lists[name, default: []].append(text)
            }
        }
        return fields
    }

    /// `+` is a space; `%XX` a byte. Nil for a malformed escape.
    private static func percentDecode(_ s: some Collection<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = s.startIndex
        while i != s.endIndex {
            let c = s[i]
            if c == UInt8(ascii: "+") { out.append(0x20); i = s.index(after: i); continue }
            if c == UInt8(ascii: "%") {
                let h = s.index(after: i)
                guard h != s.endIndex else { Bytes.wipe(&out); return nil }
                let l = s.index(after: h)
                guard l != s.endIndex, let hi = hexValue(s[h]), let lo = hexValue(s[l]) else { Bytes.wipe(&out); return nil }
                out.append(hi << 4 | lo)
                i = s.index(after: l)
                continue
            }
            out.append(c)
            i = s.index(after: i)
        }
        return out
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A plain field, trimmed of surrounding spaces; nil when absent or empty.
    subscript(_ name: String) -> String? {
        guard let v = plain[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        return v
    }

    /// A plain field exactly as typed (line breaks kept), nil when absent.
    func raw(_ name: String) -> String? { plain[name] }

    /// A required plain field: a page saying which one is missing otherwise.
    func required(_ name: String, label: String) throws -> String {
        guard let v = self[name] else { throw AppError.badRequest("\(label) is empty. Fill it in and try again.") }
        return v
    }

    /// A secret field (in secure memory), nil when absent or empty.
    func secret(_ name: String) -> SecureBytes? {
        guard let s = secrets[name], s.count > 0 else { return nil }
        return s
    }

    /// A checkbox: present and "on" (or any value) when ticked.
    func isChecked(_ name: String) -> Bool { plain[name] != nil }

    /// Every value sent under `name`, in order (the ticked boxes of a group
    /// of checkboxes sharing the name); empty when none.
    func values(_ name: String) -> [String] { lists[name] ?? [] }
}
