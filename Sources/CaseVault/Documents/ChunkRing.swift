import SodiumKit

/// A ring of chunk buffers that a document stream fills in turn, each handed
/// on to another thread (hashing, writing, or a consumer such as a share
/// export) while the next is being filled.
///
/// `acquire(i)` waits until buffer `i`'s previous contents are done with, so
/// the caller may overwrite it (and throws if the other side failed or gave
/// up); `submit(i)` hands the filled buffer on. Memory is the ring's few
/// buffers whatever the document's size.
protocol ChunkRing: AnyObject {
    var buffers: [ChunkBuffer] { get }
    func acquire(_ i: Int) throws
    func submit(_ i: Int) throws
}

extension ChunkRing {
    /// The buffer used after buffer `i`.
    func next(_ i: Int) -> Int { (i + 1) % buffers.count }
}

extension HashPipeline: ChunkRing {}
extension WritePipeline: ChunkRing {}
