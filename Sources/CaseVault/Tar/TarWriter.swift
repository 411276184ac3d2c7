import Foundation

/// Writes a tar archive as a stream: a header, then the entry's bytes as the
/// caller produces them, then padding. Nothing is buffered beyond one header,
/// so memory stays flat whatever the size of the files.
package final class TarWriter {
    private let sink: (ArraySlice<UInt8>) throws -> Void
    private var open: (declared: Int64, written: Int64)?
    private let mtime: Int64

    package init(mtime: Date = Date(), sink: @escaping (ArraySlice<UInt8>) throws -> Void) {
        self.sink = sink
        self.mtime = Int64(mtime.timeIntervalSince1970)
    }

    /// Starts a regular file (mode 0600) of exactly `size` bytes at `path`
    /// (components joined with `/`, no leading slash).
    package func beginFile(path: String, size: Int64) throws {
        precondition(open == nil, "previous entry not finished")
        try writeHeader(path: path, size: size, kind: .regular, mode: 0o600)
        open = (size, 0)
    }

    /// Adds bytes to the current file.
    package func write(_ bytes: ArraySlice<UInt8>) throws {
        guard let o = open, o.written + Int64(bytes.count) <= o.declared else {
            throw TarError(.wrongSize, "more bytes than the entry's declared size")
        }
        try sink(bytes)
        open = (o.declared, o.written + Int64(bytes.count))
    }

    /// Accounts for `n` bytes of the current file that the caller wrote to
    /// the sink itself (streamed straight into the age writer).
    package func wroteExternally(_ n: Int64) throws {
        guard let o = open, o.written + n <= o.declared else { throw TarError(.wrongSize, "more bytes than the entry's declared size") }
        open = (o.declared, o.written + n)
    }

    /// Ends the current file; its byte count must match what was declared.
    package func endFile() throws {
        guard let o = open, o.written == o.declared else {
            throw TarError(.wrongSize, "an entry ended before its declared size")
        }
        open = nil
        let rem = Int(o.declared % Int64(TarHeader.blockSize))
        if rem != 0 { try sink([UInt8](repeating: 0, count: TarHeader.blockSize - rem)[...]) }
    }

    /// A whole small file from memory.
    package func addFile(path: String, contents: [UInt8]) throws {
        try beginFile(path: path, size: Int64(contents.count))
        try write(contents[...])
        try endFile()
    }

    /// A directory entry (mode 0700).
    package func addDirectory(path: String) throws {
        try writeHeader(path: path.hasSuffix("/") ? path : path + "/", size: 0, kind: .directory, mode: 0o700)
    }

    /// The end-of-archive marker: two zero blocks.
    package func finish() throws {
        precondition(open == nil, "entry not finished")
        try sink([UInt8](repeating: 0, count: 2 * TarHeader.blockSize)[...])
    }

    private func writeHeader(path: String, size: Int64, kind: TarHeader.Kind, mode: Int) throws {
        let utf8 = Array(path.utf8)
        let ascii = utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f }
        var pax: [UInt8] = []
        if !ascii || utf8.count > 100 { pax += TarHeader.paxRecord("path", path) }
        if size > TarHeader.maxOctalSize { pax += TarHeader.paxRecord("size", String(size)) }
        var name = path
        if !pax.isEmpty {
            // A readable ASCII stand-in for readers without pax support.
            let fallback = String(path.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7f ? Character($0) : "_" })
            name = String(fallback.suffix(100))
            let h = TarHeader(name: "PaxHeaders/" + String(fallback.suffix(80)), mode: 0o600, size: Int64(pax.count), mtime: mtime, kind: .paxExtended)
            try sink(h.encode()[...])
            try sink(pax[...])
            let rem = pax.count % TarHeader.blockSize
            if rem != 0 { try sink([UInt8](repeating: 0, count: TarHeader.blockSize - rem)[...]) }
        }
        try sink(TarHeader(name: name, mode: mode, size: size, mtime: mtime, kind: kind).encode()[...])
    }
}
