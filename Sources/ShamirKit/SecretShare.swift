import SodiumKit

/// One point of a Shamir polynomial: a public x coordinate (the share's
/// index) and its secret y values, one byte per byte of the secret.
struct SecretShare {
    let x: UInt8
    let y: SecureBytes
}
