import ArgumentParser
import GANScaffold

/// `gankit new regularizer Name` (or `augmentation Name`): a new plug-in target with its options,
/// registration and conformance test. The `gankit-new` command plugin runs the same scaffold
/// (`GANScaffold`) through its own small executable.
struct New: ParsableCommand {
    static let configuration = ScaffoldArguments.configuration(commandName: "new")
    @OptionGroup var arguments: ScaffoldArguments
    func run() throws { try arguments.run() }
}
