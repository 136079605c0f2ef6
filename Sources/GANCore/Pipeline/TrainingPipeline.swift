import Foundation
import GANNN
import GANTensor

/// A GAN training loop composed from protocols: it calls the loss, the augmentation and each
/// regularizer through their protocols and never names a method.
///
/// One iteration is `discriminatorSteps` D steps then one G step (StyleGAN2-ADA's phases D main,
/// D regularisation, G main, G regularisation, with each regularizer's penalty added to its
/// phase's loss on the steps its schedule makes due). Every random draw comes from one seeded
/// source plus the batch sampler's, both saved in checkpoints, so a run is reproducible and a
/// resumed run continues bit-identically.
public final class TrainingPipeline {
    /// A builder to compose a pipeline.
    public static func builder() -> PipelineBuilder { PipelineBuilder() }

    public let configuration: PipelineConfiguration
    public let generator: any Generator
    public let discriminator: any Discriminator
    public let loss: any AdversarialLoss
    public let augmentation: (any Augmentation)?
    public let regularizers: [any Regularizer]
    public let generatorOptimizer: Adam
    public let discriminatorOptimizer: Adam
    public let generatorEMA: GeneratorEMA?

    /// Generator steps completed.
    public internal(set) var iteration = 0
    /// Discriminator steps completed.
    public internal(set) var discriminatorStepCount = 0
    /// Real images shown to D.
    public internal(set) var imagesShown = 0
    /// The source of latents, augmentation parameters and penalties' draws.
    public internal(set) var random: RandomSource
    /// The batch sampler (created for the first data set trained on).
    public internal(set) var sampler: BatchSampler?

    private let trainableD: [Tensor]
    private let trainableG: [Tensor]

    init(configuration c: PipelineConfiguration) throws {
        guard let g = c.generator, let d = c.discriminator else {
            throw GANCoreError.invalidConfiguration("a pipeline needs a generator and a discriminator")
        }
        configuration = c
        generator = g
        discriminator = d
        loss = c.loss
        augmentation = c.augmentation
        regularizers = c.regularizers
        random = RandomSource(seed: c.seed)
        for block in d.blocks.prefix(c.frozenDiscriminatorBlocks) { block.freeze() }
        var dSettings = c.discriminatorOptimizer
        if let lazy = c.regularizers.first(where: { $0.schedule.phase == .discriminator && $0.schedule.rescalesOptimizer }) {
            dSettings = dSettings.rescaledForLazyRegularization(interval: lazy.schedule.interval)
        }
        discriminatorOptimizer = Adam(d.namedParameters().filter { $0.1.isTrainable }, learningRate: dSettings.learningRate,
                                      betas: (dSettings.beta1, dSettings.beta2), epsilon: dSettings.epsilon)
        let gs = c.generatorOptimizer
        generatorOptimizer = Adam(g, learningRate: gs.learningRate, betas: (gs.beta1, gs.beta2), epsilon: gs.epsilon)
        generatorEMA = c.generatorEMADecay.map { GeneratorEMA(g, decay: $0) }
        trainableD = d.parameters().filter(\.isTrainable).map(\.value)
        trainableG = g.parameters().filter(\.isTrainable).map(\.value)
        g.train()
        d.train()
    }

    /// Runs one iteration on `dataset` and returns its statistics.
    public func step(on dataset: any ImageDataset) throws -> StepStatistics {
        try checkCompatible(dataset)
        let start = DispatchTime.now()
        if sampler == nil { sampler = BatchSampler(datasetCount: dataset.count, seed: configuration.seed &+ 0x5EED) }
        var penalties: [String: Double] = [:]
        var metrics: [String: Double] = [:]
        var last = DiscriminatorStepResult(loss: 0, realMean: 0, fakeMean: 0, realAccuracy: 0)
        for k in 0..<configuration.discriminatorSteps {
            last = try discriminatorStep(dataset, isFirst: k == 0, penalties: &penalties, metrics: &metrics)
        }
        let gLoss = try generatorStep(dataset, penalties: &penalties, metrics: &metrics)
        iteration += 1
        if let augmentation { metrics.merge(augmentation.metrics) { $1 } }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return StepStatistics(iteration: iteration, kimg: Double(imagesShown) / 1000,
                              discriminatorLoss: last.loss, generatorLoss: gLoss,
                              realLogitMean: last.realMean, fakeLogitMean: last.fakeMean, realAccuracy: last.realAccuracy,
                              penalties: penalties, metrics: metrics, seconds: seconds)
    }

    /// Trains until `iterations` generator steps have been done in total, reporting to the
    /// observers after each one, or until `cancellation` is set: then the loop stops after the
    /// iteration during which it was set. Either way the observers' `trainingDidFinish` runs.
    public func train(on dataset: any ImageDataset, iterations: Int, observers: [any TrainingObserver] = [],
                      cancellation: TrainingCancellation? = nil) throws {
        try checkCompatible(dataset)
        for o in observers { try o.trainingWillStart(self, totalIterations: iterations) }
        while iteration < iterations, cancellation?.isCancelled != true {
            var stats = try step(on: dataset)
            for o in observers { try o.annotate(&stats, pipeline: self) }
            for o in observers { try o.iterationDidFinish(stats, pipeline: self) }
        }
        for o in observers { try o.trainingDidFinish(self) }
    }

    /// Images from the given latents, with the EMA weights when there are any, in eval mode
    /// (BatchNorm uses its running statistics), recording nothing and changing no state.
    public func sample(latents: Tensor) -> Tensor {
        Autodiff.withoutRecording {
            generator.eval()
            defer { generator.train() }
            if let generatorEMA { return generatorEMA.withAveragedWeights { generator(latents) } }
            return generator(latents)
        }
    }

    // MARK: - Phases

    private struct DiscriminatorStepResult {
        var loss: Double, realMean: Double, fakeMean: Double, realAccuracy: Double
    }

    private func discriminatorStep(_ dataset: any ImageDataset, isFirst: Bool,
                                   penalties: inout [String: Double], metrics: inout [String: Double]) throws -> DiscriminatorStepResult {
        let n = configuration.batchSize
        let due = regularizers.filter { $0.schedule.phase == .discriminator && $0.schedule.isDue(atStep: discriminatorStepCount) }
        var reals = dataset.images(at: sampler!.next(n))
        if due.contains(where: \.needsRealImageGradient) { reals = reals.requiringGradient() }
        let z = Tensor.normal([n, generator.latentDimension], using: &random)
        let fakes = Autodiff.withoutRecording { generator(z) }
        let realInputs = augmented(reals), fakeInputs = augmented(fakes)
        let realLogits = discriminator(realInputs).reshaped([n])
        let fakeLogits = discriminator(fakeInputs).reshaped([n])
        let adversarial = loss.discriminatorLoss(real: realLogits, fake: fakeLogits)
        let context = RegularizationContext(
            phase: .discriminator, iteration: iteration, phaseStep: discriminatorStepCount, isFirstDiscriminatorStep: isFirst,
            generator: generator, discriminator: discriminator, augment: augmentFunction,
            realImages: reals, realInputs: realInputs, realLogits: realLogits,
            latents: z, fakeInputs: fakeInputs, fakeLogits: fakeLogits, random: random, fakeImages: fakes)
        try optimise(adversarial, adding: due, in: context, module: discriminator, parameters: trainableD,
                     optimizer: discriminatorOptimizer, penalties: &penalties, metrics: &metrics)
        let realValues = realLogits.scalars
        augmentation?.observe(realLogits: realLogits.detached(), batch: n)
        discriminatorStepCount += 1
        imagesShown += n
        return DiscriminatorStepResult(
            loss: Double(adversarial.item), realMean: Double(realLogits.mean().item), fakeMean: Double(fakeLogits.mean().item),
            realAccuracy: Double(realValues.filter { $0 > 0 }.count) / Double(n))
    }

    private func generatorStep(_ dataset: any ImageDataset, penalties: inout [String: Double],
                               metrics: inout [String: Double]) throws -> Double {
        let n = configuration.batchSize
        let phaseStep = iteration
        let due = regularizers.filter { $0.schedule.phase == .generator && $0.schedule.isDue(atStep: phaseStep) }
        let z = Tensor.normal([n, generator.latentDimension], using: &random)
        let fakes = generator(z)
        let fakeInputs = augmented(fakes)
        let fakeLogits = discriminator(fakeInputs).reshaped([n])
        var reals: Tensor?, realInputs: Tensor?, realLogits: Tensor?
        if loss.generatorUsesRealLogits {
            reals = dataset.images(at: sampler!.next(n))
            realInputs = augmented(reals!)
            realLogits = Autodiff.withoutRecording { discriminator(realInputs!).reshaped([n]) }
        }
        let adversarial = loss.generatorLoss(real: realLogits ?? fakeLogits, fake: fakeLogits)
        let context = RegularizationContext(
            phase: .generator, iteration: iteration, phaseStep: phaseStep, isFirstDiscriminatorStep: false,
            generator: generator, discriminator: discriminator, augment: augmentFunction,
            realImages: reals, realInputs: realInputs, realLogits: realLogits,
            latents: z, fakeInputs: fakeInputs, fakeLogits: fakeLogits, random: random, fakeImages: fakes)
        try optimise(adversarial, adding: due, in: context, module: generator, parameters: trainableG,
                     optimizer: generatorOptimizer, penalties: &penalties, metrics: &metrics)
        generatorEMA?.update(step: iteration)
        return Double(adversarial.item)
    }

    /// Adds the due penalties (times their gains) to a phase's loss, then takes one optimiser
    /// step on that phase's trainable parameters. The context's random source flows back.
    private func optimise(_ loss: Tensor, adding due: [any Regularizer], in context: RegularizationContext,
                          module: any Module, parameters: [Tensor], optimizer: Adam,
                          penalties: inout [String: Double], metrics: inout [String: Double]) throws {
        var context = context
        var total = loss
        for r in due {
            guard let p = try r.penalty(&context) else { continue }
            penalties[r.name] = Double(p.item)
            total = total + p * r.schedule.gain
        }
        random = context.random
        metrics.merge(context.metrics) { $1 }
        guard total.item.isFinite else {
            throw GANCoreError.nonFiniteLoss("the \(context.phase) loss at iteration \(iteration) is \(total.item)")
        }
        module.zeroGradients()
        try total.backward(to: parameters)
        optimizer.step()
    }

    // MARK: - Helpers

    /// The augmentation as a function of images and the random source (identity without one).
    private var augmentFunction: (Tensor, inout RandomSource) -> Tensor {
        guard let augmentation else { return { x, _ in x } }
        return { x, rng in Self.apply(augmentation, x, &rng) }
    }

    private func augmented(_ images: Tensor) -> Tensor {
        guard let augmentation else { return images }
        return Self.apply(augmentation, images, &random)
    }

    private static func apply<A: Augmentation>(_ augmentation: A, _ images: Tensor, _ rng: inout RandomSource) -> Tensor {
        augmentation(images, using: &rng)
    }

    private func checkCompatible(_ dataset: any ImageDataset) throws {
        guard dataset.imageSize == discriminator.inputSize else {
            throw GANCoreError.incompatibleData("the images are \(dataset.imageSize) but the discriminator reads \(discriminator.inputSize)")
        }
        guard dataset.count > 0 else { throw GANCoreError.incompatibleData("the data set is empty") }
        if let sampler, sampler.datasetCount != dataset.count {
            throw GANCoreError.incompatibleData("the pipeline was trained on \(sampler.datasetCount) images; this data set has \(dataset.count)")
        }
    }
}
