import AgeKit
import SodiumKit

// libFuzzer entry point over every parser of outside data in AgeKit: armor
// detection and the strict PEM reader, the header and stanza parser, the
// X25519, mlkem768x25519 (post-quantum) and scrypt stanza checks, the
// payload stream, recipient strings and identity files. Any crash, hang or sanitizer report is a bug; errors thrown
// for bad input are the expected outcome.

/// Fixed test identities (32 bytes of 0x42: the age spec's example X25519
/// key, and a post-quantum identity with that seed), so inputs built from
/// the seed corpus (pq_* written by Tests/AgeKitTests/Fixtures/pq/
/// generate_pq_vectors.py) reach the HPKE open, MAC and payload checks.
nonisolated(unsafe) let identities: [AgeIdentity] = {
    do {
        let secret = try SecureBytes(copying: [UInt8](repeating: 0x42, count: 32))
        // A low work-factor ceiling keeps scrypt cheap: higher values are refused before it runs.
        let passphrase = try SecureBytes(copying: Array("correct horse battery staple".utf8))
        let seed = try SecureBytes(copying: [UInt8](repeating: 0x42, count: 32))
        return [try X25519Identity(secretKey: secret), try MLKEMX25519Identity(seed: seed),
                ScryptIdentity(passphrase: passphrase, maxWorkFactor: 10)]
    } catch {
        fatalError("fuzz setup: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAge(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    do {
        let reader = try AgeReader(identities: identities, input: BytesInput(bytes))
        while let _ = try reader.next() {}
    } catch {}
    let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
    _ = try? AgePublicKeys.parseRecipient(text)
    if let secret = try? SecureBytes(copying: Array(bytes.prefix(4096))) {
        _ = try? AgePublicKeys.parseIdentityFile(secret)
    }
    return 0
}
