import ArgumentParser

struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "code", abstract: "(vault core: in progress)")
}
