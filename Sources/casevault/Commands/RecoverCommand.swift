import ArgumentParser

struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recover", abstract: "(vault core: in progress)")
}
