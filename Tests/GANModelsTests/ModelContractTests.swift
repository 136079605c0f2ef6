import GANCore
import GANModels
import GANNN
import GANTensor
import GANTestSupport
import Testing

/// What every model pair must do to be used in a `TrainingPipeline`: the declared sizes, unique
/// names, D's features feeding its head, D's blocks covering its parameters, seeded construction, a training step, and R1's
/// double backpropagation through D.
@Suite struct ModelContractTests {
    @Test(arguments: ModelPair.all)
    func outputsHaveTheDeclaredShapes(pair: ModelPair) {
        let g = pair.generator(seed: 1), d = pair.discriminator(seed: 2)
        #expect(g.outputSize == d.inputSize)
        var rng = RandomSource(seed: 3)
        let images = g(Tensor.normal([3, g.latentDimension], using: &rng))
        #expect(images.shape == [3] + g.outputSize.shape)
        #expect(d(images).shape == [3, 1])
    }

    /// `features(x)` is what D's head (its last block) reads: head(features(x)) = D(x).
    @Test(arguments: ModelPair.all)
    func featuresAreWhatTheHeadReads(pair: ModelPair) throws {
        let g = pair.generator(seed: 1), d = pair.discriminator(seed: 2)
        d.eval()  // no spectral-norm power iteration between the two passes
        var rng = RandomSource(seed: 3)
        let images = g(Tensor.normal([3, g.latentDimension], using: &rng))
        let features = d.features(images)
        #expect(features.rank == 2 && features.shape[0] == 3)
        let head = try #require(d.blocks.last as? any Layer)
        let (a, b) = (head(features).scalars, d(images).scalars)
        #expect(a.count == 3 && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }, "\(a) vs \(b)")
    }

    @Test(arguments: ModelPair.all)
    func parameterAndBufferNamesAreUnique(pair: ModelPair) {
        for model in [pair.generator(seed: 1) as any Module, pair.discriminator(seed: 1)] {
            let names = model.namedParameters().map(\.0) + model.namedBuffers().map(\.0)
            #expect(Set(names).count == names.count, "\(names)")
            #expect(!names.isEmpty)
        }
    }

    @Test(arguments: ModelPair.all)
    func discriminatorBlocksPartitionItsParameters(pair: ModelPair) {
        let d = pair.discriminator(seed: 1)
        let blockParameters = d.blocks.flatMap { $0.parameters().map(ObjectIdentifier.init) }
        #expect(d.blocks.count >= 2)
        #expect(Set(blockParameters).count == blockParameters.count, "a parameter belongs to two blocks")
        #expect(Set(blockParameters) == Set(d.parameters().map(ObjectIdentifier.init)))
        #expect(d.blocks.allSatisfy { $0.parameterCount > 0 })
    }

    @Test(arguments: ModelPair.all)
    func constructionIsReproducibleFromTheSeed(pair: ModelPair) {
        #expect(snapshot(pair.generator(seed: 5)) == snapshot(pair.generator(seed: 5)))
        #expect(snapshot(pair.discriminator(seed: 5)) == snapshot(pair.discriminator(seed: 5)))
        #expect(snapshot(pair.generator(seed: 5)) != snapshot(pair.generator(seed: 6)))
        #expect(snapshot(pair.discriminator(seed: 5)) != snapshot(pair.discriminator(seed: 6)))
    }

    /// Every parameter of D moves, and every weight of G; G's biases are left out because one
    /// that feeds a BatchNorm has zero gradient by construction (the batch mean cancels it).
    @Test(arguments: ModelPair.all)
    func oneTrainingStepThroughThePipelineChangesTheWeights(pair: ModelPair) throws {
        let g = pair.generator(seed: 1), d = pair.discriminator(seed: 2)
        let pipeline = try TrainingPipeline.builder().generator(g).discriminator(d).batchSize(4).seed(3).build()
        var rng = RandomSource(seed: 4)
        let data = TensorDataset(Tensor.uniform([8] + g.outputSize.shape, low: -1, high: 1, using: &rng))
        let before = (g: snapshot(g), d: snapshot(d))
        let statistics = try pipeline.step(on: data)
        #expect(statistics.discriminatorLoss.isFinite && statistics.generatorLoss.isFinite)
        for (model, old) in [(g as any Module, before.g), (d, before.d)] {
            for (name, parameter) in model.namedParameters() where model === d || name.hasSuffix("weight") {
                #expect(parameter.value.scalars != old[name], "\(name) did not change")
                #expect(parameter.value.scalars.allSatisfy { $0.isFinite }, "\(name) is not finite")
            }
        }
    }

    /// The second-order check of GANTestSupport on D's input, the path R1 takes. D runs in
    /// evaluation mode, so spectral normalisation uses one fixed (u, v) for every evaluation.
    /// A piecewise-linear D has a piecewise-constant input-gradient, whose exact derivative is
    /// zero; its finite differences are exactly zero too unless the step moves a hidden unit
    /// across its kink, so for those the step is small enough (1e-4) to stay in one linear piece.
    @Test(arguments: ModelPair.all)
    func inputGradientIsDifferentiableAgain(pair: ModelPair) throws {
        let d = pair.discriminator(seed: 2)
        var rng = RandomSource(seed: 7)
        let x = Tensor.uniform([2] + d.inputSize.shape, low: -1, high: 1, using: &rng)
        _ = d(x)  // one power iteration in training mode, so the frozen σ estimate is sensible
        d.eval()
        let report = try GradCheck.secondOrder([x], step: pair.discriminatorIsPiecewiseLinear ? 1e-4 : 1e-2) { d($0[0]) }
        #expect(report.relativeError < 2e-3, "\(report)")
    }

    /// ∂R1/∂θ for the head θ of D (its last block), the gradient an R1 step applies, against a
    /// Richardson-extrapolated central difference of R1 along a random direction of θ. The head
    /// sits after every kink, so moving it keeps each hidden unit in its linear piece.
    @Test(arguments: ModelPair.all)
    func r1GradientReachesTheHeadWeights(pair: ModelPair) throws {
        let d = pair.discriminator(seed: 2)
        var rng = RandomSource(seed: 8)
        let x = Tensor.uniform([3] + d.inputSize.shape, low: -1, high: 1, using: &rng)
        _ = d(x)
        d.eval()
        let head = d.blocks.last!.parameters()
        let gradients = try r1Penalty(d, x, createGraph: true).gradients(wrt: head.map(\.value))
        let directions = head.map { Tensor.normal($0.shape, using: &rng) }
        let analytic = zip(gradients, directions).reduce(0.0) { $0 + Double(($1.0 * $1.1).sum().item) }

        let origins = head.map { $0.value.detached() }
        func r1(alongBy h: Float) throws -> Double {
            for ((parameter, origin), direction) in zip(zip(head, origins), directions) { parameter.assign(origin + direction * h) }
            defer { for (parameter, origin) in zip(head, origins) { parameter.assign(origin) } }
            return Double(try r1Penalty(d, x, createGraph: false).item)
        }
        let h: Float = 1e-2
        let wide = (try r1(alongBy: h) - r1(alongBy: -h)) / Double(2 * h)
        let narrow = (try r1(alongBy: h / 2) - r1(alongBy: -h / 2)) / Double(h)
        let numeric = (4 * narrow - wide) / 3
        #expect(analytic != 0)
        #expect(abs(analytic - numeric) <= 2e-3 * abs(numeric), "analytic \(analytic), numeric \(numeric)")
    }
}
