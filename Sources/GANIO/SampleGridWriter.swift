import Foundation
import GANCore

/// Writes a grid of generated samples every `every` iterations and when training finishes, as
/// `<directory>/samples/iter-000500.png` and `<directory>/samples/latest.png`.
///
/// The latents are drawn once from the writer's own `RandomSource(seed:)`, so every grid of a
/// run — resumed or not — shows the same `count` points of latent space and the grids make a
/// time-lapse of training. Images come from `TrainingPipeline.sample(latents:)` (the EMA weights
/// when the pipeline keeps them) and are laid out by `makeGrid` with ⌈√count⌉ columns. Each file
/// is written to a temporary name in the same folder and renamed, so a viewer never sees half
/// a PNG.
public final class SampleGridWriter: TrainingObserver {
    /// The folder the grids go to (`<directory>/samples`).
    public let samplesDirectory: URL
    /// Iterations between grids.
    public let every: Int
    /// Images per grid.
    public let count: Int
    /// Seed of the latents.
    public let seed: UInt64
    private var latents: Tensor?
    private var lastWritten: Int?

    /// - Parameters:
    ///   - directory: the run directory; grids go to its `samples` folder.
    ///   - every: iterations between grids (≥ 1).
    ///   - count: images per grid (≥ 1); 64 makes an 8×8 grid.
    ///   - seed: seed of the fixed latents.
    public init(directory: URL, every: Int, count: Int = 64, seed: UInt64 = 0) {
        precondition(every >= 1, "SampleGridWriter: every must be ≥ 1, got \(every)")
        precondition(count >= 1, "SampleGridWriter: count must be ≥ 1, got \(count)")
        samplesDirectory = directory.appendingPathComponent("samples")
        self.every = every
        self.count = count
        self.seed = seed
    }

    /// A writer for the run directory at `path`.
    public convenience init(_ path: String, every: Int, count: Int = 64, seed: UInt64 = 0) {
        self.init(directory: URL(fileURLWithPath: path), every: every, count: count, seed: seed)
    }

    /// `iter-000500.png` for iteration 500.
    public static func fileName(iteration: Int) -> String { Checkpoint.directoryName(iteration: iteration) + ".png" }

    /// Grid columns for `count` images: ⌈√count⌉, so the grid is as square as it can be.
    public static func columns(for count: Int) -> Int {
        var c = Int(Double(count).squareRoot())
        while c * c < count { c += 1 }
        return c
    }

    public func iterationDidFinish(_ statistics: StepStatistics, pipeline: TrainingPipeline) throws {
        if statistics.iteration % every == 0 { try write(pipeline) }
    }

    public func trainingDidFinish(_ pipeline: TrainingPipeline) throws {
        if lastWritten != pipeline.iteration { try write(pipeline) }
    }

    /// Writes the grid of `pipeline`'s current generator now.
    public func write(_ pipeline: TrainingPipeline) throws {
        try AtomicFile.createDirectory(samplesDirectory)
        let z = fixedLatents(dimension: pipeline.generator.latentDimension)
        let grid = makeGrid(pipeline.sample(latents: z), columns: Self.columns(for: count))
        let file = samplesDirectory.appendingPathComponent(Self.fileName(iteration: pipeline.iteration))
        let png = try PNGImage(tensor: grid).pngData(name: file.path)
        try AtomicFile.write(png, to: file)
        try AtomicFile.write(png, to: samplesDirectory.appendingPathComponent("latest.png"))
        lastWritten = pipeline.iteration
    }

    private func fixedLatents(dimension: Int) -> Tensor {
        if let latents, latents.shape == [count, dimension] { return latents }
        var rng = RandomSource(seed: seed)
        let z = Tensor.normal([count, dimension], using: &rng)
        latents = z
        return z
    }
}
