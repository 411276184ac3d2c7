/// One recipient stanza of an age header: a type, its arguments and a body.
///
/// A stanza carries no secret in the clear: the body is the file key
/// encrypted for one recipient.
public struct AgeStanza: Equatable, Sendable {
    /// The first argument, which names the recipient type (`X25519`, `scrypt`, ...).
    public var type: String
    /// The arguments after the type.
    public var arguments: [String]
    /// The decoded body.
    public var body: [UInt8]

    public init(type: String, arguments: [String], body: [UInt8]) {
        self.type = type
        self.arguments = arguments
        self.body = body
    }

    /// Whether `text` is a valid argument: one or more visible ASCII characters.
    static func isValidArgument<C: Collection>(_ text: C) -> Bool where C.Element == UInt8 {
        !text.isEmpty && text.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
    }
}
