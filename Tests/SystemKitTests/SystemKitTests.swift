import Foundation
import SodiumKit
import SystemKit
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// SystemKit's files, outputs, locks and errors, seen from outside.
final class SystemKitTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("systemkit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    // MARK: - SystemError

    func testErrnoMapsToKindsAndAFullDiskToWords() {
        let full = SystemError(errno: ENOSPC, "write", "/x/y")
        XCTAssertEqual(full.kind, .noSpace)
        XCTAssertEqual(full.description, "cannot write /x/y: the disk is full (or a file size limit was reached)")
        XCTAssertEqual(full.plainReason, String(cString: strerror(ENOSPC)))
        XCTAssertEqual(SystemError(errno: ENOENT, "open", "/x").kind, .notFound)
        XCTAssertEqual(SystemError(errno: EACCES, "open", "/x").kind, .permission)
        XCTAssertEqual(SystemError(errno: EEXIST, "create", "/x").kind, .exists)
        XCTAssertEqual(SystemError(errno: EROFS, "create", "/x").kind, .readOnly)
        XCTAssertEqual(SystemError(errno: ELOOP, "open", "/x").kind, .symbolicLink)
        XCTAssertEqual(full.at("/z").path, "/z")
    }

    // MARK: - AtomicOutput

    func testAtomicOutputAppearsOnlyWhenCommittedMode0600() throws {
        let path = dir + "/out.age"
        let out = try AtomicOutput(path: path)
        try out.write(Array("hello".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing at the name before the commit")
        XCTAssertEqual(try names().count, 1, "only the temporary file")
        try out.commit(durable: true)
        XCTAssertEqual(try names(), ["out.age"])
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "hello")
        XCTAssertEqual(try mode(path), 0o600)
    }

    func testAtomicOutputDroppedUnfinishedLeavesNothing() throws {
        do {
            let out = try AtomicOutput(path: dir + "/out.age")
            try out.write([1, 2, 3])
        }
        XCTAssertEqual(try names(), [])
    }

    func testAtomicOutputNeverReplacesUnlessAsked() throws {
        let path = dir + "/out.age"
        try Data([7]).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try AtomicOutput(path: path)) {
            XCTAssertEqual(($0 as? SystemError)?.kind, .exists)
        }
        // A file that appears between the start and the commit is kept too.
        let other = dir + "/later.age"
        do {
            let out = try AtomicOutput(path: other)
            try out.write([1])
            try Data([9]).write(to: URL(fileURLWithPath: other))
            XCTAssertThrowsError(try out.commit(durable: false)) {
                XCTAssertEqual(($0 as? SystemError)?.kind, .exists)
            }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: other)), Data([9]))
        let replacing = try AtomicOutput(path: path, existing: .replace)
        try replacing.write([8])
        try replacing.commit(durable: false)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data([8]))
        XCTAssertEqual(try names(), ["later.age", "out.age"])
    }

    // MARK: - Inputs

    func testAFIFOIsRefusedWithoutHangingOrReading() throws {
        let fifo = dir + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try PosixFile.openForReading(fifo)) {
            let e = $0 as? SystemError
            XCTAssertEqual(e?.kind, .notRegularFile)
            XCTAssertEqual(e?.reason, "it is a FIFO or pipe, not a regular file; nothing was read from it")
        }
        XCTAssertTrue(SpecialFile.isSpecial(fifo))
        XCTAssertTrue(SpecialFile.isSpecial("/dev/null"))
        XCTAssertFalse(SpecialFile.isSpecial(dir))
        XCTAssertFalse(SpecialFile.isSpecial(dir + "/missing"))
    }

    func testSecretFileIsReadWholeIntoSecureMemoryOrRefusedWhenLarge() throws {
        let path = dir + "/key"
        try Data("AGE-SECRET-KEY-1X\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try SecretInput.readWholeFile(path: path, maxSize: 64)?.count, 18)
        XCTAssertNil(try SecretInput.readWholeFile(path: path, maxSize: 10))
        XCTAssertThrowsError(try SecretInput.readWholeFile(path: dir + "/missing", maxSize: 10)) {
            XCTAssertEqual(($0 as? SystemError)?.kind, .notFound)
        }
    }

    // MARK: - Directories and locks

    func testPrivateDirectoriesAre0700WhateverTheUmask() throws {
        let previous = umask(0)
        defer { umask(previous) }
        let nested = dir + "/a/b/c"
        try PrivateDirectory.makeWithParents(nested)
        for p in [dir + "/a", dir + "/a/b", nested] { XCTAssertEqual(try mode(p), 0o700, p) }
        XCTAssertThrowsError(try PrivateDirectory.make(nested)) { XCTAssertEqual(($0 as? SystemError)?.kind, .exists) }
        try PrivateDirectory.make(nested, existingIsFine: true)
    }

    func testDirectoryRefusesALinkAndOpensFilesRelativeToItself() throws {
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir)
        XCTAssertThrowsError(try Directory.open(dir + "/link")) {
            // Linux says ENOTDIR for O_DIRECTORY | O_NOFOLLOW on a link.
            let kind = ($0 as? SystemError)?.kind
            XCTAssertTrue(kind == .symbolicLink || kind == .notDirectory, "\(String(describing: kind))")
        }
        let d = try Directory.open(dir)
        let created = try d.openFile("f", .createNew) { XCTAssertEqual($0.type, .regular) }
        try created?.write([1, 2])
        XCTAssertThrowsError(try d.openFile("f", .createNew) { _ in }) { XCTAssertEqual(($0 as? SystemError)?.kind, .exists) }
        XCTAssertNil(try d.openFile("missing", .read) { _ in })
        XCTAssertEqual(d.entry("link")?.type, .symbolicLink)
        XCTAssertEqual(d.entry("f")?.size, 2)
        XCTAssertEqual(try d.names().sorted(), ["f", "link"])
    }

    func testALockHeldElsewhereIsBusyWithinItsBound() throws {
        let path = dir + "/.lock"
        let holder = FileLock(file: try PosixFile.createExclusive(path), timeout: 5)
        let waiter = FileLock(file: try PosixFile.openForReading(path), timeout: 0.3)
        try holder.exclusive {
            let start = Date()
            XCTAssertThrowsError(try waiter.shared { XCTFail("ran without the lock") }) {
                XCTAssertEqual(($0 as? SystemError)?.kind, .busy)
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 3)
            XCTAssertNil(waiter.exclusiveIfFree { true })
        }
        XCTAssertEqual(try waiter.shared { 1 }, 1)
    }
}
