import ArgumentParser
import Foundation
import GANKit

/// `gankit sample`: a PNG grid from a run's checkpoint.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a grid of samples from a trained run.")

    @Option(name: .customLong("run"), help: "The run directory (holds config.json and checkpoints/).") var runDirectory: String
    @Option(help: "A checkpoint directory; default: the run's latest.") var checkpoint: String?
    @Option(parsing: .unconditional, help: "Number of images.") var count: Int = 64
    @Option(help: "Seed of the latents.") var seed: UInt64 = 0
    @Option(help: "The PNG file to write.") var output: String

    func run() throws {
        guard count >= 1 else { throw ValidationError("--count must be ≥ 1, got \(count)") }
        let run = URL(fileURLWithPath: runDirectory)
        try RunConfiguration.load(runDirectory: run).checkSamplingMemory(count: count, flag: "--count")
        let (training, source) = try TrainingRun.restored(runDirectory: URL(fileURLWithPath: runDirectory),
                                                          checkpoint: checkpoint.map(URL.init(fileURLWithPath:)))
        var rng = RandomSource(seed: seed)
        let latents = Tensor.normal([count, training.pipeline.generator.latentDimension], using: &rng)
        let images = training.pipeline.sample(latents: latents)
        let grid = makeGrid(images, columns: SampleGridWriter.columns(for: count))
        try PNGImage(tensor: grid).write(toFile: output)
        print("wrote \(count) samples from \(source.path) to \(output)")
    }
}
