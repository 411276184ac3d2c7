import AgeKit
import Foundation
import ShamirKit
import SodiumKit

/// Opens an emergency copy with the trusted people's shares; needs no vault.
///
/// The shares give back the split secret (their digest checked), the secret
/// the age identity (`RecoveryIdentity`), and that identity opens the copy
/// exactly as a share is opened (`ShareOpener`, nothing pinned): signature,
/// every entry's hash, nothing written unless all of it verified. When some
/// shares came sealed, the copy must be signed by the key that signed them.
public enum RecoveryOpener {
    public static func open(copy path: String, shares: Slip39ShareSet, sealedBy signer: SignerKey?,
                            action: ShareOpener.Action) throws -> ShareOpener.Result {
        let secret = try shares.masterSecret(passphrase: SecureBytes(count: 0))
        let identity = try RecoveryIdentity.derive(from: secret)
        secret.wipe()
        do {
            let result = try ShareOpener(identities: [identity], inbox: nil, expected: signer, repin: false).open(path: path, action: action)
            return result
        } catch let e as AgeError where e.kind == .noMatch {
            throw RecoveryError.sharesDoNotOpenCopy
        } catch let e as ShareError {
            if case .unexpectedSigner(let expected, let presented) = e {
                throw RecoveryError.signerMismatch(share: expected, copy: presented)
            }
            throw e
        }
    }
}
