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
    @Option(parsing: .unconditional, help: "StyleGAN2 runs only: the truncation ψ, pulling each w towards the average w (1: none; the official showcase grids use 0.5–0.7).")
    var truncation: Float?

    /// The flags' own checks, before any file is read (so an error prints this command's usage).
    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be ≥ 1, got \(count)") }
        if let truncation, !truncation.isFinite { throw ValidationError("--truncation must be a finite number, got \(truncation)") }
    }

    func run() throws {
        let run = URL(fileURLWithPath: runDirectory)
        try RunConfiguration.load(runDirectory: run).checkSamplingMemory(count: count, flag: "--count")
        let (training, source) = try TrainingRun.restored(runDirectory: URL(fileURLWithPath: runDirectory),
                                                          checkpoint: checkpoint.map(URL.init(fileURLWithPath:)))
        if let truncation {
            guard let generator = training.pipeline.generator as? StyleGAN2Generator else {
                throw ValidationError("--truncation applies to stylegan2 runs only; the run in \(runDirectory) is \(training.configuration.model.family)")
            }
            generator.truncationPsi = truncation
        }
        var rng = RandomSource(seed: seed)
        let latents = Tensor.normal([count, training.pipeline.generator.latentDimension], using: &rng)
        let images = training.pipeline.sample(latents: latents)
        let grid = makeGrid(images, columns: SampleGridWriter.columns(for: count))
        try PNGImage(tensor: grid).write(toFile: output)
        print("wrote \(count) samples from \(source.path) to \(output)")
    }
}
