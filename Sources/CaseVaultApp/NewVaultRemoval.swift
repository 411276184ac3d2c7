import CaseVault
import SystemKit

/// Removes a vault the walkthrough has just made and that holds nothing
/// yet, as `init` does when its recovery key was not typed back.
///
/// Only the files `Vault.create` makes (vault.db and SQLite's -wal and -shm)
/// are removed, and the folder only if the walkthrough made it and it is
/// empty then (rmdir): never anything else the folder holds.
enum NewVaultRemoval {
    static func remove(_ location: VaultLocation, directory madeDirectory: Bool) {
        let database = location.database.path
        for name in [database, database + "-wal", database + "-shm"] { PosixFile.remove(name) }
        if madeDirectory { PosixFile.removeEmptyDirectory(location.path) }
    }
}
