import CaseVault
import Foundation
import NIOCore

/// One entry of a kept share (a document), decrypted and verified on a
/// thread of its own and handed to an HTTP response a chunk at a time.
///
/// The whole share is read and checked as `share extract` checks it
/// (KeptShare.read): the entry's bytes are queued as they are read (at most
/// `capacity` chunks of up to 1 MiB wait; the reading thread waits while
/// the browser is slower), and `next()` returns nil only once the whole
/// share verified, to its last entry and its file's hash. The response
/// keeps the entry's last chunk back until then (`ShareDocumentResponse`),
/// so a browser never receives a complete-looking file from a share that
/// fails: a failure, even after the entry, cuts the transfer short of its
/// Content-Length. Nothing is written to disk.
///
/// `cancel()` (the browser went away) makes the reading thread stop at its
/// next chunk; so does a reader that takes nothing for `stall` seconds.
final class ShareEntryStream: @unchecked Sendable {
    private enum Item {
        case chunk(ByteBuffer)
        case done
        case failed(Error)
    }

    struct Cancelled: Error {}

    private let condition = NSCondition()
    private var items: [Item] = []
    private var cancelled = false
    private let capacity = 4
    /// A reader that stops taking chunks for this long is taken for gone:
    /// the reading thread stops, dropping the file and the identities.
    static let stall: TimeInterval = 120
    private let waiter = DispatchQueue(label: "casevault.app.share-entry")

    /// Starts reading `kept` on a new thread, queueing the bytes of the
    /// entry at `path` (its manifest path).
    init(_ kept: KeptShare, path: String) {
        let thread = Thread { [self] in
            do {
                var batch: [UInt8] = []
                _ = try kept.read { entry, bytes in
                    if self.isCancelled { throw Cancelled() }
                    guard entry == path else { return }
                    batch.append(contentsOf: bytes)
                    if batch.count >= 1 << 20 {
                        try self.put(.chunk(ByteBuffer(bytes: batch)))
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try self.put(.chunk(ByteBuffer(bytes: batch))) }
                try self.put(.done)
            } catch {
                try? self.put(.failed(error), always: true)
            }
        }
        thread.name = "casevault share entry"
        thread.start()
    }

    /// Queues `item`, waiting while the queue is full; throws once cancelled.
    private func put(_ item: Item, always: Bool = false) throws {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: Self.stall)
        while !always && !cancelled && items.count >= capacity {
            if !condition.wait(until: deadline) { cancelled = true }
        }
        if cancelled && !always { throw Cancelled() }
        items.append(item)
        condition.broadcast()
    }

    /// The next chunk of the entry; nil once the whole share verified.
    /// Throws the failure that stopped the reading.
    func next() async throws -> ByteBuffer? {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<ByteBuffer?, Error>) in
            waiter.async {
                self.condition.lock()
                while self.items.isEmpty { self.condition.wait() }
                let item = self.items.removeFirst()
                self.condition.broadcast()
                self.condition.unlock()
                switch item {
                case .chunk(let b): c.resume(returning: b)
                case .done:
                    self.keepEnd(item)
                    c.resume(returning: nil)
                case .failed(let e):
                    self.keepEnd(item)
                    c.resume(throwing: e)
                }
            }
        }
    }

    /// The end stays for a later `next()` (which answers the same).
    private func keepEnd(_ item: Item) {
        condition.lock()
        items.insert(item, at: 0)
        condition.unlock()
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Stops the reading thread at its next chunk.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
