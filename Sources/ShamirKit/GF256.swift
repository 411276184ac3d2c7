/// Arithmetic in GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1,
/// the field SLIP-0039's Shamir sharing uses.
///
/// Constant time on purpose: share values and the secret pass through
/// `multiply`, so it uses no table indexed by its operands (log/exp tables,
/// as the reference implementation uses, leak the secret bytes through the
/// cache) and no branch on them. Each of the eight steps adds `a` under a
/// mask made from one bit of `b`, then doubles `a`, reducing under a mask
/// made from its top bit.
enum GF256 {
    /// a · b in the field, in constant time.
    @inline(__always)
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a
        var b = b
        var product: UInt8 = 0
        for _ in 0..<8 {
            product ^= a & (0 &- (b & 1))
            let carry = 0 &- (a >> 7)
            a = (a << 1) ^ (0x1B & carry)
            b >>= 1
        }
        return product
    }

    /// a⁻¹ as a^254 (0 for 0), by a fixed chain of squarings and multiplies,
    /// so its timing does not depend on `a` either. (Here it only ever sees
    /// share indices, which are public, but the same care costs nothing.)
    static func inverse(_ a: UInt8) -> UInt8 {
        // 254 = 0b1111_1110: square then multiply for each of its bits, fixed.
        var result: UInt8 = 1
        for bit in (0..<8).reversed() {
            result = multiply(result, result)
            let factor = (254 >> bit) & 1 == 1 ? a : 1
            result = multiply(result, factor)
        }
        return result
    }
}
