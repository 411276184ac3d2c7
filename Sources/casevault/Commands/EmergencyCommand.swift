import ArgumentParser
import CaseVault
import Foundation

/// `casevault emergency`: one screen with what an officer or a help desk asks for.
struct EmergencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emergency",
        abstract: "Show the USCIS backup code, case numbers and stored documents on one screen.",
        discussion: """
            Shows the code of the entry marked primary (the next unused one for a list) and every \
            single backup code (the USCIS kind), the A-Number, account, receipt and card numbers, and \
            which documents are stored and when they expire. Nothing is marked used: after using a \
            code run `casevault code use LABEL`. Other code lists are named, not shown. Unlocks through \
            the keyring when it can, and says so when it cannot. Lines fit a 40-column phone terminal.
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let (vault, method) = try EmergencyUnlock.unlock(global)
        let sheet = try vault.emergencySheet()
        DocumentAccess.warn(sheet.foreignFiles)
        if global.json {
            Output.json(EmergencyJSON(sheet, unlockedWith: method))
        } else {
            for line in EmergencyScreen.lines(sheet, unlockedWith: method) { Output.line(line) }
        }
    }
}

/// The --json shape of the emergency sheet.
struct EmergencyJSON: Encodable {
    struct Code: Encodable {
        let label: String
        let account: String?
        let kind: String
        let primary: Bool
        let code: String?
        let number: Int?
        let unused: Int
        let total: Int
        let usedAt: Date?
        let markUsed: String
    }
    struct CodeList: Encodable { let label: String; let account: String?; let unused: Int; let total: Int }
    struct Identifier: Encodable { let kind: String; let label: String; let value: String; let formatted: String; let note: String? }
    struct Document: Encodable { let type: String; let label: String; let expires: String?; let daysUntilExpiry: Int?; let state: String }

    let vault: String
    let asOf: String
    let unlockedWith: EmergencyUnlock.Method
    let codes: [Code]
    let otherCodeLists: [CodeList]
    let identifiers: [Identifier]
    let documents: [Document]
    let documentsProblem: String?

    init(_ s: EmergencySheet, unlockedWith: EmergencyUnlock.Method) {
        vault = s.vaultPath
        asOf = s.today.description
        self.unlockedWith = unlockedWith
        codes = s.codes.map {
            Code(label: $0.label, account: $0.account, kind: $0.kind.rawValue, primary: $0.primary, code: $0.code,
                 number: $0.number, unused: $0.unused, total: $0.total, usedAt: $0.usedAt,
                 markUsed: EmergencyScreen.markUsedCommand($0.label))
        }
        otherCodeLists = s.otherCodeLists.map { CodeList(label: $0.label, account: $0.account, unused: $0.unused, total: $0.total) }
        identifiers = s.identifiers.map {
            Identifier(kind: $0.kind.rawValue, label: $0.label, value: $0.value, formatted: $0.formatted, note: $0.note)
        }
        documents = s.documents.map {
            Document(type: $0.type.rawValue, label: $0.label, expires: $0.expires?.description,
                     daysUntilExpiry: $0.daysUntilExpiry, state: $0.state.rawValue)
        }
        documentsProblem = s.documentsProblem
    }
}
