
/// Refuses command-line arguments that are not valid UTF-8.
///
/// Swift decodes argv as UTF-8 and replaces invalid bytes with U+FFFD, so a
/// file name in another encoding would silently become another name: an
/// input "not found" under a name the user never typed, or worse an output
/// (`age decrypt -o`, `doc get --force`) written over whatever file already
/// has the replaced name. Such an argument is refused before parsing.
enum ArgumentText {
    static func requireUTF8() throws {
        for i in 1..<max(1, Int(CommandLine.argc)) {  // argc is 0 when exec is given no argv
            guard let p = CommandLine.unsafeArgv[i], String(validatingCString: p) == nil else { continue }
            throw CLIError(message: "argument \(i) is not valid UTF-8 text (a file name in another encoding?)",
                           hint: "rename the file to a UTF-8 name, or pass a symbolic link with a UTF-8 name", exit: .usage)
        }
    }
}
