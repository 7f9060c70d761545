import Foundation
import PackagePlugin

/// Embeds a folder of text files into the target as Swift source, so the built binary carries
/// them wherever it is copied (no resource bundle to lose).
///
/// `BundledRules` gets the package's top-level `Rules/`; any other target gets its own
/// `Templates/` folder (which the target must `exclude`). The generated enum is named after the target.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = target.name == "BundledRules"
            ? context.package.directoryURL.appending(path: "Rules")
            : context.package.directoryURL.appending(path: "Sources/\(target.name)/Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "Embedded\(target.name).swift")
        var inputs: [URL] = []
        // Dotfiles are inputs too (`.github/`, `.gitignore.mustache`): the RulesEmbedder's `isEmbedded`.
        let skipped: Set<String> = [".git", ".svn", ".hg", ".DS_Store"]
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker {
                let name = url.lastPathComponent
                guard !skipped.contains(name), !name.hasSuffix(".swp"), !name.hasSuffix("~") else { walker.skipDescendants(); continue }
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    inputs.append(url)
                }
            }
        }
        inputs.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding \(folder.lastPathComponent)/ into \(target.name) (\(inputs.count) files)",
                executable: try context.tool(named: "RulesEmbedder").url,
                arguments: [folder.path, output.path, target.name],
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
