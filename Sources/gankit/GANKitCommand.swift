import ArgumentParser
import GANKit

/// `gankit`: train GANs on small image sets, sample from trained runs, evaluate them and get the evaluation weights.
@main
struct GANKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gankit",
        abstract: "Train generative adversarial networks on small image sets, on the CPU.",
        subcommands: [Train.self, Sample.self, Evaluate.self, Diagnose.self, Experiment.self, Report.self, New.self, Weights.self])

    /// Starts again with OpenBLAS's better kernels where its CPU detection fell back to generic
    /// ones (`OpenBLASKernels.selectForThisCPU`), then parses the command line.
    static func main() {
        OpenBLASKernels.selectForThisCPU()
        main(nil)
    }

    static func prepare() {
        GANKit.registerBuiltins()
    }
}
