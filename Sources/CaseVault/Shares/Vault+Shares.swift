import SystemKit
import Foundation
import GRDB
import SodiumKit

extension Vault {
    /// Brings a vault made before the shares tables up to date (idempotent).
    func migrateShares() throws {
        do {
            try VaultSchema.migrator.migrate(db)
        } catch let e as DatabaseError {
            throw SQLiteFile.mapped(e, path: dbPath, operation: "update")
        }
    }

    /// The representative's age identity and the applicant's signing key.
    public var shareKeys: ShareKeys { ShareKeys(vault: self) }
    /// Designated representatives (applicant side).
    public var representatives: RepresentativeStore { RepresentativeStore(vault: self) }
    /// Pinned senders and imported shares (representative side).
    public var inbox: Inbox { Inbox(vault: self) }

    /// Where imported share files are kept: `<vault>/inbox/`, 0700.
    var inboxDirectory: String { directory.subpath("inbox") }

    /// `inbox/`, checked and held open (VaultDirectory); nil if missing
    /// and not `create`d.
    func inboxFolder(create: Bool) throws -> VaultDirectory? {
        try directory.subdirectory("inbox", create: create)
    }

    /// Opens the inbox file `name` (a name from an authenticated record)
    /// relative to `inbox/`: not through a link, and only a regular file of
    /// ours (a FIFO there does not hang `check` or `backup`).
    func openInboxFile(_ name: String) throws -> PosixFile {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw CaseVaultError.integrity(record: "inbox/\(name)", detail: "the record names no file of inbox/")
        }
        guard let folder = try inboxFolder(create: false), let file = try folder.openFile(name, .read) else {
            throw CaseVaultError(SystemError.missing("open", inboxDirectory + "/" + name))
        }
        return file
    }
}
