import ArgumentParser

struct IdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "id", abstract: "(vault core: in progress)")
}
