import Foundation
import GANCore
import GANIO

/// Evaluation during training: every `every` iterations and at the last one, generates `count`
/// images with the pipeline's sampling generator (the EMA weights when there are any), extracts
/// their features, scores them against the real images' features, and adds the scores to that
/// iteration's statistics (so `stats.jsonl`, the progress line and `metrics.svg` show them).
/// Whenever the score named `best` improves (lower is better, as for FID), the pipeline is also
/// written to `<directory>/checkpoints/<best>-best/`, apart from the rolling checkpoints, which
/// never prune it.
///
/// The latents come from the observer's own `RandomSource(seed:)`, so every evaluation of a run
/// scores the same points of latent space and evaluating changes nothing the run would do
/// otherwise: a run with evaluation trains bit-identically to one without, and resumes as one.
/// Generated and real images are rounded to 8 bits (`EightBitImages`) before extraction. The real
/// features are extracted once, when training starts. After a resume the best score so far is
/// read back from `stats.jsonl`.
public final class EvaluationObserver: TrainingObserver {
    /// Images in [0, 1], [N, C, H, W] → features [N, D].
    public typealias FeatureExtractor = (_ images: Tensor) throws -> Tensor
    /// Real and fake features → named scores (added to the statistics' metrics under these names).
    public typealias Scorer = (_ real: Tensor, _ fake: Tensor) throws -> [String: Double]

    /// Iterations between evaluations.
    public let every: Int
    /// Images generated per evaluation.
    public let count: Int
    /// Seed of the fixed latents.
    public let seed: UInt64
    /// The score whose improvement (decrease) writes the best checkpoint; nil keeps none.
    public let best: String?
    /// Where the best checkpoint goes: `<run>/checkpoints/<best>-best`.
    public let bestCheckpoint: URL?
    private let statsFile: URL
    private let realImages: any ImageDataset
    private let extract: FeatureExtractor
    private let extractReal: FeatureExtractor
    private let score: Scorer
    private var realFeatures: Tensor?
    private var totalIterations = 0
    private var bestScore: Double?

    /// Generation runs in chunks of this many images.
    static let chunk = 64

    /// - Parameters:
    ///   - directory: the run directory (its `stats.jsonl` and `checkpoints/`).
    ///   - every: iterations between evaluations (≥ 1); the last iteration is always evaluated.
    ///   - count: images generated per evaluation (≥ 2).
    ///   - seed: seed of the latents.
    ///   - realImages: the images the scores compare against (a run's training images).
    ///   - best: the score that selects the best checkpoint, lower being better; nil for none.
    ///   - extract: the features of generated images.
    ///   - extractReal: the features of the real images, once (a cached extractor, say); `extract` by default.
    ///   - score: the scores of real and generated features.
    public init(directory: URL, every: Int, count: Int, seed: UInt64, realImages: any ImageDataset,
                best: String? = "fid", extract: @escaping FeatureExtractor, extractReal: FeatureExtractor? = nil,
                score: @escaping Scorer) {
        precondition(every >= 1 && count >= 2, "EvaluationObserver: every (\(every)) must be ≥ 1 and count (\(count)) ≥ 2")
        self.every = every
        self.count = count
        self.seed = seed
        self.best = best
        bestCheckpoint = best.map { directory.appendingPathComponent(Checkpoint.folderName).appendingPathComponent("\($0)-best") }
        statsFile = directory.appendingPathComponent("stats.jsonl")
        self.realImages = realImages
        self.extract = extract
        self.extractReal = extractReal ?? extract
        self.score = score
    }

    public func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws {
        self.totalIterations = totalIterations
        if let best {
            bestScore = try StatsLog.read(statsFile).filter { $0.iteration <= pipeline.iteration }
                .compactMap { $0.metrics[best] }.filter(\.isFinite).min()
        }
        guard pipeline.iteration < totalIterations, realFeatures == nil else { return }
        let all = realImages.images(at: Array(0..<realImages.count))
        realFeatures = try extractReal(EightBitImages.fromSigned(all))
    }

    public func annotate(_ statistics: inout StepStatistics, pipeline: TrainingPipeline) throws {
        guard statistics.iteration % every == 0 || statistics.iteration == totalIterations, let realFeatures else { return }
        let scores = try score(realFeatures, try extract(generate(pipeline)))
        statistics.metrics.merge(scores) { $1 }
        if let best, let value = scores[best], value.isFinite, let bestCheckpoint, value < bestScore ?? .infinity {
            bestScore = value
            try Checkpoint.write(pipeline.snapshot(), to: bestCheckpoint)
        }
    }

    /// `count` generated images in [0, 1], rounded to 8 bits, from the fixed latents.
    func generate(_ pipeline: TrainingPipeline) -> Tensor {
        var rng = RandomSource(seed: seed)
        let latents = Tensor.normal([count, pipeline.generator.latentDimension], using: &rng)
        let chunks = stride(from: 0, to: count, by: Self.chunk).map { start in
            EightBitImages.fromSigned(pipeline.sample(latents: latents.slice(axis: 0, range: start..<min(start + Self.chunk, count))))
        }
        return Tensor.concat(chunks, axis: 0)
    }
}
