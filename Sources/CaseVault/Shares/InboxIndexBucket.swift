import Foundation

/// The plaintext of one `inbox_index` row: the clients kept in that bucket,
/// in the compact binary form (CompactBinary.swift; docs/shares.md, "The
/// inbox index", has the layout):
///
///     "cvix" 0x01
///     text  ICU version the look-alike keys were made with
///     uvarint n, n × text         age recipients the shares were sent to
///     uvarint n, n × client:
///       text id, text name, u8 flags (1: pinned)
///       [pinned] text key, f64 pinned at
///       text look-alike key (exact), text look-alike key (folded)
///       uvarint n, n × text       signing keys of its shares
///       uvarint n, n × share:
///         text inbox id, text share id
///         text sender name ("" when it is the client's name)
///         uvarint signing key (index), uvarint recipient (index)
///         f64 created, f64 received
///         u8 flags (1: imported with an identity file, 2: flagged)
///         [flagged] text the pinned client it looks like
///         uvarint n, n × entry: u8 kind (0 codes, 1 document), [document] text name, uvarint size
///
/// Dates are Foundation's own (seconds since 2001-01-01 UTC, `Date`'s
/// stored value), so what is read is exactly what was in memory.
/// Sealed like every record (RecordCipher: padded to 256 bytes, bound to
/// vault, table and row id) under the shares subkey.
enum InboxIndexBucket {
    static let magic: [UInt8] = Array("cvix".utf8)
    static let version: UInt8 = 1

    /// What one bucket holds.
    struct Contents: Equatable {
        /// `LookalikeName.dataVersion` when the look-alike keys were made.
        var icuVersion: String
        var clients: [IndexedClient]
    }

    static func encode(_ contents: Contents) -> [UInt8] {
        var w = CompactWriter(capacity: 256 + contents.clients.reduce(0) { $0 + 200 + $1.shares.count * 120 })
        w.raw(magic)
        w.u8(version)
        w.text(contents.icuVersion)
        var recipients: [String] = []
        var recipientIndex: [String: Int] = [:]
        for c in contents.clients {
            for s in c.shares where recipientIndex[s.recipient] == nil {
                recipientIndex[s.recipient] = recipients.count
                recipients.append(s.recipient)
            }
        }
        w.uvarint(recipients.count)
        for r in recipients { w.text(r) }
        w.uvarint(contents.clients.count)
        for c in contents.clients {
            w.text(c.id)
            w.text(c.name)
            w.u8(c.pin == nil ? 0 : 1)
            if let pin = c.pin {
                w.text(pin.key)
                w.f64(pin.pinnedAt.timeIntervalSinceReferenceDate)
            }
            w.text(c.lookalike.exact)
            w.text(c.lookalike.folded)
            var keys: [String] = []
            for s in c.shares where !keys.contains(s.key) { keys.append(s.key) }
            w.uvarint(keys.count)
            for k in keys { w.text(k) }
            w.uvarint(c.shares.count)
            for s in c.shares {
                w.text(s.id)
                w.text(s.shareID)
                w.text(s.sender == c.name ? "" : s.sender)
                w.uvarint(keys.firstIndex(of: s.key)!)
                w.uvarint(recipientIndex[s.recipient]!)
                w.f64(s.created.timeIntervalSinceReferenceDate)
                w.f64(s.receivedAt.timeIntervalSinceReferenceDate)
                w.u8((s.identityFile ? 1 : 0) | (s.looksLike == nil ? 0 : 2))
                if let l = s.looksLike { w.text(l) }
                w.uvarint(s.entries.count)
                for e in s.entries {
                    w.u8(e.document == nil ? 0 : 1)
                    if let d = e.document { w.text(d) }
                    w.uvarint(Int(max(e.size, 0)))
                }
            }
        }
        return w.bytes
    }

    /// Reads a bucket written by `encode`; `bucket` is its row id. Throws
    /// `CompactReader.Malformed` for anything else.
    static func decode(_ bytes: [UInt8], bucket: String) throws -> Contents {
        var r = CompactReader(bytes)
        guard try r.raw(magic.count) == magic, try r.u8() == version else { throw CompactReader.Malformed() }
        let icu = try r.text()
        let recipients = try (0..<r.count()).map { _ in try r.text() }
        let clientCount = try r.count(minimumBytes: 8)
        var clients: [IndexedClient] = []
        clients.reserveCapacity(clientCount)
        for _ in 0..<clientCount {
            let id = try r.text()
            let name = try r.text()
            let flags = try r.u8()
            guard flags & ~1 == 0 else { throw CompactReader.Malformed() }
            let pin = flags & 1 == 0 ? nil : IndexedClient.Pin(key: try r.text(), pinnedAt: Date(timeIntervalSinceReferenceDate: try r.f64()))
            let lookalike = LookalikeName.Key(exact: try r.text(), folded: try r.text())
            let keys = try (0..<r.count()).map { _ in try r.text() }
            let n = try r.count(minimumBytes: 24)
            var shares: [IndexedClient.Share] = []
            shares.reserveCapacity(n)
            for _ in 0..<n {
                let shareID = try r.text(), other = try r.text()
                let sender = try r.text()
                let k = try r.uvarint(), to = try r.uvarint()
                guard k < keys.count, to < recipients.count else { throw CompactReader.Malformed() }
                let created = try r.f64(), received = try r.f64()
                let sflags = try r.u8()
                guard sflags & ~3 == 0 else { throw CompactReader.Malformed() }
                let looksLike = sflags & 2 == 0 ? nil : try r.text()
                let entries = try (0..<r.count(minimumBytes: 2)).map { _ -> IndexedClient.Entry in
                    let kind = try r.u8()
                    guard kind <= 1 else { throw CompactReader.Malformed() }
                    let document = kind == 1 ? try r.text() : nil
                    return IndexedClient.Entry(document: document, size: Int64(try r.uvarint()))
                }
                shares.append(IndexedClient.Share(id: shareID, shareID: other, sender: sender.isEmpty ? name : sender, key: keys[k],
                                                  recipient: recipients[to], created: Date(timeIntervalSinceReferenceDate: created),
                                                  receivedAt: Date(timeIntervalSinceReferenceDate: received), entries: entries,
                                                  looksLike: looksLike, identityFile: sflags & 1 != 0))
            }
            clients.append(IndexedClient(id: id, name: name, pin: pin, lookalike: lookalike, shares: shares, bucket: bucket))
        }
        guard r.atEnd else { throw CompactReader.Malformed() }
        return Contents(icuVersion: icu, clients: clients)
    }
}
