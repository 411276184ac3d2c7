/// What the app tells its caller once it serves: its address and launch file.
///
/// Never carries the token: the token is only in the launch file (0600).
public struct AppReady: Sendable, Encodable {
    /// `http://127.0.0.1:PORT/` (no token).
    public let address: String
    /// The launch file's path; opening it in a browser starts a session once.
    public let launchFile: String
}
