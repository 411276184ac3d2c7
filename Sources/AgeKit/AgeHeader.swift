import SodiumKit

/// The textual header of an age file: version line, stanzas, MAC.
struct AgeHeader {
    static let versionLine = "age-encryption.org/v1"
    static let versionPrefix = "age-encryption.org/"
    /// Bound on the whole header. Each stanza of the native types is about
    /// 100 bytes, so this admits thousands of recipients while keeping a
    /// hostile header from holding unbounded memory.
    static let maxBytes = 1 << 20
    static let bodyColumns = 64

    var stanzas: [AgeStanza]
    /// The 32-byte HMAC-SHA-256 from the `---` line.
    var mac: [UInt8]
    /// The bytes the MAC covers: everything up to and including `---`.
    var macInput: [UInt8]

    /// The header without its MAC, up to and including `---` (the MAC input).
    static func encodeWithoutMAC(_ stanzas: [AgeStanza]) -> [UInt8] {
        var out = Array((versionLine + "\n").utf8)
        for s in stanzas {
            out += Array("->".utf8)
            for a in [s.type] + s.arguments { out.append(0x20); out += Array(a.utf8) }
            out.append(0x0A)
            let b64 = Base64.encode(s.body)
            var i = 0
            // Full 64-column lines, then a final shorter (possibly empty) line.
            while b64.count - i >= bodyColumns {
                out += b64[i..<i + bodyColumns]; out.append(0x0A)
                i += bodyColumns
            }
            out += b64[i...]; out.append(0x0A)
        }
        out += Array("---".utf8)
        return out
    }

    /// The complete header for `stanzas`, MAC'd under the file key.
    static func encode(_ stanzas: [AgeStanza], fileKey: FileKey) throws -> [UInt8] {
        var out = encodeWithoutMAC(stanzas)
        let mac = try AgeKeys.headerMAC(fileKey: fileKey, header: out)
        out += Array(" ".utf8) + Base64.encode(mac) + [0x0A]
        return out
    }

    /// Parses a header from `input`, leaving the input at the first payload byte.
    static func parse(_ input: BufferedInput) throws -> AgeHeader {
        var consumed: [UInt8] = []
        func nextLine(_ what: String) throws -> [UInt8] {
            let budget = maxBytes - consumed.count
            let line: [UInt8]?
            do { line = try input.readLine(maxLength: budget) } catch is BufferedInput.LineTooLong {
                throw AgeError.malformedHeader("the header is longer than \(maxBytes) bytes")
            }
            guard let line else { throw AgeError.malformedHeader("the file ends inside the header (expected \(what))") }
            guard line.last == 0x0A else { throw AgeError.malformedHeader("the file ends inside the header (expected \(what))") }
            consumed += line
            return Array(line.dropLast())
        }

        // Version line.
        let first: [UInt8]
        do {
            guard let l = try input.readLine(maxLength: 256) else { throw AgeError.notAgeFile }
            first = l
        } catch is BufferedInput.LineTooLong {
            throw AgeError.notAgeFile
        }
        let prefix = Array(versionPrefix.utf8)
        guard first.starts(with: prefix) else { throw AgeError.notAgeFile }
        guard first.last == 0x0A else { throw AgeError.malformedHeader("the file ends inside the version line") }
        let version = first.dropFirst(prefix.count).dropLast()
        guard AgeStanza.isValidArgument(version) else {
            throw AgeError.malformedHeader("the version line is not plain text (CRLF line endings?)")
        }
        guard Array(first.dropLast()) == Array(versionLine.utf8) else {
            throw AgeError.unsupportedVersion(String(decoding: version.prefix(40), as: UTF8.self))
        }
        consumed += first

        var stanzas: [AgeStanza] = []
        while true {
            let line = try nextLine("a stanza or the MAC line")
            if line.starts(with: Array("---".utf8)) {
                guard !stanzas.isEmpty else { throw AgeError.malformedHeader("the header has no recipient stanza") }
                let macInput = Array(consumed[0..<(consumed.count - line.count - 1 + 3)])
                guard line.count == 4 + 43, line[3] == 0x20, let mac = Base64.decode(line[4...]), mac.count == 32 else {
                    throw AgeError.malformedHeader("the MAC line is not '--- ' and 43 base64 characters")
                }
                return AgeHeader(stanzas: stanzas, mac: mac, macInput: macInput)
            }
            guard line.starts(with: Array("-> ".utf8)) else {
                throw AgeError.malformedHeader("expected a stanza ('-> ') or the MAC line ('--- ')")
            }
            let args = line.dropFirst(3).split(separator: 0x20, omittingEmptySubsequences: false)
            guard !args.isEmpty, args.allSatisfy({ AgeStanza.isValidArgument($0) }) else {
                throw AgeError.malformedHeader("a stanza has an empty or non-printable argument")
            }
            var body: [UInt8] = []
            while true {
                let bodyLine = try nextLine("a stanza body line")
                guard bodyLine.count <= bodyColumns else { throw AgeError.malformedHeader("a stanza body line is longer than 64 columns") }
                guard let bytes = Base64.decode(bodyLine) else {
                    throw AgeError.malformedHeader("a stanza body is not canonical unpadded base64")
                }
                body += bytes
                if bodyLine.count < bodyColumns { break }
            }
            let strings = args.map { String(decoding: $0, as: UTF8.self) }
            stanzas.append(AgeStanza(type: strings[0], arguments: Array(strings.dropFirst()), body: body))
        }
    }
}
