// The executable the `gankit-new` command plugin runs: the scaffold alone, so the plugin builds
// in seconds instead of building GANKit (`gankit new` runs the same code).
import ArgumentParser
import GANScaffold

struct GANScaffoldTool: ParsableCommand {
    static let configuration = ScaffoldArguments.configuration(commandName: "gankit-new")
    @OptionGroup var arguments: ScaffoldArguments
    func run() throws { try arguments.run() }
}

GANScaffoldTool.main()
