// swift-tools-version:6.1
import PackageDescription
import Foundation

/// Layers, bottom up (see docs/design.md):
/// - CSodium, CSecret, CPosix: module maps over the system C libraries
///   (CPosix: the one variadic libc call, prctl, wrapped).
/// - SodiumKit: the only Swift code that calls libsodium; SecureBytes and safe primitives.
/// - SystemKit: the only Swift code (with SodiumKit's and KeyringKit's C
///   calls) that calls POSIX: files, atomic outputs, locks, private
///   directories, secret and terminal input, process hardening.
///   scripts/check-layers.sh holds every other target to that.
/// - SwiftCryptoKit: the only Swift code that calls swift-crypto, for two
///   things: a fast SHA-256 of document contents (libsodium's is portable C,
///   8x slower; the app also hashes the printable kit's public stylesheet
///   with it), and the post-quantum HPKE (X-Wing: ML-KEM-768 + X25519) that
///   age's `mlkem768x25519` recipients need, which libsodium does not have.
///   scripts/check-layers.sh holds every other target to not importing it.
/// - AgeKit: the age v1 file format on SodiumKit (files through SystemKit;
///   the post-quantum recipient's KEM through SwiftCryptoKit).
/// - KeyringKit: the only Swift code that calls libsecret.
/// - ShamirKit: SLIP-0039 (Shamir's secret sharing as word shares) on
///   SodiumKit's HMAC-SHA-256, PBKDF2 and randomness; no vault, no files.
/// - CICU, ICUKit: the system's ICU (libicu-dev), for one thing: comparing
///   names by their UTS #39 confusable skeletons (docs/shares.md).
/// - CaseVault: the vault library (key hierarchy, SQLite stores, documents, shares).
/// - CaseVaultApp: the second front end, a local web app served on the
///   loopback interface (Hummingbird 2, escaping Mustache templates). Its
///   multipart readers are its own (MultipartStream for uploads, MultipartForm
///   for small forms with secrets, sharing MultipartHeaders):
///   MultipartKit's parser was 2.5x slower on a 256 MiB upload and copies
///   every part into buffers it frees unwiped.
/// - CaseVaultText: the front ends' words (CLI and app), one catalogue file
///   per language (Sources/CaseVaultText/Catalogues/*.json), compiled into the
///   binary by the EmbedCatalogues plugin; no vault code (it uses the library
///   only for DocumentType, to name it).
/// - casevault: the thin command-line front end (`casevault app` starts the app).
var package = Package(
    name: "CaseVault",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CaseVault", targets: ["CaseVault"]),
        .library(name: "AgeKit", targets: ["AgeKit"]),
        .executable(name: "casevault", targets: ["casevault"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // 4.x: X-Wing (ML-KEM-768 + X25519) and HPKE for age's post-quantum recipients.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The app's HTTP server; the swift-configuration trait is left out (unused).
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // Named only for the types the app uses directly (Hummingbird brings them).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium",
                       providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CSecret", pkgConfig: "libsecret-1",
                       providers: [.apt(["libsecret-1-dev"])]),
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n",
                       providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CPosix"),
        .target(name: "SodiumKit", dependencies: ["CSodium"]),
        .target(name: "SystemKit", dependencies: ["SodiumKit", "CPosix"]),
        .target(name: "SwiftCryptoKit", dependencies: [
            "SodiumKit", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "AgeKit", dependencies: ["SodiumKit", "SystemKit", "SwiftCryptoKit"]),
        .target(name: "ShamirKit", dependencies: ["SodiumKit"]),
        .target(name: "KeyringKit", dependencies: ["CSecret", "SodiumKit"]),
        .target(name: "ICUKit", dependencies: ["CICU"]),
        .target(name: "CaseVault", dependencies: [
            "SodiumKit", "SystemKit", "SwiftCryptoKit", "AgeKit", "KeyringKit", "ICUKit", "ShamirKit",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The catalogues are compiled in (the plugin), not looked up at run
        // time: the product is one static binary.
        .executableTarget(name: "CatalogueEmbedder", path: "Tools/CatalogueEmbedder"),
        .plugin(name: "EmbedCatalogues", capability: .buildTool(), dependencies: ["CatalogueEmbedder"]),
        .target(name: "CaseVaultText", dependencies: ["CaseVault"], exclude: ["Catalogues"], plugins: ["EmbedCatalogues"]),
        .target(name: "CaseVaultApp", dependencies: [
            "CaseVaultText",
            // SwiftCryptoKit: the SHA-256 of the printable kit's inline style, for
            // the Content-Security-Policy the app serves that page under.
            "CaseVault", "SodiumKit", "SystemKit", "SwiftCryptoKit", "ShamirKit",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            // The service group, kept so the Quit button can stop the server.
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            // SIGUSR1: the menu chose CaseVault again (AppInstance).
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "casevault", dependencies: [
            "CaseVault", "CaseVaultApp", "CaseVaultText", "SodiumKit", "SystemKit", "AgeKit", "ShamirKit", "KeyringKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Not a product: the FuzzShares hooks and their fixed keys, kept out
        // of the library; used by Fuzz/FuzzShares and by CaseVaultTests
        // (ShareFuzzHooksTests checks the seed corpus they generate).
        .target(name: "ShareFuzzHooks", dependencies: ["CaseVault", "AgeKit", "SwiftCryptoKit", "SodiumKit"],
                path: "Fuzz/ShareFuzzHooks"),
        // Not a product: makes the attorney's inbox of 10,000 clients that
        // `make bench` measures (bench/bench_inbox.py), through the real
        // import path; `package` declarations give it the share format.
        .executableTarget(name: "InboxGenerator", dependencies: ["CaseVault", "AgeKit", "SwiftCryptoKit", "SodiumKit", "SystemKit"],
                          path: "Bench/InboxGenerator"),
        .testTarget(name: "SodiumKitTests", dependencies: ["SodiumKit"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ShamirKitTests", dependencies: ["ShamirKit", "SodiumKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SystemKitTests", dependencies: ["SystemKit", "SodiumKit"]),
        .testTarget(name: "SwiftCryptoKitTests", dependencies: ["SwiftCryptoKit", "SodiumKit"]),
        .testTarget(name: "AgeKitTests", dependencies: ["AgeKit", "SodiumKit", "SystemKit"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "CaseVaultAppTests", dependencies: ["CaseVaultApp", "CaseVaultText", "SodiumKit"]),
        .testTarget(name: "CaseVaultTextTests", dependencies: ["CaseVaultText"]),
        .testTarget(name: "KeyringKitTests", dependencies: ["KeyringKit", "SodiumKit"]),
        .testTarget(name: "CaseVaultTests", dependencies: [
            "CaseVault", "SodiumKit", "SystemKit", "SwiftCryptoKit", "ShareFuzzHooks", .product(name: "GRDB", package: "GRDB.swift"),
        ], resources: [.copy("Fixtures")]),
        // AgeKit, CaseVault and SwiftCryptoKit only to build hostile shares by hand
        // (Support/HandBuiltShare.swift); what is tested is the binary.
        .testTarget(name: "CLITests", dependencies: ["SodiumKit", "SystemKit", "AgeKit", "CaseVault", "SwiftCryptoKit"],
                    resources: [.copy("Fixtures")]),
    ]
)

// Fuzz targets link libFuzzer's main and build only with
// CASEVAULT_FUZZ=1 and the sanitizer flags (see Makefile `fuzz`).
if ProcessInfo.processInfo.environment["CASEVAULT_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "FuzzAge", dependencies: ["AgeKit"], path: "Fuzz/FuzzAge"))
    package.products.append(.executable(name: "FuzzAge", targets: ["FuzzAge"]))
    package.targets.append(.executableTarget(
        name: "FuzzVault", dependencies: ["CaseVault", "SodiumKit"], path: "Fuzz/FuzzVault"))
    package.products.append(.executable(name: "FuzzVault", targets: ["FuzzVault"]))
    package.targets.append(.executableTarget(
        name: "FuzzShares", dependencies: ["ShareFuzzHooks"], path: "Fuzz/FuzzShares"))
    package.products.append(.executable(name: "FuzzShares", targets: ["FuzzShares"]))
}
