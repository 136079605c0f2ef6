import ArgumentParser
import GANKit

/// `gankit`: train GANs on small image sets and sample from trained runs.
@main
struct GANKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gankit",
        abstract: "Train generative adversarial networks on small image sets, on the CPU.",
        subcommands: [Train.self, Sample.self, Diagnose.self, New.self])

    static func prepare() {
        GANKit.registerBuiltins()
    }
}
