import ArgumentParser

struct PasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passwd", abstract: "(vault core: in progress)")
}
