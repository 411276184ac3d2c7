import Foundation

/// Reads a tar archive as a stream of entries, pulling bytes from `source`
/// (an age payload, one authenticated chunk at a time).
///
/// It refuses instead of skipping anything that could write outside a
/// target directory or is not plain data: absolute paths and `..` (TarPath),
/// hard and symbolic links, character and block devices, FIFOs, and types it
/// does not know. Names come from pax `path=` records, GNU long names, or
/// ustar prefix + name. Extended headers are bounded (64 KiB), so a hostile
/// archive cannot make the reader buffer without limit.
package final class TarReader {
    package struct Entry {
        /// Checked path components (TarPath).
        package let components: [String]
        package let size: Int64
        package let isDirectory: Bool
        package var path: String { components.joined(separator: "/") }
    }

    package static let maxExtendedHeader = 64 << 10
    private let source: () throws -> (bytes: [UInt8], damaged: Bool)?
    private var buffer: [UInt8] = []
    private var position = 0
    private var sourceDone = false
    private var remaining: Int64 = 0      // data bytes left in the current entry
    private var padding = 0               // padding after the current entry
    private(set) var ended = false
    /// Stream offset of `buffer[0]`, and the stream ranges the source marked
    /// damaged (placeholders for chunks that failed authentication).
    private var bufferStart: Int64 = 0
    private var damaged: [Range<Int64>] = []
    /// Whether data of the current entry came from a damaged range: the
    /// caller must discard the entry. Headers never do: a damaged range over
    /// any header or extended header is refused, since nothing after it
    /// could be trusted to be where it seems.
    private(set) var entryDamaged = false

    package init(source: @escaping () throws -> [UInt8]?) {
        self.source = { try source().map { ($0, false) } }
    }

    /// Reads `bytes` from memory, handed over `chunk` bytes at a time (all
    /// at once by default: the slices `read` returns then index `bytes`).
    package convenience init(bytes: [UInt8], chunk: Int? = nil) {
        var offset = 0
        let size = max(1, chunk ?? bytes.count)
        self.init(source: {
            guard offset < bytes.count else { return nil }
            let end = min(offset + size, bytes.count)
            defer { offset = end }
            return Array(bytes[offset..<end])
        })
    }

    /// A source that marks damaged chunks (`AgeReader.nextChunk` with
    /// `tolerateDamagedChunks`, for a backup restore).
    package init(chunks: @escaping () throws -> (bytes: [UInt8], damaged: Bool)?) {
        self.source = chunks
    }

    /// The next entry (after skipping what is left of the current one), or nil at the end marker.
    package func next() throws -> Entry? {
        guard !ended else { return nil }
        while remaining > 0 { _ = try read(max: 1 << 20) }
        try skip(padding)
        padding = 0
        entryDamaged = false
        var paxPath: [UInt8]? = nil
        var paxSize: Int64? = nil
        var longName: [UInt8]? = nil
        while true {
            guard let block = try take(TarHeader.blockSize) else {
                throw TarError.malformed("the archive ends without its end marker (cut short?)")
            }
            if block.allSatisfy({ $0 == 0 }) {
                ended = true
                return nil
            }
            try checkChecksum(block)
            let type = block[156]
            let declared = try TarHeader.number(block[124..<136])
            switch type {
            case 0x78, 0x4c:   // 'x' pax extended header, 'L' GNU long name: for the next entry
                guard declared <= Int64(Self.maxExtendedHeader) else { throw TarError.malformed("an extended header is larger than 64 KiB") }
                let data = try readSmall(Int(declared))
                if type == 0x78 {
                    let records = try TarHeader.parsePax(data)
                    if let p = records["path"] { paxPath = Array(p.utf8) }
                    if let s = records["size"] {
                        guard let n = Int64(s), n >= 0 else { throw TarError.malformed("a pax size is not a number") }
                        paxSize = n
                    }
                    if records["linkpath"] != nil { throw TarError.unsafeEntry("a link (pax linkpath)") }
                } else {
                    longName = TarHeader.string(data[...])
                }
                continue
            case 0x67:         // 'g' pax global header: nothing in it is used; skip
                guard declared <= Int64(Self.maxExtendedHeader) else { throw TarError.malformed("an extended header is larger than 64 KiB") }
                _ = try readSmall(Int(declared))
                continue
            default:
                break
            }
            let name: [UInt8]
            if let paxPath { name = paxPath } else if let longName { name = longName } else {
                let prefix = TarHeader.string(block[345..<500])
                let base = TarHeader.string(block[0..<100])
                let ustar = Array(block[257..<262]) == Array("ustar".utf8)
                name = ustar && !prefix.isEmpty ? prefix + [0x2f] + base : base
            }
            let shown = String(decoding: name.prefix(120), as: UTF8.self)
            switch type {
            case 0x30, 0x00, 0x37: break              // regular file ('0', old '\0', contiguous '7')
            case 0x35: break                          // directory
            case 0x31: throw TarError.unsafeEntry("hard link '\(shown)'")
            case 0x32: throw TarError.unsafeEntry("symbolic link '\(shown)'")
            case 0x33, 0x34: throw TarError.unsafeEntry("device file '\(shown)'")
            case 0x36: throw TarError.unsafeEntry("FIFO '\(shown)'")
            default: throw TarError.unsafeEntry("entry '\(shown)' of unsupported type \(String(UnicodeScalar(type)))")
            }
            let components = try TarPath.components(name)
            let size = paxSize ?? declared
            guard size >= 0 else { throw TarError.malformed("a negative entry size") }
            let isDirectory = type == 0x35
            remaining = isDirectory ? 0 : size
            let dataBytes = isDirectory ? 0 : size
            padding = Int((Int64(TarHeader.blockSize) - dataBytes % Int64(TarHeader.blockSize)) % Int64(TarHeader.blockSize))
            // A directory has no data (POSIX, and every tar writer); one that
            // declares some would leave the reader out of step with the blocks.
            guard !isDirectory || size == 0 else { throw TarError.malformed("a directory entry declares data") }
            return Entry(components: components, size: size, isDirectory: isDirectory)
        }
    }

    /// Up to `max` bytes of the current entry's data; nil when it is all read.
    package func read(max: Int) throws -> ArraySlice<UInt8>? {
        guard remaining > 0 else { return nil }
        if position == buffer.count {
            guard try fill() else { throw TarError.malformed("the archive ends inside an entry (cut short?)") }
        }
        let n = Int(min(Int64(min(max, buffer.count - position)), remaining))
        if isDamaged(position, n) { entryDamaged = true }
        let out = buffer[position..<position + n]
        position += n
        remaining -= Int64(n)
        return out
    }

    /// Reads the source to its end (after the end marker), so the whole
    /// encrypted stream is authenticated; anything but zeros after the end
    /// marker is refused.
    package func drainToEnd() throws {
        while true {
            if position < buffer.count {
                guard buffer[position...].allSatisfy({ $0 == 0 }) else {
                    throw TarError.malformed("data after the end of the archive")
                }
                position = buffer.count
            }
            guard try fill() else { return }
        }
    }

    // MARK: - Buffering

    private func fill() throws -> Bool {
        if sourceDone { return false }
        guard let (chunk, isDamaged) = try source() else {
            sourceDone = true
            return false
        }
        bufferStart += Int64(position)
        if position == buffer.count {
            buffer = chunk
            position = 0
        } else {
            buffer.removeSubrange(0..<position)
            position = 0
            buffer.append(contentsOf: chunk)
        }
        if isDamaged {
            let end = bufferStart + Int64(buffer.count)
            damaged.append(end - Int64(chunk.count)..<end)
        }
        damaged.removeAll { $0.upperBound <= bufferStart }
        return true
    }

    /// Whether `buffer[from..<from + count]` overlaps a damaged range.
    private func isDamaged(_ from: Int, _ count: Int) -> Bool {
        guard !damaged.isEmpty, count > 0 else { return false }
        let range = bufferStart + Int64(from)..<bufferStart + Int64(from + count)
        return damaged.contains { $0.overlaps(range) }
    }

    private func take(_ n: Int) throws -> [UInt8]? {
        while buffer.count - position < n {
            guard try fill() else { return nil }
        }
        if isDamaged(position, n) {
            throw TarError(.damagedStructure, "it is damaged where the archive's structure lies (an encrypted chunk failed authentication), so nothing after it can be read")
        }
        let out = Array(buffer[position..<position + n])
        position += n
        return out
    }

    /// Drops `n` bytes as they arrive. Never gathers them first: a directory
    /// entry may declare any size (up to 2^63 with base-256 or pax), and
    /// buffering its "data" would let a hostile archive make the reader hold
    /// as much memory as the file is long.
    private func skip(_ n: Int) throws {
        var left = n
        while left > 0 {
            if position == buffer.count {
                guard try fill() else { throw TarError.malformed("the archive ends inside an entry (cut short?)") }
            }
            let k = min(left, buffer.count - position)
            position += k
            left -= k
        }
    }

    private func readSmall(_ n: Int) throws -> [UInt8] {
        guard let data = try take(n) else { throw TarError.malformed("the archive ends inside an extended header") }
        let pad = (TarHeader.blockSize - n % TarHeader.blockSize) % TarHeader.blockSize
        try skip(pad)
        return data
    }

    private func checkChecksum(_ block: [UInt8]) throws {
        let stored = try TarHeader.number(block[148..<156])
        var sum = 0
        for (i, x) in block.enumerated() { sum += (148..<156).contains(i) ? 0x20 : Int(x) }
        guard Int64(sum) == stored else { throw TarError.malformed("a tar header checksum does not match (damaged archive)") }
    }
}
