import Foundation
import GANCore

/// Path-length regularisation (Karras et al. 2020, "Analyzing and Improving the Image Quality of
/// StyleGAN", section 3.2, eq. 4): the generator's Jacobian J_w with respect to its
/// intermediate latents should have the same length along every random image-space direction y,
///
///     E_{w, y ~ N(0, I)} (‖J_wᵀ y‖₂ − a)²,
///
/// with a the running mean of the lengths. As stylegan2-ada-pytorch computes it
/// (`training/loss.py`, `StyleGAN2Loss.accumulate_gradients`, phase 'Greg'), on the first
/// N / `batchShrink` latents of the generator step:
///
///     y = randn_like(img) / sqrt(H·W)
///     g = ∂ Σ (img · y) / ∂ ws                        ws [B, L, W], createGraph
///     ℓ_b = sqrt(mean_l Σ_k g_{b,l,k}²)
///     a ← a + decay · (mean_b ℓ_b − a)                (lerp, in the graph; a is stored detached)
///     penalty = weight · mean_b (ℓ_b − a)²
///
/// The defaults are the official ones: `weight` 2 (`pl_weight`), `decay` 0.01 (`pl_decay`) and
/// `batchShrink` 2 (`pl_batch_shrink`), all from `StyleGAN2Loss.__init__`, and `interval` 4
/// (`G_reg_interval` in `train.py`'s `training_loop` arguments). With `interval` k > 1 the
/// penalty runs every k-th generator step, multiplied by k, and G's Adam runs with lr·k/(k+1)
/// and β^(k/(k+1)) (lazy regularisation, section 3.1 and appendix B), as the official
/// `training_loop.py` does for the 'Greg' phase. GANKit adds it to the generator step's loss
/// (the official code takes a separate optimiser step for it).
///
/// The generator must expose its intermediate latents (`IntermediateLatentGenerator`, which the
/// `stylegan2` model family's generator does); building a pipeline with another generator fails
/// naming this kind and the model family. The running mean a is the checkpointed state.
public final class PathLength: Regularizer {
    /// The penalty's weight (`pl_weight`).
    public let weight: Float
    /// The running mean's rate (`pl_decay`).
    public let decay: Float
    /// The penalty runs on the first N / batchShrink latents of the step (`pl_batch_shrink`).
    public let batchShrink: Int
    public let schedule: RegularizationSchedule
    /// The model family the pipeline was configured with, for error messages ("" when built in Swift).
    public let modelFamily: String
    /// The running mean of the path lengths, a (`pl_mean`; 0 at the start, as the official).
    public private(set) var mean: Float = 0

    /// - Parameters:
    ///   - weight: the penalty weight (default 2, the official `pl_weight`).
    ///   - decay: the running mean's rate (default 0.01, `pl_decay`).
    ///   - interval: run every `interval` generator steps (default 4, `G_reg_interval`).
    ///   - batchShrink: divide the batch by this for the penalty (default 2, `pl_batch_shrink`).
    ///   - modelFamily: named in the error for a generator without intermediate latents.
    public init(weight: Float = Options().weight, decay: Float = Options().decay, interval: Int = Options().interval,
                batchShrink: Int = Options().batchShrink, modelFamily: String = "") {
        precondition(weight >= 0 && weight.isFinite, "PathLength: weight must be a non-negative number, got \(weight)")
        precondition(decay >= 0 && decay <= 1, "PathLength: decay must lie in [0, 1], got \(decay)")
        precondition(interval >= 1, "PathLength: interval must be ≥ 1, got \(interval)")
        precondition(batchShrink >= 1, "PathLength: batchShrink must be ≥ 1, got \(batchShrink)")
        self.weight = weight
        self.decay = decay
        self.batchShrink = batchShrink
        self.modelFamily = modelFamily
        schedule = RegularizationSchedule(phase: .generator, interval: interval, gain: Float(interval),
                                          rescalesOptimizer: interval > 1)
    }

    public var name: String { Self.kind }

    /// Rejects a generator that does not expose its intermediate latents.
    public func check(generator: any Generator, discriminator: any Discriminator) throws {
        _ = try latentGenerator(generator)
    }

    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        let g = try latentGenerator(context.generator)
        let n = context.latents.shape[0]
        let z = context.latents.slice(axis: 0, range: 0..<max(1, n / batchShrink))
        let size = g.outputSize
        let noise = Tensor.normal([z.shape[0], size.channels, size.height, size.width], using: &context.random)
        let p = try penalty(generator: g, latents: z, unitNoise: noise)
        context.metrics["path-length.mean"] = Double(mean)
        return p
    }

    /// The penalty (times `weight`) for latents z [B, latentDimension] with the standard normal
    /// draws `unitNoise` [B, C, H, W] for y (before the division by sqrt(H·W)); moves the
    /// running mean.
    public func penalty(generator: any IntermediateLatentGenerator, latents z: Tensor, unitNoise: Tensor) throws -> Tensor {
        let (images, ws) = generator.imagesAndIntermediateLatents(z)
        precondition(unitNoise.shape == images.shape, "PathLength: noise \(unitNoise.shape) for images \(images.shape)")
        precondition(ws.rank == 3, "PathLength: intermediate latents must be [N, L, W], got \(ws.shape)")
        let pixels = Float(images.shape[2] * images.shape[3])
        let y = unitNoise / pixels.squareRoot()
        let gradient = try (images * y).sum().gradients(wrt: [ws], createGraph: true)[0]
        let lengths = gradient.squared().sum(axes: [2]).mean(axes: [1]).sqrt()
        let updatedMean = (lengths.mean() - mean) * decay + mean
        mean = updatedMean.item
        return (lengths - updatedMean).squared().mean() * weight
    }

    private func latentGenerator(_ generator: any Generator) throws -> any IntermediateLatentGenerator {
        guard let g = generator as? any IntermediateLatentGenerator else {
            let family = modelFamily.isEmpty ? "" : "model family '\(modelFamily)' with "
            throw GANCoreError.invalidConfiguration(
                "regularizer '\(Self.kind)' differentiates the generator's images with respect to its intermediate latents w, " +
                "but \(family)generator \(type(of: generator)) does not expose them (IntermediateLatentGenerator); " +
                "use a generator that does, such as model family 'stylegan2'")
        }
        return g
    }

    struct State: Codable {
        var mean: Float
    }

    public func encodeState() throws -> Data? { try encode(State(mean: mean)) }

    public func restoreState(from data: Data) throws {
        mean = try decode(State.self, from: data, component: name).mean
    }
}
