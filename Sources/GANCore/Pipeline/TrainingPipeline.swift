import Foundation
import GANNN
import GANTensor

/// A GAN training loop composed from protocols: it calls the loss, the augmentation and each
/// regularizer through their protocols and never names a method.
///
/// One iteration is `discriminatorSteps` D steps then one G step: two phases, each step one
/// loss, one backward pass and one optimiser step. A regularizer's penalty (times its gain) is
/// added to its phase's loss on the steps its schedule makes due, so where StyleGAN2-ADA has
/// four phases (D main, D regularisation, G main, G regularisation, the regularisation ones
/// separate optimiser steps on their own batches), GANKit by default folds each regularisation
/// phase into its main phase's step on the same batch; with `RegularizationSteps.separate` a
/// due lazy penalty takes its own step after its phase's main step, as the official code does
/// (`docs/methods.md`, "Phases"). Every random draw comes from one seeded
/// source plus the batch sampler's, both saved in checkpoints, so a run is reproducible and a
/// resumed run continues bit-identically.
///
/// With a `DataParallelGroup` (`PipelineConfiguration.dataParallel`) every process draws each
/// global batch as above — indices, latents and the augmentation's parameters — trains on its
/// share of the rows (`BatchShare`), and each phase's gradients are replaced by their mean over
/// the processes before the optimiser step. The augmentation observes D's logits on the whole
/// real batch (gathered from the processes), and regularizers read the whole batch's
/// statistics through `RegularizationContext.share`.
///
/// Every step checks, in the order the values arise, D's outputs, the adversarial loss, each
/// regularizer's penalty, the phase's total loss, every gradient (after backward, before the
/// optimiser step), every updated parameter with its optimiser's state, and the networks' buffers;
/// the first value that is NaN or infinite stops training or skips the step, as
/// `PipelineConfiguration.nonFinite` says (`NonFinitePolicy`).
public final class TrainingPipeline {
    /// A builder to compose a pipeline.
    public static func builder() -> PipelineBuilder { PipelineBuilder() }

    public let configuration: PipelineConfiguration
    public let generator: any Generator
    public let discriminator: any Discriminator
    public let loss: any AdversarialLoss
    public let augmentation: (any Augmentation)?
    public let regularizers: [any Regularizer]
    /// G's optimiser (`PipelineConfiguration.generatorOptimizer`, with the lazy-regularisation
    /// correction of its phase, `LazyRegularizationCorrection`).
    public let generatorOptimizer: any Optimizer
    /// D's optimiser, over D's trainable parameters only.
    public let discriminatorOptimizer: any Optimizer
    /// What the techniques do during training (`TrainingTechnique.makeRun`), in their order.
    public let techniqueRuns: [any TechniqueRun]

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
    /// Steps undone for a non-finite value (`NonFinitePolicy.skip`) since the run began.
    public internal(set) var skippedStepCount = 0

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
        if let group = c.dataParallel { try group.broadcastValues(of: g.parameters() + d.parameters()) }
        for technique in c.techniques { try technique.prepare(generator: g, discriminator: d) }
        let dSettings = try LazyRegularizationCorrection.settings(c.discriminatorOptimizer, for: .discriminator,
                                                                 regularizers: c.regularizers, discriminatorSteps: c.discriminatorSteps)
        discriminatorOptimizer = dSettings.makeOptimizer(for: d.namedParameters().filter { $0.1.isTrainable })
        let gSettings = try LazyRegularizationCorrection.settings(c.generatorOptimizer, for: .generator,
                                                                 regularizers: c.regularizers, discriminatorSteps: c.discriminatorSteps)
        generatorOptimizer = gSettings.makeOptimizer(for: g.namedParameters())
        techniqueRuns = try c.techniques.compactMap { try $0.makeRun(generator: g, discriminator: d) }
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
        var skipped: [String] = []
        var last = DiscriminatorStepResult(loss: 0, realMean: 0, fakeMean: 0, realAccuracy: 0)
        let dSteps = configuration.discriminatorSteps
        var observations: [RealLogitsObservation] = []
        for k in 0..<dSteps {
            let skippedBefore = skipped.count, observedBefore = observations.count
            try guarded(dSteps == 1 ? "discriminator step" : "discriminator step \(k + 1) of \(dSteps)",
                        optimizer: discriminatorOptimizer, skipped: &skipped) {
                try discriminatorStep(dataset, stepInIteration: k, result: &last, observations: &observations,
                                      penalties: &penalties, metrics: &metrics)
            }
            if skipped.count > skippedBefore { observations.removeSubrange(observedBefore...) }
        }
        var gLoss = 0.0
        try guarded("generator step", optimizer: generatorOptimizer, skipped: &skipped) {
            try generatorStep(dataset, loss: &gLoss, penalties: &penalties, metrics: &metrics)
        }
        iteration += 1
        if let augmentation {
            for observation in observations {
                if let logits = observation.regularizationStep { augmentation.observeRegularizationStep(realLogits: logits, batch: share.batch) }
                augmentation.observe(realLogits: observation.step, batch: share.batch)
            }
            metrics.merge(augmentation.metrics) { $1 }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return StepStatistics(iteration: iteration, kimg: Double(imagesShown) / 1000,
                              discriminatorLoss: last.loss, generatorLoss: gLoss,
                              realLogitMean: last.realMean, fakeLogitMean: last.fakeMean, realAccuracy: last.realAccuracy,
                              penalties: penalties, metrics: metrics, seconds: seconds,
                              skipped: skipped.isEmpty ? nil : skipped, skippedSteps: skippedStepCount == 0 ? nil : skippedStepCount)
    }

    /// Runs one optimisation step under the non-finite policy. With `.stop` a non-finite value
    /// becomes `GANCoreError.nonFinite`, counting the iteration as the progress line does (from
    /// 1). With `.skip` the state the step may change is saved first (`StepSavepoint`) and put
    /// back when a value is not finite; the reason goes to `skipped`.
    private func guarded(_ step: String, optimizer: any Optimizer, skipped: inout [String], _ body: () throws -> Void) throws {
        let savepoint = configuration.nonFinite == .skip
            ? try StepSavepoint(optimizer: optimizer, modules: [generator, discriminator], components: statefulComponents.map(\.1))
            : nil
        do {
            try body()
        } catch let value as NonFiniteValue {
            guard let savepoint else { throw GANCoreError.nonFinite(iteration: iteration + 1, step: step, culprit: value.description) }
            try savepoint.restore()
            skippedStepCount += 1
            skipped.append("\(step): \(value)")
        }
    }

    /// Trains until `iterations` generator steps have been done in total, reporting to the
    /// observers after each one, or until `cancellation` is set: then the loop stops after the
    /// iteration during which it was set. Either way the observers' `trainingDidFinish` runs.
    public func train(on dataset: any ImageDataset, iterations: Int, observers: [any TrainingObserver] = [],
                      cancellation: TrainingCancellation? = nil) throws {
        try checkCompatible(dataset)
        try checkStartingState()
        for o in observers { try o.trainingWillStart(self, totalIterations: iterations) }
        while iteration < iterations, try !shouldStop(cancellation) {
            var stats = try step(on: dataset)
            for o in observers { try o.annotate(&stats, pipeline: self) }
            for o in observers { try o.iterationDidFinish(stats, pipeline: self) }
        }
        for o in observers { try o.trainingDidFinish(self) }
    }

    /// Whether `cancellation` asks to stop before the next iteration. In a data-parallel run the
    /// ranks agree first (a request on any rank stops every rank after the same iteration), so
    /// no rank is left waiting in a collective for one that has stopped.
    private func shouldStop(_ cancellation: TrainingCancellation?) throws -> Bool {
        let requested = cancellation?.isCancelled == true
        guard let group = configuration.dataParallel, group.size > 1 else { return requested }
        var flag: [Float] = [requested ? 1 : 0]
        try group.average(&flag)
        return flag[0] > 0
    }

    /// Images from the given latents, with the weights the techniques choose for sampling (the
    /// generator EMA's averages when there is one, `TechniqueRun.withSamplingWeights`), in eval mode
    /// (BatchNorm uses its running statistics), recording nothing and changing no state.
    public func sample(latents: Tensor) -> Tensor {
        Autodiff.withoutRecording {
            generator.eval()
            defer { generator.train() }
            return Self.withSamplingWeights(techniqueRuns[...]) { generator(latents) }
        }
    }

    /// `body` inside every run's `withSamplingWeights`, the first outermost.
    private static func withSamplingWeights(_ runs: ArraySlice<any TechniqueRun>, _ body: () -> Tensor) -> Tensor {
        guard let first = runs.first else { return body() }
        return first.withSamplingWeights { withSamplingWeights(runs.dropFirst(), body) }
    }

    // MARK: - Data parallelism

    /// This process's rows of every global batch (the whole batch in a single process).
    private var share: BatchShare { BatchShare(batch: configuration.batchSize, group: configuration.dataParallel) }

    // MARK: - Phases

    private struct DiscriminatorStepResult {
        var loss: Double, realMean: Double, fakeMean: Double, realAccuracy: Double
    }

    /// One D step. Its images and draws count as used even when a check throws, so a skipped
    /// step is not retried on the same batch.
    private func discriminatorStep(_ dataset: any ImageDataset, stepInIteration: Int, result: inout DiscriminatorStepResult,
                                   observations: inout [RealLogitsObservation],
                                   penalties: inout [String: Double], metrics: inout [String: Double]) throws {
        let share = share, n = share.range.count
        defer {
            discriminatorStepCount += 1
            imagesShown += configuration.batchSize
        }
        let (due, separate) = dueRegularizers(.discriminator) {
            $0.isDue(phaseStep: discriminatorStepCount, iteration: iteration, stepInIteration: stepInIteration)
        }
        var reals = dataset.images(at: share.rows(sampler!.next(configuration.batchSize)))
        if due.contains(where: \.needsRealImageGradient) { reals = reals.requiringGradient() }
        let z = share.rows(Tensor.normal([configuration.batchSize, generator.latentDimension], using: &random))
        let fakes = Autodiff.withoutRecording { generator(z) }
        try NonFiniteValue.check(fakes, "the generator's images")
        let realInputs = augmented(reals), fakeInputs = augmented(fakes)
        let realLogits = discriminator(realInputs).reshaped([n])
        let fakeLogits = discriminator(fakeInputs).reshaped([n])
        let adversarial = loss.discriminatorLoss(real: realLogits, fake: fakeLogits)
        let realValues = realLogits.scalars
        result = DiscriminatorStepResult(
            loss: Double(adversarial.item), realMean: Double(realLogits.detached().mean().item),
            fakeMean: Double(fakeLogits.detached().mean().item), realAccuracy: Double(realValues.filter { $0 > 0 }.count) / Double(n))
        try NonFiniteValue.check(realLogits, "the discriminator's output on the real images")
        try NonFiniteValue.check(fakeLogits, "the discriminator's output on the generated images")
        try NonFiniteValue.check(adversarial, "the discriminator's \(loss.name) loss")
        let context = regularizationContext(.discriminator, reals: reals, realInputs: realInputs, realLogits: realLogits,
                                            latents: z, fakes: fakes, fakeInputs: fakeInputs, fakeLogits: fakeLogits)
        try optimise(.discriminator, adversarial, adding: due, in: context, penalties: &penalties, metrics: &metrics)
        var regularizationLogits: Tensor?
        if !separate.isEmpty {
            regularizationLogits = try discriminatorRegularizationStep(separate, reals: reals.detached(), latents: z, fakes: fakes,
                                                                      penalties: &penalties, metrics: &metrics)
        }
        if augmentation != nil {
            observations.append(RealLogitsObservation(step: try wholeBatch(realLogits),
                                                      regularizationStep: try regularizationLogits.map(wholeBatch)))
        }
    }

    /// D's logits on the whole batch's reals: this process's, gathered from every process in a
    /// data-parallel run.
    private func wholeBatch(_ logits: Tensor) throws -> Tensor {
        share.isWholeBatch ? logits.detached() : Tensor(try share.gather(logits.scalars))
    }

    /// The D regularisation step of `RegularizationSteps.separate` (stylegan2-ada-pytorch's
    /// 'Dreg'): the main step's reals, augmented afresh and read by D as the main step left it,
    /// and its fakes (G has not changed since) for a penalty that reads them; the loss is the due
    /// penalties times their gains. Returns D's logits on the reals, which the augmentation
    /// observes.
    private func discriminatorRegularizationStep(_ due: [any Regularizer], reals: Tensor, latents z: Tensor, fakes: Tensor,
                                                 penalties: inout [String: Double], metrics: inout [String: Double]) throws -> Tensor {
        let n = share.range.count
        let realImages = due.contains(where: \.needsRealImageGradient) ? reals.requiringGradient() : reals
        let realInputs = augmented(realImages)
        let realLogits = discriminator(realInputs).reshaped([n])
        try NonFiniteValue.check(realLogits, "the discriminator's output on the real images of its regularisation step")
        let context = regularizationStepContext(.discriminator, reals: realImages, realInputs: realInputs, realLogits: realLogits,
                                                latents: z, fakes: fakes)
        try optimise(.discriminator, nil, adding: due, in: context, penalties: &penalties, metrics: &metrics)
        return realLogits
    }

    /// What the regularizers of a step of `phase` (main or regularisation) see: the step's batch
    /// and D's logits on it, with the pipeline's random source; the phase step is the D step
    /// count or, for G, the iteration.
    private func regularizationContext(_ phase: TrainingPhase, reals: Tensor?, realInputs: Tensor?, realLogits: Tensor?,
                                       latents z: Tensor, fakes: Tensor, fakeInputs: Tensor,
                                       fakeLogits: Tensor) -> RegularizationContext {
        RegularizationContext(
            phase: phase, iteration: iteration, phaseStep: phase == .discriminator ? discriminatorStepCount : iteration,
            generator: generator, discriminator: discriminator, augment: augmentFunction,
            realImages: reals, realInputs: realInputs, realLogits: realLogits,
            latents: z, fakeInputs: fakeInputs, fakeLogits: fakeLogits, random: random, fakeImages: fakes, share: share)
    }

    /// One G step; `gLoss` receives its adversarial loss before the checks run.
    private func generatorStep(_ dataset: any ImageDataset, loss gLoss: inout Double, penalties: inout [String: Double],
                               metrics: inout [String: Double]) throws {
        let share = share, n = share.range.count
        let (due, separate) = dueRegularizers(.generator) { $0.isDue(phaseStep: iteration, iteration: iteration, stepInIteration: 0) }
        let z = share.rows(Tensor.normal([configuration.batchSize, generator.latentDimension], using: &random))
        let fakes = generator(z)
        try NonFiniteValue.check(fakes, "the generator's images")
        let fakeInputs = augmented(fakes)
        let fakeLogits = discriminator(fakeInputs).reshaped([n])
        var reals: Tensor?, realInputs: Tensor?, realLogits: Tensor?
        if loss.generatorUsesRealLogits {
            reals = dataset.images(at: share.rows(sampler!.next(configuration.batchSize)))
            realInputs = augmented(reals!)
            realLogits = Autodiff.withoutRecording { discriminator(realInputs!).reshaped([n]) }
        }
        let adversarial = loss.generatorLoss(real: realLogits ?? fakeLogits, fake: fakeLogits)
        gLoss = Double(adversarial.item)
        if let realLogits { try NonFiniteValue.check(realLogits, "the discriminator's output on the real images") }
        try NonFiniteValue.check(fakeLogits, "the discriminator's output on the generated images")
        try NonFiniteValue.check(adversarial, "the generator's \(loss.name) loss")
        let context = regularizationContext(.generator, reals: reals, realInputs: realInputs, realLogits: realLogits,
                                            latents: z, fakes: fakes, fakeInputs: fakeInputs, fakeLogits: fakeLogits)
        try optimise(.generator, adversarial, adding: due, in: context, penalties: &penalties, metrics: &metrics)
        if !separate.isEmpty { try generatorRegularizationStep(separate, penalties: &penalties, metrics: &metrics) }
        for run in techniqueRuns { run.generatorStepDidFinish(step: iteration) }
    }

    /// The G regularisation step of `RegularizationSteps.separate` (stylegan2-ada-pytorch's
    /// 'Greg'): fresh latents, no reals, G as the main step left it; G's images of the latents
    /// (augmented and read by D) are made only for a penalty that reads them (path length makes
    /// its own from half the latents, as the official phase runs G once). The loss is the due
    /// penalties times their gains.
    private func generatorRegularizationStep(_ due: [any Regularizer], penalties: inout [String: Double],
                                             metrics: inout [String: Double]) throws {
        let z = share.rows(Tensor.normal([configuration.batchSize, generator.latentDimension], using: &random))
        let context = regularizationStepContext(.generator, reals: nil, realInputs: nil, realLogits: nil, latents: z, fakes: nil)
        try optimise(.generator, nil, adding: due, in: context, penalties: &penalties, metrics: &metrics)
    }

    /// The context of a regularisation step, whose fakes (`fakes`, or G's images of `z` when nil)
    /// are augmented and read by D when a penalty first reads them, not before
    /// (`RegularizationContext`'s lazy fakes): the official regularisation phases run neither
    /// network on fakes their penalty does not use. Their augmentation draws from a source seeded
    /// here from the pipeline's, so the pipeline's draws do not depend on whether they are made.
    private func regularizationStepContext(_ phase: TrainingPhase, reals: Tensor?, realInputs: Tensor?, realLogits: Tensor?,
                                           latents z: Tensor, fakes given: Tensor?) -> RegularizationContext {
        var fakeRandom = RandomSource(seed: random.next())
        let (generator, discriminator, augment, rows) = (generator, discriminator, augmentFunction, share.range.count)
        return RegularizationContext(
            phase: phase, iteration: iteration, phaseStep: phase == .discriminator ? discriminatorStepCount : iteration,
            generator: generator, discriminator: discriminator, augment: augment,
            realImages: reals, realInputs: realInputs, realLogits: realLogits, latents: z,
            makeFakes: {
                let fakes = given ?? generator(z)
                let inputs = augment(fakes, &fakeRandom)
                return (fakes, inputs, discriminator(inputs).reshaped([rows]))
            },
            random: random, share: share)
    }

    /// The regularizers of `phase` due at this step (`isDue` on their schedules), split into
    /// those that join the main step and, with `RegularizationSteps.separate`, the lazy ones
    /// (`RegularizationSchedule.rescalesOptimizer`) that take a step of their own.
    private func dueRegularizers(_ phase: TrainingPhase, _ isDue: (RegularizationSchedule) -> Bool)
        -> (joining: [any Regularizer], separate: [any Regularizer]) {
        let due = regularizers.filter { $0.schedule.phase == phase && isDue($0.schedule) }
        guard configuration.regularizationSteps == .separate else { return (due, []) }
        return (due.filter { !$0.schedule.rescalesOptimizer }, due.filter(\.schedule.rescalesOptimizer))
    }

    /// `optimise` for `phase`'s network, its trainable parameters and its optimiser.
    private func optimise(_ phase: TrainingPhase, _ loss: Tensor?, adding due: [any Regularizer], in context: RegularizationContext,
                          penalties: inout [String: Double], metrics: inout [String: Double]) throws {
        switch phase {
        case .discriminator:
            try optimise(loss, adding: due, in: context, network: "discriminator", module: discriminator,
                         parameters: trainableD, optimizer: discriminatorOptimizer, penalties: &penalties, metrics: &metrics)
        case .generator:
            try optimise(loss, adding: due, in: context, network: "generator", module: generator,
                         parameters: trainableG, optimizer: generatorOptimizer, penalties: &penalties, metrics: &metrics)
        }
    }

    /// Adds the due penalties (times their gains) to a phase's loss (none in a regularisation
    /// step, whose loss is the penalties alone), then takes one optimiser step on that phase's
    /// trainable parameters. The context's random source flows back; a regularisation step
    /// whose penalties are all nil takes no step.
    ///
    /// Each penalty (by its regularizer's name), the total, every gradient before the step and
    /// every parameter, optimiser state and buffer after it is checked for NaN and infinity, one
    /// pass over each; the first that is not finite is thrown as a `NonFiniteValue`.
    private func optimise(_ loss: Tensor?, adding due: [any Regularizer], in context: RegularizationContext,
                          network: String, module: any Module, parameters: [Tensor], optimizer: any Optimizer,
                          penalties: inout [String: Double], metrics: inout [String: Double]) throws {
        var context = context
        var total = loss
        var added: [(String, Tensor)] = []
        for r in due {
            guard let p = try r.penalty(&context) else { continue }
            penalties[r.name] = Double(p.item)
            added.append((r.name, p))
            total = total.map { $0 + p * r.schedule.gain } ?? p * r.schedule.gain
        }
        random = context.random
        metrics.merge(context.metrics) { $1 }
        for (name, p) in added { try NonFiniteValue.check(p, "the penalty of regularizer '\(name)'") }
        guard let total else { return }
        try NonFiniteValue.check(total, loss == nil
            ? "the \(network)'s regularisation loss (each penalty times its gain)"
            : "the \(network)'s loss (its adversarial loss plus each penalty times its gain)")
        module.zeroGradients()
        try total.backward(to: parameters)
        if let group = configuration.dataParallel { try group.averageGradients(of: parameters) }
        do {
            try NonFiniteValue.checkGradients(of: optimizer, network: network)
            optimizer.step()
            try NonFiniteValue.checkState(of: optimizer, network: network)
        } catch var value as NonFiniteValue where !added.isEmpty {
            // Finite penalties can still overflow the gradient or the optimiser's state (Adam's g²): name them.
            value.note = "the loss it came from includes " + added.map { name, p in
                "the penalty of regularizer '\(name)', \(p.item) before its gain"
            }.joined(separator: " and ")
            throw value
        }
        try NonFiniteValue.checkBuffers(of: generator, network: "generator")
        try NonFiniteValue.checkBuffers(of: discriminator, network: "discriminator")
    }

    /// Refuses to train from a state that holds a non-finite value (a checkpoint written before
    /// GANKit checked for them): the first step would otherwise stop or skip with a message
    /// that blames that step.
    private func checkStartingState() throws {
        do {
            for (network, module, optimizer) in [("generator", generator as any Module, generatorOptimizer as any Optimizer),
                                                 ("discriminator", discriminator as any Module, discriminatorOptimizer)] {
                for (name, p) in module.namedParameters() { try NonFiniteValue.check(p.value, "\(network) parameter '\(name)'") }
                try NonFiniteValue.checkState(of: optimizer, network: network)
                try NonFiniteValue.checkBuffers(of: module, network: network)
            }
            for run in techniqueRuns {
                for (key, tensor) in run.checkpointTensors.sorted(by: { $0.key < $1.key }) {
                    try NonFiniteValue.check(tensor, "the technique state '\(key)'")
                }
            }
        } catch let error as NonFiniteValue {
            throw GANCoreError.invalidComponentState(component: "the pipeline", reason:
                "its state at iteration \(iteration) holds a non-finite value, so training cannot start: \(error) " +
                "(a checkpoint written before GANKit checked for non-finite values may hold one; resume from an earlier checkpoint)")
        }
    }

    // MARK: - Helpers

    /// The augmentation as a function of this process's rows of a batch and the random source
    /// (identity without one).
    private var augmentFunction: (Tensor, inout RandomSource) -> Tensor {
        guard let augmentation else { return { x, _ in x } }
        let share = share
        return { x, rng in Self.apply(augmentation, x, share, &rng) }
    }

    private func augmented(_ images: Tensor) -> Tensor {
        guard let augmentation else { return images }
        return Self.apply(augmentation, images, share, &random)
    }

    /// Draws the augmentation's parameters for the whole batch and applies them, or, in a
    /// data-parallel run, applies those of this process's rows (`PerSampleAugmentation`, which
    /// `PipelineBuilder` requires of such a run).
    private static func apply(_ augmentation: any Augmentation, _ images: Tensor, _ share: BatchShare,
                              _ rng: inout RandomSource) -> Tensor {
        if share.isWholeBatch { return whole(augmentation, images, &rng) }
        guard let perSample = augmentation as? any PerSampleAugmentation else {
            preconditionFailure("augmentation '\(augmentation.name)' in a data-parallel run is not a PerSampleAugmentation")
        }
        return shared(perSample, images, share, &rng)
    }

    private static func whole<A: Augmentation>(_ augmentation: A, _ images: Tensor, _ rng: inout RandomSource) -> Tensor {
        augmentation(images, using: &rng)
    }

    private static func shared<A: PerSampleAugmentation>(_ augmentation: A, _ images: Tensor, _ share: BatchShare,
                                                         _ rng: inout RandomSource) -> Tensor {
        augmentation(images, share: share, using: &rng)
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
