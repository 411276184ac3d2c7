import CSodium

/// HMAC-SHA-256 (RFC 2104) with `crypto_auth_hmacsha256_*`, for keys of any length.
public enum HMACSHA256 {
    public static let macBytes = Int(crypto_auth_hmacsha256_bytes())

    /// An incremental HMAC computation. Its state (derived from the key) lives
    /// in secure memory and is wiped when the object goes away.
    public final class Stream {
        private let state: SecureBytes
        private var finished = false

        /// Starts an HMAC with a secret key.
        public init(key: SecureBytes) throws {
            state = try Stream.allocateState()
            key.withUnsafeBytes { k in start(k) }
        }

        /// Starts an HMAC with a public key (a salt).
        public init(publicKey: [UInt8]) throws {
            state = try Stream.allocateState()
            publicKey.withUnsafeBytes { k in start(k) }
        }

        public func update(_ bytes: [UInt8]) {
            precondition(!finished, "HMAC stream used after finalize")
            bytes.withUnsafeBytes { update($0) }
        }

        public func update(_ bytes: ArraySlice<UInt8>) {
            precondition(!finished, "HMAC stream used after finalize")
            bytes.withUnsafeBytes { update($0) }
        }

        /// Feeds secret bytes without copying them out of secure memory.
        public func update(_ bytes: SecureBytes) {
            precondition(!finished, "HMAC stream used after finalize")
            bytes.withUnsafeBytes { update($0) }
        }

        /// The MAC as public bytes (a tag that is sent or stored).
        public func finalize() -> [UInt8] {
            var out = [UInt8](repeating: 0, count: HMACSHA256.macBytes)
            out.withUnsafeMutableBytes { finish(into: $0) }
            return out
        }

        /// The MAC in secure memory (when it is key material, as in HKDF).
        public func finalizeSecure() throws -> SecureBytes {
            let out = try SecureBytes(count: HMACSHA256.macBytes)
            out.withUnsafeMutableBytes { finish(into: $0) }
            return out
        }

        // MARK: libsodium calls

        private static func allocateState() throws -> SecureBytes {
            Sodium.ensureInitialized()
            // sodium_malloc aligns the end of the region to the page, so round
            // the size up to keep the state struct 16-byte aligned.
            let size = (crypto_auth_hmacsha256_statebytes() + 15) & ~15
            return try SecureBytes(count: size)
        }

        private func withState<R>(_ body: (UnsafeMutablePointer<crypto_auth_hmacsha256_state>) -> R) -> R {
            state.withUnsafeMutableBytes { body($0.baseAddress!.assumingMemoryBound(to: crypto_auth_hmacsha256_state.self)) }
        }

        private func start(_ key: UnsafeRawBufferPointer) {
            withState { s in
                if let k = key.baseAddress, key.count > 0 {
                    _ = crypto_auth_hmacsha256_init(s, k.assumingMemoryBound(to: UInt8.self), key.count)
                } else {
                    // An empty key (HKDF's default salt): libsodium wants a valid pointer.
                    var none: UInt8 = 0
                    _ = crypto_auth_hmacsha256_init(s, &none, 0)
                }
            }
        }

        private func update(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count > 0 else { return }
            withState { s in
                _ = crypto_auth_hmacsha256_update(s, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
            }
        }

        private func finish(into out: UnsafeMutableRawBufferPointer) {
            precondition(!finished, "HMAC stream finalized twice")
            finished = true
            withState { s in _ = crypto_auth_hmacsha256_final(s, out.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
            state.wipe()
        }
    }

    /// One-shot HMAC of a public message under a secret key.
    public static func mac(key: SecureBytes, message: [UInt8]) throws -> [UInt8] {
        let s = try Stream(key: key)
        s.update(message)
        return s.finalize()
    }

    /// Constant-time check of a MAC over `message`.
    public static func verify(_ mac: [UInt8], key: SecureBytes, message: [UInt8]) throws -> Bool {
        let expected = try self.mac(key: key, message: message)
        return Bytes.constantTimeEquals(expected, mac)
    }
}
