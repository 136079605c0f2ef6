import ArgumentParser
import GANKit

/// `gankit`: train GANs on small image sets, sample from trained runs, evaluate them and get the
/// evaluation weights. `GANKitCLI` runs it with the components registered, under the name of the
/// executable that runs it (`GANKitCLI.commandName`), which its usage and help show.
struct GANKitCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: GANKitCLI.commandName,
            abstract: "Train generative adversarial networks on small image sets, on the CPU.",
            subcommands: [Train.self, Sample.self, Evaluate.self, Diagnose.self, Experiment.self, Report.self, New.self, Weights.self])
    }
}
