import XCTest
@testable import SystemKit

final class LoopbackPeerTests: XCTestCase {
    /// Lines as Linux prints them: the client's socket (local 127.0.0.1:C,
    /// remote 127.0.0.1:S) names the connecting user.
    static let table = """
      sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
       0: 0100007F:8CA1 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0000000000000000 100 0 0 10 0
       1: 0100007F:D431 0100007F:8CA1 01 00000000:00000000 00:00000000 00000000  1000        0 2222 1 0000000000000000 20 4 30 10 -1
       2: 0100007F:8CA1 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 3333 1 0000000000000000 20 4 30 10 -1

    """

    func testTheClientSocketNamesTheConnectingUser() {
        // 0x8CA1 = 36001 (the app), 0xD431 = 54321 (the client).
        XCTAssertEqual(LoopbackPeer.find(in: Self.table, clientPort: 54321, serverPort: 36001), 1000)
        XCTAssertEqual(LoopbackPeer.find(in: Self.table, clientPort: 36001, serverPort: 54321), 0, "the server's own end is ours")
        XCTAssertNil(LoopbackPeer.find(in: Self.table, clientPort: 54322, serverPort: 36001))
    }

    func testTheRealTablesAreReadable() {
        XCTAssertTrue(FileManager.default.isReadableFile(atPath: "/proc/net/tcp"))
    }
}
