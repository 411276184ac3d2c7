import AgeKit
import CaseVault
import SwiftCryptoKit
import Foundation
import SodiumKit
import SystemKit

// An attorney's inbox at scale, for `make bench` (bench/bench_inbox.py): a
// new vault with an age identity and CLIENTS clients who each sent PER
// shares, every share signed by its client's own key, encrypted to the
// vault's identity and imported through the library's real import path
// (verification, pin, inbox record, index), exactly as `share import` does.
// Not a product: it exists for the bench and reaches the package's share
// format through `package` declarations (TarWriter, ShareManifest).
//
// It also writes EXTRA share files that are not imported (half from new
// clients, half from clients already in the vault), for the bench to time
// `casevault share import FILE...` on a copy of the vault.
//
// Usage: InboxGenerator VAULT PASSPHRASE_FILE CLIENTS PER EXTRA_DIR EXTRA
// Prints one JSON object: what was made and the library import's throughput.
//
//        InboxGenerator measure VAULT PASSPHRASE_FILE
// Times, in this process, what the library does at the vault's size: the
// unlock, the state digest (every write and unlock computes it), reading
// the inbox index and making it from the records, the index's memory, and
// pages, searches and one client's shares from the index (p50 and p95).

struct Arguments {
    let vault: String
    let passphraseFile: String
    let clients: Int
    let perClient: Int
    let extraDirectory: String
    let extra: Int

    init(_ argv: [String]) {
        guard argv.count == 7, let c = Int(argv[3]), let p = Int(argv[4]), let e = Int(argv[6]), c > 0, p > 0, e >= 0 else {
            FileHandle.standardError.write(Data("usage: InboxGenerator VAULT PASSPHRASE_FILE CLIENTS PER EXTRA_DIR EXTRA\n".utf8))
            exit(2)
        }
        (vault, passphraseFile, clients, perClient, extraDirectory, extra) = (argv[1], argv[2], c, p, argv[5], e)
    }
}

/// Client names: first × last names from many languages, so searching and
/// sorting meet accents, non-Latin scripts and joiners as a practice does.
enum Names {
    static let first = [
        "Maria", "José", "Ana", "Juan", "Luis", "Carmen", "Sofía", "Diego", "Lucía", "Mateo",
        "Wei", "Fang", "Li", "Jun", "Mei", "Hiroshi", "Yuki", "Min-jun", "Seo-yeon", "Ji-ho",
        "Nguyễn Văn", "Trần Thị", "Thanh", "Minh", "Priya", "Arjun", "Ananya", "Rohan", "Aisha", "Omar",
        "Fatima", "Ahmed", "Youssef", "Layla", "Mehmet", "Elif", "Olga", "Dmitri", "Natalia", "Ivan",
        "Дмитрий", "Анна", "Οδυσσέας", "Ελένη", "Kwame", "Ama", "Chinedu", "Ngozi", "Tendai", "Amara",
        "Jean", "Marie", "François", "Zoë", "Björn", "Åsa", "Søren", "Ølga", "Jürgen", "Grete",
        "Giulia", "Marco", "Lorenzo", "Chiara", "João", "Gonçalo", "Inês", "Tomasz", "Małgorzata", "Łukasz",
        "Krisztina", "Bálint", "Tanvir", "Nusrat", "Farhan", "Samira", "Reza", "Shirin", "Daniel", "Sarah",
        "Michael", "Emily", "David", "Grace", "Kofi", "Esi", "Rafael", "Valentina", "Camila", "Andrés",
        "محمد", "فاطمة", "אברהם", "שרה", "王", "李", "김", "박", "ราเชน", "สมชาย",
    ]
    static let last = [
        "Lopez", "García", "Martínez", "Rodríguez", "Hernández", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
        "Wang", "Zhang", "Liu", "Chen", "Yang", "Tanaka", "Suzuki", "Kim", "Park", "Choi",
        "Nguyen", "Tran", "Le", "Pham", "Patel", "Sharma", "Singh", "Gupta", "Khan", "Hassan",
        "Ali", "Hussein", "Yılmaz", "Kaya", "Demir", "Ivanov", "Petrova", "Smirnov", "Kuznetsova", "Popov",
        "Иванов", "Смирнова", "Παπαδόπουλος", "Οικονόμου", "Mensah", "Owusu", "Okafor", "Adeyemi", "Moyo", "Dlamini",
        "Dubois", "Lefèvre", "Müller", "Schröder", "Nielsen", "Øster", "Johansson", "Åberg", "Kowalski", "Wiśniewska",
        "Rossi", "Bianchi", "Esposito", "Silva", "Santos", "Conceição", "Nowak", "Horváth", "Nagy", "Rahman",
        "Hossain", "Ahmadi", "Karimi", "Tehrani", "Smith", "Johnson", "O'Brien", "McCarthy", "Boateng", "Acheampong",
        "Morales", "Castillo", "Ortiz", "Ruiz", "Flores", "Rivera", "Gómez", "Díaz", "Vargas", "Romero",
        "الحسن", "العلي", "כהן", "לוי", "李", "王", "이", "최", "ศรีสุข", "วงศ์ใหญ่",
    ]

    static func name(_ i: Int) -> String {
        let f = first[i % first.count], l = last[(i / first.count) % last.count]
        let round = i / (first.count * last.count)
        return round == 0 ? "\(f) \(l)" : "\(f) \(l) \(round + 1)"
    }
}

/// One client: a name and an Ed25519 signing key.
struct Client {
    let name: String
    let key: Ed25519SigningKey
    let signer: SignerKey

    init(name: String) throws {
        self.name = name
        key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        signer = try SignerKey(publicKey: key.publicKey)
    }

    /// A signed share made `daysAgo` days ago, age-encrypted to `recipient`:
    /// the codes text, and a small document in every other share.
    func share(to recipient: X25519Recipient, number: Int, daysAgo: Double) throws -> [UInt8] {
        let created = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - daysAgo * 86_400).rounded(.down))
        var files: [(String, [UInt8])] = [(ShareManifest.codesPath, Array("USCIS backup code: ABCD-1234-EFGH-\(number)\n".utf8))]
        if number % 2 == 0 { files.append((ShareManifest.documentsPrefix + "I-797 notice \(number).pdf", Array("%PDF-1.4 bench \(number)\n".utf8))) }
        let manifest = ShareManifest.make(
            format: ShareManifest.currentFormat, shareID: Bytes.hex(Random.bytes(16)),
            sender: .init(name: name, key: signer.encoded, fingerprint: signer.fingerprint),
            recipient: .init(name: "Bench Attorney", key: recipient.encoded, fingerprint: KeyFingerprint.of(recipient.publicKey, kind: .ageX25519)),
            created: created,
            entries: files.map { .init(path: $0.0, size: Int64($0.1.count), sha256: Bytes.hex(SHA256Hasher.hash($0.1))) })
        let manifestBytes = try manifest.encoded()
        var tar: [UInt8] = []
        let writer = TarWriter(mtime: created) { tar.append(contentsOf: $0) }
        try writer.addFile(path: ShareManifest.manifestPath, contents: manifestBytes)
        try writer.addFile(path: ShareManifest.signaturePath, contents: ShareManifest.signatureFile(try key.sign(ShareManifest.signedMessage(manifestBytes))))
        for (path, bytes) in files { try writer.addFile(path: path, contents: bytes) }
        try writer.finish()
        return try Age.encrypt(tar, to: [recipient])
    }
}

func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func main() throws {
    let args = Arguments(CommandLine.arguments)
    let fm = FileManager.default
    let passphrase = try SecretInput.readFirstLine(path: args.passphraseFile)
    let (vault, _) = try Vault.create(at: VaultLocation(directory: URL(fileURLWithPath: args.vault)), passphrase: passphrase, strength: .interactive)
    // Classic X25519, as the inbox was measured before post-quantum
    // identities: the cached inbox and its figures stay comparable.
    let identity = try vault.shareKeys.createAgeIdentity(replace: false, postQuantum: false)
    guard let recipient = identity.publicKeyRecipient as? X25519Recipient else { fatalError("expected a classic identity") }
    let work = args.vault + ".work"
    try fm.createDirectory(atPath: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? fm.removeItem(atPath: work) }
    try fm.createDirectory(atPath: args.extraDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])

    let opener = ShareOpener(identities: [identity], inbox: vault.inbox, expected: nil, repin: false)
    var clients: [Client] = []
    var imported = 0
    var importSeconds = 0.0
    var window = (count: 0, seconds: 0.0)
    let total = args.clients * args.perClient
    var pending: [String] = []
    // As `share import FILE...` does: verified one by one, recorded 64 at a time.
    func importPending() throws {
        guard !pending.isEmpty else { return }
        let t0 = Date()
        let outcomes = try opener.importAll(paths: pending)
        let dt = Date().timeIntervalSince(t0)
        for o in outcomes { _ = try o.result.get() }
        for p in pending { try? fm.removeItem(atPath: p) }
        importSeconds += dt
        window.seconds += dt
        let before = imported
        imported += pending.count
        window.count += pending.count
        pending.removeAll()
        if imported / 1000 != before / 1000 {
            FileHandle.standardError.write(Data(String(format: "%d/%d imported, lately %.0f shares/s\n", imported, total, Double(window.count) / window.seconds).utf8))
            window = (0, 0)
        }
    }
    // Shares arrive interleaved across clients (round j of every client),
    // each dated within the last three years, as a practice receives them.
    for round in 0..<args.perClient {
        for i in 0..<args.clients {
            if round == 0 { clients.append(try Client(name: Names.name(i))) }
            let daysAgo = Double((i * 7919 + round * 104_729) % 1095) + Double(args.perClient - round) * 0.01
            let path = work + "/share-\(pending.count).age"
            try write(try clients[i].share(to: recipient, number: round, daysAgo: daysAgo), to: path)
            pending.append(path)
            if pending.count == 64 { try importPending() }
        }
    }
    try importPending()
    // Not imported: for the bench's timed `share import FILE...`.
    for n in 0..<args.extra {
        let client = n % 2 == 0 ? try Client(name: Names.name(args.clients + n)) : clients[(n * 37) % clients.count]
        try write(try client.share(to: recipient, number: args.perClient + n, daysAgo: 0), to: args.extraDirectory + String(format: "/extra-%05d.age", n))
    }
    let summary: [String: Double] = ["clients": Double(args.clients), "shares": Double(imported), "importSeconds": importSeconds,
                                     "sharesPerSecond": Double(imported) / importSeconds, "extra": Double(args.extra)]
    let json = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
    FileHandle.standardOutput.write(json + Data("\n".utf8))
}

/// This process's resident memory in MiB (Linux: /proc/self/status).
func residentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kib / 1024
}

func percentiles(_ samples: [Double]) -> (p50: Double, p95: Double) {
    let s = samples.sorted()
    return (s[s.count / 2], s[min(s.count - 1, Int(Double(s.count) * 0.95))])
}

func timed(_ body: () throws -> Void) rethrows -> Double {
    let t0 = Date()
    try body()
    return Date().timeIntervalSince(t0)
}

func measure(vault path: String, passphraseFile: String) throws {
    let passphrase = try SecretInput.readFirstLine(path: passphraseFile)
    var vault: Vault!
    let unlock = try timed { vault = try LockedVault.open(VaultLocation(directory: URL(fileURLWithPath: path))).unlock(passphrase: passphrase) }
    let digest = percentiles(try (0..<5).map { _ in try PackageEntryPoints.stateDigestSeconds(vault) }).p50
    let before = residentMiB()
    let firstLoad = try PackageEntryPoints.inboxIndexLoadSeconds(vault)
    let indexMiB = residentMiB() - before
    let load = percentiles(try (0..<5).map { _ in try PackageEntryPoints.inboxIndexLoadSeconds(vault) }).p50
    let build = try PackageEntryPoints.inboxIndexBuildSeconds(vault)
    let inbox = vault.inbox
    let total = try inbox.counts().clients
    var generator = SystemRandomNumberGenerator()
    let pages = try (0..<200).map { _ in try timed { _ = try inbox.clients(offset: Int.random(in: 0..<max(total, 1), using: &generator) / 50 * 50, limit: 50) } }
    let first = try (0..<50).map { _ in try timed { _ = try inbox.clients(offset: 0, limit: 50) } }
    let names = try inbox.clients(offset: 0, limit: total).items.map(\.name)
    var queries: [String] = []
    for _ in 0..<200 {
        let name = Array(names.randomElement(using: &generator) ?? "a")
        let length = min(name.count, Int.random(in: 3...6, using: &generator))
        let start = Int.random(in: 0...(name.count - length), using: &generator)
        queries.append(String(name[start..<start + length]))
    }
    var hits = 0
    let searches = try queries.map { q in try timed { hits += try inbox.clients(matching: q, limit: 50).total } }
    let ids = try inbox.clients(offset: 0, limit: total).items.map(\.id)
    let oneClient = try (0..<200).map { _ in try timed { _ = try inbox.shares(ofClient: ids.randomElement(using: &generator) ?? "") } }
    let (p, f, s, c) = (percentiles(pages), percentiles(first), percentiles(searches), percentiles(oneClient))
    let result: [String: Double] = [
        "unlockSeconds": unlock, "stateDigestSeconds": digest, "indexFirstLoadSeconds": firstLoad, "indexLoadSeconds": load,
        "indexBuildSeconds": build, "indexMiB": indexMiB, "clients": Double(total), "shares": Double(try inbox.counts().shares),
        "pageP50": p.p50, "pageP95": p.p95, "firstPageP50": f.p50, "firstPageP95": f.p95, "searchP50": s.p50, "searchP95": s.p95,
        "searchHitsMean": Double(hits) / Double(queries.count), "clientSharesP50": c.p50, "clientSharesP95": c.p95,
    ]
    let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    FileHandle.standardOutput.write(json + Data("\n".utf8))
}

do {
    if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "measure" {
        try measure(vault: CommandLine.arguments[2], passphraseFile: CommandLine.arguments[3])
    } else {
        try main()
    }
} catch {
    FileHandle.standardError.write(Data("InboxGenerator: \(error)\n".utf8))
    exit(1)
}
