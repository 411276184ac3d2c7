import SodiumKit

/// A new output file (mode 0600) written under a temporary name beside it and
/// renamed into place only when complete, never half-written: if the writer
/// fails or is dropped unfinished, the temporary file is removed.
///
/// The product's one way to write a named output by path (backups, shares,
/// age outputs, emergency kits, the seen-state file): document ciphertexts
/// are written through `Directory` in the vault instead, with their own
/// crash protocol (DocumentStore+Add), and every byte of either goes
/// through `PosixFile.write`.
public final class AtomicOutput {
    /// What to do when `path` already exists.
    public enum Existing: Sendable {
        /// Refuse (`.exists`), at the start and again at the rename, which
        /// never replaces a file that appeared meanwhile.
        case refuse
        /// Replace it by the rename (atomically: readers see the old file or the new one).
        case replace
    }

    public let path: String
    private let existing: Existing
    private let temporary: String
    private let file: PosixFile
    private var finished = false

    public init(path: String, existing: Existing = .refuse) throws {
        if existing == .refuse && PosixFile.exists(path) {
            throw SystemError(kind: .exists, operation: "create", path: path, reason: "it already exists")
        }
        self.path = path
        self.existing = existing
        let parts = PathParts(path)
        temporary = parts.directory + "/.\(parts.name).casevault-\(Bytes.hex(Random.bytes(6))).part"
        file = try PosixFile.createExclusive(temporary)
    }

    /// The most one write(2) is given (`PosixFile.defaultWriteLimit`).
    public var writeLimit: Int {
        get { file.writeLimit }
        set { file.writeLimit = newValue }
    }

    /// A failed write (a full disk) names the file being written, not its
    /// temporary name.
    public func write(_ bytes: ArraySlice<UInt8>) throws {
        do { try file.write(bytes) } catch let e as SystemError { throw e.at(path) }
    }

    public func write(_ bytes: [UInt8]) throws { try write(bytes[...]) }

    public func write(_ buffer: ChunkBuffer) throws {
        do { try file.write(buffer) } catch let e as SystemError { throw e.at(path) }
    }

    public func write(secure bytes: SecureBytes) throws {
        do { try file.write(secure: bytes) } catch let e as SystemError { throw e.at(path) }
    }

    /// Moves the finished file into place. `durable` fsyncs it first and the
    /// directory after: a backup must survive a power cut once reported
    /// written. A share or an age output is a copy the user can make again
    /// (age itself does not fsync), and an fsync of hundreds of MiB costs
    /// seconds on a slow disk (more than the encryption itself); the rename
    /// alone already lets readers see no file or the whole one.
    public func commit(durable: Bool) throws {
        precondition(!finished, "AtomicOutput committed twice")
        do {
            if durable { try file.sync() }
            try file.close()
        } catch let e as SystemError {
            throw e.at(path)
        }
        switch existing {
        case .refuse: try PosixFile.renameNoReplace(temporary, path)
        case .replace: try PosixFile.rename(temporary, path)
        }
        finished = true
        if durable { try PosixFile.syncDirectory(PathParts(path).directory) }
    }

    /// Removes the unfinished output now (as deinit would).
    public func discard() {
        guard !finished else { return }
        finished = true
        PosixFile.remove(temporary)
    }

    deinit { discard() }
}
