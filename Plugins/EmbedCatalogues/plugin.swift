import Foundation
import PackagePlugin

/// Compiles a target's text catalogues (`Catalogues/*.json`, one file per
/// language) into the binary: the product is one static binary that looks
/// up no resource at run time, so the catalogues become a generated Swift
/// file. A new language is a new file in that folder; no code changes.
@main
struct EmbedCatalogues: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = target.directoryURL.appending(path: "Catalogues")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCatalogues.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) text catalogues into \(target.name)",
            executable: try context.tool(named: "CatalogueEmbedder").url,
            arguments: [output.path] + files.map(\.path),
            inputFiles: files,
            outputFiles: [output])]
    }
}
