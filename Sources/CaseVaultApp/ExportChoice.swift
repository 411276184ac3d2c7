import CaseVault

/// What the applicant chose to send, as the export form, the review page's
/// hidden fields and the download's POST carry it: a representative's name,
/// code entries by label, case numbers (all or none, as `export --ids`),
/// documents by id, and the name to sign as. Nothing secret: codes travel
/// only inside the sealed share, never in a form.
struct ExportChoice: Sendable {
    var to: String?
    var codeLabels: [String] = []
    var identifiers = false
    var documentIDs: [String] = []
    var senderName: String?

    init() {}

    init(_ form: FormFields) {
        to = form["to"]
        codeLabels = Self.unique(form.values("code"))
        identifiers = form.isChecked("ids")
        documentIDs = Self.unique(form.values("doc"))
        senderName = form["as"]
    }

    var isEmpty: Bool { codeLabels.isEmpty && !identifiers && documentIDs.isEmpty }

    /// The library's selection: exactly what was ticked, never "all codes".
    var selection: ShareSelection {
        var s = ShareSelection()
        s.codeLabels = codeLabels
        s.identifiers = identifiers
        s.documents = documentIDs
        return s
    }

    /// The fields that carry this choice on to the next POST.
    var hiddenFields: [[String: String]] {
        var fields: [[String: String]] = []
        if let to { fields.append(["name": "to", "value": to]) }
        fields += codeLabels.map { ["name": "code", "value": $0] }
        if identifiers { fields.append(["name": "ids", "value": "on"]) }
        fields += documentIDs.map { ["name": "doc", "value": $0] }
        if let senderName { fields.append(["name": "as", "value": senderName]) }
        return fields
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
