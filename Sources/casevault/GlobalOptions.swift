import ArgumentParser

/// Options every vault command takes (pulled in with @OptionGroup).
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("vault"), help: ArgumentHelp(
        "Vault directory (default: $CASEVAULT_DIR, else $XDG_DATA_HOME/casevault, else ~/.local/share/casevault).",
        valueName: "dir"))
    var vault: String?

    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp(
        "Read the passphrase from the first line of FILE; - reads it from standard input. Never pass a passphrase as an argument.",
        valueName: "file"))
    var passphraseFile: String?

    @Flag(name: .customLong("no-keyring"), help: "Do not use the desktop keyring; ask for the passphrase.")
    var noKeyring = false

    @Flag(help: "Print exactly one JSON document on stdout.")
    var json = false
}
