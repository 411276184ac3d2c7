import SodiumKit

/// Encrypts a stream into an age file, incrementally and in flat memory.
///
///     let w = try AgeWriter(recipients: [r], output: FileDescriptorOutput(1))
///     try w.write(bytes)      // as often as needed
///     try w.finish()          // seals the final chunk (and closes the armor)
///
/// Plaintext is buffered up to one batch of 16 chunks (1 MiB), sealed on all
/// cores (unless `sealOnAllCores` is false). A full batch is sealed only
/// when more data arrives, because the last chunk must carry the final flag.
public final class AgeWriter {
    private let sink: AgeOutput
    private let armor: ArmorWriter?
    private let sealer: PayloadSealer
    /// Grow up to one batch as data arrives (a short message stays small).
    private var buffer: [UInt8] = []
    private var spare: [UInt8] = []
    private var fill = 0
    private var done = false

    /// Writes the header and payload nonce at once.
    ///
    /// `sealOnAllCores`: seal each batch's chunks in parallel (the default).
    /// A caller that already keeps another core busy feeding the writer
    /// (a share export decrypts documents on a thread of its own) passes
    /// false on a two-core machine: the extra sealing thread then only
    /// competes with the feeding one, and costs more CPU than it saves.
    public init(recipients: [AgeRecipient], output: AgeOutput, armor: Bool = false, sealOnAllCores: Bool = true) throws {
        guard !recipients.isEmpty else { throw AgeError.invalidArgument("no recipients to encrypt to") }
        // Every recipient must carry the same labels (age's rule): a classic
        // stanza beside a post-quantum one would let whoever breaks X25519
        // later open the file, so the mix is refused before any key is made.
        if let first = recipients.first?.labels, recipients.contains(where: { $0.labels != first }) {
            throw AgeError.mixedPostQuantumRecipients
        }
        let fileKey = try AgeKeys.newFileKey()
        var stanzas: [AgeStanza] = []
        for r in recipients { stanzas += try r.wrap(fileKey: fileKey) }
        if stanzas.contains(where: { $0.type == ScryptRecipient.stanzaType }) && stanzas.count > 1 {
            throw AgeError.invalidArgument("a passphrase cannot be combined with other recipients")
        }
        let header = try AgeHeader.encode(stanzas, fileKey: fileKey)
        let nonce = Random.bytes(AgeKeys.payloadNonceBytes)
        sealer = PayloadSealer(key: try AgeKeys.payloadKey(fileKey: fileKey, nonce: nonce), parallel: sealOnAllCores)
        if armor {
            let a = ArmorWriter(output)
            self.armor = a
            sink = a
        } else {
            self.armor = nil
            sink = output
        }
        try sink.write(header)
        try sink.write(nonce)
    }

    /// Adds plaintext.
    public func write(_ bytes: [UInt8]) throws { try write(bytes[...]) }

    /// Adds plaintext.
    public func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try write(raw: $0) }
    }

    /// Adds the used bytes of `chunk` (a document streamed from the store).
    public func write(_ chunk: ChunkBuffer) throws {
        try chunk.withUnsafeBytes { try write(raw: $0) }
    }

    /// Whole 64 KiB chunks are sealed straight from the caller's memory; only
    /// the bytes around them are copied into the batch buffer: the piece that
    /// completes a chunk begun by earlier writes, and the tail, which stays
    /// buffered because the stream's last chunk must carry the final flag and
    /// only a later write or `finish()` tells whether it is the last.
    private func write(raw: UnsafeRawBufferPointer) throws {
        guard !done else { throw AgeError.finished }
        let size = PayloadStream.chunkSize
        var offset = 0
        // Complete a chunk the buffer has begun.
        if fill % size != 0 {
            let n = min(raw.count, size - fill % size)
            copy(raw, from: offset, count: n)
            offset += n
        }
        guard offset < raw.count else { return }
        // More data follows, so everything buffered (whole chunks now) is not last.
        if fill > 0 {
            try sealer.seal(buffer, count: fill, final: false, to: sink)
            fill = 0
        }
        // Chunks followed by at least one more byte of `raw`, a batch at a time.
        while (raw.count - offset - 1) / size > 0 {
            let chunks = min(PayloadStream.batchChunks, (raw.count - offset - 1) / size)
            try sealer.seal(raw: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + chunks * size]),
                            count: chunks * size, final: false, to: sink)
            offset += chunks * size
        }
        copy(raw, from: offset, count: raw.count - offset)
    }

    /// Appends `raw[from..<from + count]` to the batch buffer (which has room:
    /// callers copy at most one chunk, or complete one, past whole chunks).
    private func copy(_ raw: UnsafeRawBufferPointer, from: Int, count: Int) {
        guard count > 0 else { return }
        precondition(fill + count <= PayloadStream.batchSize)
        Self.ensure(&buffer, fill + count)
        buffer.withUnsafeMutableBytes { dst in
            dst.baseAddress!.advanced(by: fill).copyMemory(from: raw.baseAddress!.advanced(by: from), byteCount: count)
        }
        fill += count
    }

    /// Reads `input` to its end and encrypts it, reading straight into the chunk buffer.
    public func write(from input: AgeInput) throws {
        guard !done else { throw AgeError.finished }
        Self.ensure(&buffer, PayloadStream.batchSize)
        Self.ensure(&spare, PayloadStream.batchSize)
        while true {
            if fill < PayloadStream.batchSize {
                let n = try input.read(into: &buffer, offset: fill, maxCount: PayloadStream.batchSize - fill)
                if n == 0 { return }
                fill += n
            } else {
                // Full batch: read ahead into the spare buffer to learn whether it ends the stream.
                let n = try input.read(into: &spare, offset: 0, maxCount: PayloadStream.batchSize)
                if n == 0 { return }
                try sealer.seal(buffer, count: fill, final: false, to: sink)
                swap(&buffer, &spare)
                fill = n
            }
        }
    }

    /// Grows `array` with zeros to at least `count` bytes (geometrically, up to a batch).
    private static func ensure(_ array: inout [UInt8], _ count: Int) {
        guard array.count < count else { return }
        let target = min(PayloadStream.batchSize, max(count, array.count * 2))
        array += [UInt8](repeating: 0, count: target - array.count)
    }

    /// Seals the final chunk and ends the armor. The writer cannot be used after.
    public func finish() throws {
        guard !done else { throw AgeError.finished }
        done = true
        try sealer.seal(buffer, count: fill, final: true, to: sink)
        try armor?.finish()
        PayloadStream.wipe(&buffer)
        PayloadStream.wipe(&spare)
    }
}
