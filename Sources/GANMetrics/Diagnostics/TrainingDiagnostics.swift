import GANCore

/// Measures the MS3D paper's training diagnostics (Wang et al., ICML 2024, section 3.2 and
/// Figs. 2–4, 7, 8c, 12) and DigGAN's gradient gap on fixed batches, so that values at different
/// iterations compare the same images:
///
/// - the fixed real batch: `batch` training images spread evenly over the training set
///   (image ⌊i·count/batch⌋ for i < batch, all of them when there are fewer);
/// - the fixed fake batch: as many images from the generator (its training weights, not the
///   EMA: these are the fakes D is trained against) at latents drawn once from
///   `RandomSource(seed:)`;
/// - the held-out reals: up to `batch` of them, spread the same way.
///
/// Both networks run in evaluation mode during a measurement (no BatchNorm statistics or
/// spectral-norm power iterations are updated) and are put back in training mode after, and no
/// draw is taken from the pipeline's random source, so measuring does not change the run.
public final class TrainingDiagnostics {
    public let narrowing: PerceptualNarrowing
    public let selfDissimilarity: GradientSelfDissimilarity
    /// The fixed training reals, [B, C, H, W].
    public let reals: Tensor
    /// The fixed held-out reals, or nil when none are held out.
    public let heldOutReals: Tensor?
    /// Seed of the fixed latents.
    public let seed: UInt64
    private var latents: Tensor?

    /// - Parameters:
    ///   - training: the images D trains on.
    ///   - heldOut: images D never sees, or nil.
    ///   - batch: the fixed batch size (≥ 2: the cosine similarity needs pairs).
    ///   - narrowing: how the perceptual-narrowing count thresholds the gradient map.
    ///   - selfDissimilarity: how the per-scale self-dissimilarity of ∇ₓD is measured.
    ///   - seed: the seed of the fixed latents.
    public init(training: any ImageDataset, heldOut: (any ImageDataset)?, batch: Int,
                narrowing: PerceptualNarrowing = PerceptualNarrowing(),
                selfDissimilarity: GradientSelfDissimilarity = GradientSelfDissimilarity(), seed: UInt64 = 0) {
        precondition(batch >= 2, "TrainingDiagnostics: the batch must hold at least 2 images, got \(batch)")
        precondition(training.count >= 2, "TrainingDiagnostics: need at least 2 training images, got \(training.count)")
        self.narrowing = narrowing
        self.selfDissimilarity = selfDissimilarity
        self.seed = seed
        reals = training.images(at: Self.spread(batch, over: training.count))
        heldOutReals = heldOut.flatMap { $0.count > 0 ? $0.images(at: Self.spread(batch, over: $0.count)) : nil }
    }

    /// ⌊i·count/k⌋ for i < k, k = min(wanted, count).
    static func spread(_ wanted: Int, over count: Int) -> [Int] {
        let k = min(wanted, count)
        return (0..<k).map { $0 * count / k }
    }

    /// One measurement of the pipeline's current networks.
    public func measure(_ pipeline: TrainingPipeline) throws -> (record: DiagnosticsRecord, magnitudes: Tensor) {
        try measure(generator: pipeline.generator, discriminator: pipeline.discriminator, iteration: pipeline.iteration,
                    loss: pipeline.loss, regularizers: pipeline.regularizers)
    }

    /// One measurement; `magnitudes` are the |∇ₓD| maps of the fixed reals, [B, 1, H, W]. With
    /// a `loss`, the record also holds each discriminator regularizer's `PenaltyGradientRatio`.
    public func measure(generator: any Generator, discriminator d: any Discriminator, iteration: Int,
                        loss: (any AdversarialLoss)? = nil, regularizers: [any Regularizer] = []) throws -> (record: DiagnosticsRecord, magnitudes: Tensor) {
        generator.eval()
        d.eval()
        defer {
            generator.train()
            d.train()
        }
        let latents = fixedLatents(count: reals.shape[0], dimension: generator.latentDimension)
        let fakes = Autodiff.withoutRecording { generator(latents) }
        let realField = try InputGradient.of(d, at: reals)
        let fakeField = try InputGradient.of(d, at: fakes)
        let magnitudes = InputGradient.magnitude(realField)
        let ratios = narrowing.ratios(magnitudes)
        let gap = GradientGap(realNorms: InputGradient.norms(realField), fakeNorms: InputGradient.norms(fakeField))
        let fisher = try FisherTrace.of(d, images: Tensor.concat([reals, fakes], axis: 0))
        let (features, trainingOutput, fakeOutput, heldOutOutput) = Autodiff.withoutRecording {
            (d.features(reals), Double(d(reals).mean().item), Double(d(fakes).mean().item), heldOutReals.map { Double(d($0).mean().item) })
        }
        let extremes = try NormalisationExtremes.of(realField, measure: selfDissimilarity)
        let penaltyRatios = try loss.map {
            try PenaltyGradientRatio.of(discriminator: d, generator: generator, loss: $0, regularizers: regularizers,
                                        reals: reals, latents: latents, fakes: fakes, iteration: iteration)
        }
        let record = DiagnosticsRecord(
            iteration: iteration, connectedRegionRatio: ratios.reduce(0, +) / Double(ratios.count),
            selfDissimilarity: selfDissimilarity.perScale(realField),
            realGradientNorm: gap.realNorm, fakeGradientNorm: gap.fakeNorm, gradientGap: gap.gap, fisherTrace: fisher,
            featureCosineSimilarity: EmbeddingSimilarity.meanPairwiseCosine(features),
            trainingRealOutput: trainingOutput, heldOutRealOutput: heldOutOutput, fakeOutput: fakeOutput,
            penaltyGradientRatio: penaltyRatios, extremes: extremes)
        return (record, magnitudes)
    }

    private func fixedLatents(count: Int, dimension: Int) -> Tensor {
        if let latents, latents.shape == [count, dimension] { return latents }
        var rng = RandomSource(seed: seed)
        let z = Tensor.normal([count, dimension], using: &rng)
        latents = z
        return z
    }
}
