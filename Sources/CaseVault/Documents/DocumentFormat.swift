import SodiumKit

/// The on-disk format of one document's ciphertext file, `documents/<id>.cvdoc`:
///
///     offset  size  field
///          0     8  magic "CVDOC\r\n\u{1A}" (binary, survives no text transfer)
///          8     1  format version (1)
///          9     3  zero
///         12     4  chunk size in bytes, big-endian (plaintext per chunk)
///         16    24  secretstream header
///         40     …  chunks: each chunk-size + 17 bytes, the last one shorter
///                   or equal and tagged FINAL (an empty file is one empty
///                   FINAL chunk); nothing may follow it
///
/// Every chunk authenticates the 16 fixed header bytes, the vault id and the
/// document id as associated data, so a ciphertext file moved to another id,
/// another vault, or given another chunk size fails on its first chunk.
enum DocumentFormat {
    static let magic: [UInt8] = Array("CVDOC\r\n".utf8) + [0x1A]
    static let version: UInt8 = 1
    static let fixedHeaderBytes = 16
    static var headerBytes: Int { fixedHeaderBytes + SecretStream.headerBytes }

    /// Plaintext bytes per chunk. 1 MiB amortises the per-call cost of
    /// libsodium and of read/write system calls (64 KiB chunks measured about
    /// 5% slower end to end here) while the pipeline's few buffers keep peak
    /// memory a handful of MiB whatever the file size.
    static let defaultChunkSize = 1 << 20
    /// Chunk sizes a reader accepts. The header is authenticated only with the
    /// first chunk, so this bound is what stops a tampered header from asking
    /// for a huge buffer before authentication fails.
    static let chunkSizeRange = 1024...(16 << 20)

    static let fileExtension = "cvdoc"

    static func fixedHeader(chunkSize: Int) -> [UInt8] {
        let c = UInt32(chunkSize)
        return magic + [version, 0, 0, 0] + [UInt8(c >> 24), UInt8((c >> 16) & 0xff), UInt8((c >> 8) & 0xff), UInt8(c & 0xff)]
    }

    /// Parses the fixed header; nil if it is not a version-1 document header.
    static func chunkSize(fromFixedHeader h: [UInt8]) -> Int? {
        guard h.count == fixedHeaderBytes, Array(h[0..<8]) == magic, h[8] == version, h[9] == 0, h[10] == 0, h[11] == 0 else { return nil }
        let c = Int(h[12]) << 24 | Int(h[13]) << 16 | Int(h[14]) << 8 | Int(h[15])
        return chunkSizeRange.contains(c) ? c : nil
    }

    /// Associated data of every chunk.
    static func chunkAD(fixedHeader: [UInt8], vaultID: [UInt8], documentID: [UInt8]) -> [UInt8] {
        Array("casevault/doc-chunk/v1".utf8) + fixedHeader + vaultID + documentID
    }

    /// Associated data of the wrapped per-document key: binds it to this
    /// vault, this table and this row, so a row's key copied onto another row
    /// or into another vault does not open.
    static func keyAD(vaultID: [UInt8], documentID: [UInt8]) -> [UInt8] {
        Array("casevault/documents.key/v1".utf8) + vaultID + documentID
    }

    /// Associated data of the sealed metadata (same binding, other purpose).
    static func metadataAD(vaultID: [UInt8], documentID: [UInt8]) -> [UInt8] {
        Array("casevault/documents.meta/v1".utf8) + vaultID + documentID
    }
}
