/// Kinds of case identifier, each with its validation and normal form.
public enum IdentifierKind: String, Codable, Sendable, CaseIterable {
    case aNumber = "a-number"
    case receipt
    case accountNumber = "account-number"
    case cardNumber = "card-number"
    case other

    /// USCIS service-centre prefixes of receipt numbers.
    public static let receiptPrefixes: Set<String> = ["EAC", "VSC", "WAC", "CSC", "LIN", "NSC", "SRC", "TSC", "MSC", "NBC", "IOE", "YSC"]

    /// A name for people.
    public var displayName: String {
        switch self {
        case .aNumber: return "A-Number"
        case .receipt: return "Receipt number"
        case .accountNumber: return "USCIS online account number"
        case .cardNumber: return "Card number"
        case .other: return "Other"
        }
    }

    /// The format a value must have, shown when one is refused.
    public var expectedFormat: String {
        switch self {
        case .aNumber: return "A followed by 7 to 9 digits, e.g. A012345678 (the A is optional; dashes and spaces are ignored)"
        case .receipt: return "3 letters of a USCIS service centre (\(Self.receiptPrefixes.sorted().joined(separator: ", "))) and 10 digits, e.g. IOE0123456789"
        case .accountNumber: return "12 digits, e.g. 0123 4567 8901"
        case .cardNumber: return "3 letters and 10 digits, e.g. SRC0123456789"
        case .other: return "any text up to 200 characters"
        }
    }

    /// Validates and normalises a typed value, or throws `invalidInput` with the expected format.
    public func normalise(_ raw: String) throws -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        func refuse(_ reason: String) -> CaseVaultError {
            .invalidInput(field: displayName, reason: reason, expected: expectedFormat)
        }
        if self == .other {
            guard !trimmed.isEmpty else { throw refuse("the value is empty") }
            guard trimmed.count <= 200, trimmed.utf8.count <= 800 else { throw refuse("it is longer than 200 characters") }
            if let bad = VaultText.problem(in: trimmed) { throw refuse("it contains \(bad)") }
            return trimmed
        }
        let compact = String(trimmed.uppercased().filter { $0 != " " && $0 != "-" && $0 != "\t" })
        guard !compact.isEmpty else { throw refuse("the value is empty") }
        guard compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw refuse("it has characters other than letters and digits")
        }
        switch self {
        case .aNumber:
            let digits = compact.hasPrefix("A") ? String(compact.dropFirst()) : compact
            guard digits.allSatisfy(\.isNumber), (7...9).contains(digits.count) else {
                throw refuse("an A-Number has 7 to 9 digits")
            }
            return "A" + String(repeating: "0", count: 9 - digits.count) + digits
        case .receipt:
            guard compact.count == 13, compact.prefix(3).allSatisfy(\.isLetter), compact.dropFirst(3).allSatisfy(\.isNumber) else {
                throw refuse("a receipt number is 3 letters and 10 digits")
            }
            guard Self.receiptPrefixes.contains(String(compact.prefix(3))) else {
                throw refuse("\(compact.prefix(3)) is not a USCIS service-centre prefix")
            }
            return compact
        case .accountNumber:
            guard compact.count == 12, compact.allSatisfy(\.isNumber) else {
                throw refuse("an online account number is 12 digits")
            }
            return compact
        case .cardNumber:
            guard compact.count == 13, compact.prefix(3).allSatisfy(\.isLetter), compact.dropFirst(3).allSatisfy(\.isNumber) else {
                throw refuse("a card number is 3 letters and 10 digits")
            }
            return compact
        case .other:
            return trimmed
        }
    }

    /// A readable form of a normalised value (A-Numbers grouped as A-012-345-678).
    public func formatted(_ value: String) -> String {
        switch self {
        case .aNumber where value.count == 10:
            let d = Array(value.dropFirst())
            return "A-\(String(d[0..<3]))-\(String(d[3..<6]))-\(String(d[6..<9]))"
        case .accountNumber where value.count == 12:
            let d = Array(value)
            return "\(String(d[0..<4])) \(String(d[4..<8])) \(String(d[8..<12]))"
        default:
            return value
        }
    }

    /// Only the last four characters, for lists.
    public func masked(_ value: String) -> String {
        guard value.count > 4 else { return String(repeating: "•", count: value.count) }
        return String(repeating: "•", count: value.count - 4) + value.suffix(4)
    }
}

import Foundation
