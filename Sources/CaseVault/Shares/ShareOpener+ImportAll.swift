import SystemKit
import Foundation

/// Importing several share files at once: `share import FILE...` and the
/// app's upload of several files.
extension ShareOpener {
    /// What became of one file given to `importAll`.
    public struct ImportOutcome {
        /// The path as given.
        public let path: String
        /// The share as imported, or why it was refused (a `ShareError` or
        /// `CaseVaultError`, as `open(path:action:)` would have thrown it).
        public let result: Swift.Result<Result, Error>
    }

    /// How many verified shares one transaction records at most: each holds
    /// its inbox file open until then, and a failure of the transaction
    /// (not a refusal) loses at most this many to a retry.
    static let batch = 64

    /// Imports each of `paths` as `open(path:action: .importToInbox)` does
    /// (verified in full while copied; nothing kept of a share that fails),
    /// in order, and says what became of each: a refused file does not stop
    /// the others. Files that verified are recorded together, up to `batch`
    /// per transaction, with one fsync of `inbox/` and one commit for them
    /// all (instead of one each): the durable writes an import cannot do
    /// without (docs/shares.md, "Import"). Each is decided again inside
    /// that transaction, against the shares before it in the list too.
    ///
    /// Throws (after recording nothing of the current batch) only for what
    /// concerns the vault rather than a file: busy, the keys changed
    /// meanwhile, an I/O failure of vault.db or `inbox/`.
    func importAllUnmapped(paths: [String], now: Date) throws -> [ImportOutcome] {
        guard let inbox else { throw ShareError.noIdentity }
        let confirmed = expected != nil
        var outcomes: [ImportOutcome] = []
        var staged: [(path: String, item: Inbox.Staged)] = []

        func keepStaged() throws {
            guard !staged.isEmpty else { return }
            let kept = try inbox.keep(staged.map(\.item), repin: repin, confirmed: confirmed, now: now)
            for ((path, item), outcome) in zip(staged, kept) {
                outcomes.append(ImportOutcome(path: path, result: outcome.map {
                    Result(manifest: item.verified.manifest, signer: item.verified.signer, pin: $0, inboxID: item.id)
                }))
            }
            staged.removeAll()
        }

        for path in paths {
            do {
                let item = try CaseVaultError.mappingSystemErrors { () -> Inbox.Staged in
                    let input = try PosixFile.openForReading(path)
                    return try inbox.stage(input: input, reader: { tee in
                        try ShareReader.read(input: tee, identities: identities, trust: { manifest, signer in
                            if let expected, expected != signer {
                                throw ShareError.unexpectedSigner(expected: expected.fingerprint, presented: signer.fingerprint)
                            }
                            _ = try inbox.check(manifest, signer, repin: repin, confirmed: confirmed)
                        }, sink: nil)
                    }, now: now)
                }
                staged.append((path, item))
                if staged.count >= Self.batch { try keepStaged() }
            } catch let e as CaseVaultError where [.busy, .changedMeanwhile].contains(e.kind) {
                throw e
            } catch {
                // Files already verified are recorded first, so the outcomes
                // stay in the order of `paths`.
                try keepStaged()
                outcomes.append(ImportOutcome(path: path, result: .failure(error)))
            }
        }
        try keepStaged()
        return outcomes
    }
}
