import ArgumentParser
import Scaffold

/// `--templates DIR`: render with another templates folder than the one built into the binary.
struct TemplatesOption: ParsableArguments {
    @Option(name: .customLong("templates"), help: ArgumentHelp("A templates folder (laid out like Sources/BundledTemplates/Templates) to use instead of the built-in templates.", valueName: "DIR"))
    var folder: String?

    /// The template source, or the folder's problem printed and exit 65.
    func load(console: Console) throws -> TemplateSource {
        guard let folder else { return .builtIn }
        do {
            return try TemplateSource.folder(folder)
        } catch let error as TemplateSource.SourceError {
            console.err(error.description)
            throw ExitStatus.invalidInput
        }
    }
}
