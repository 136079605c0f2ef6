import GANCore
import GANModels
import GANNN
import GANTensor
import GANTestSupport
import Testing

/// The StyleGAN2 pair: the official layout (widths, w count, parameter names), the generator's
/// modes (w_avg tracking, truncation, style mixing, noise), finite-difference checks of G's
/// first-order and D's R1 gradients, and a few training steps.
@Suite struct StyleGAN2Tests {
    static let tinyWidths = StyleGAN2ChannelWidths(base: 32, maximum: 4)

    static func tinyGenerator(resolution: Int = 8, mixing: Float = 0.9, activation: BiasActivation = .leakyReLU,
                              seed: UInt64 = 1) -> StyleGAN2Generator {
        var rng = RandomSource(seed: seed)
        return StyleGAN2Generator(resolution: resolution, channels: 3, latentDimension: 6, widths: tinyWidths,
                                  mappingLayers: 2, styleMixingProbability: mixing, activation: activation, using: &rng)
    }

    static func tinyDiscriminator(resolution: Int = 8, activation: BiasActivation = .leakyReLU, seed: UInt64 = 2) -> StyleGAN2Discriminator {
        var rng = RandomSource(seed: seed)
        return StyleGAN2Discriminator(resolution: resolution, channels: 3, widths: tinyWidths, activation: activation, using: &rng)
    }

    @Test(arguments: [32, 64])
    func theFamilyDefaultsMakeImagesOfTheRequestedSizeAndOneLogitEach(resolution: Int) throws {
        let family = try StyleGAN2Family()
        var rng = RandomSource(seed: 1)
        let request = ModelRequest(imageSize: ImageSize(channels: 3, resolution: resolution), latentDimension: 32, width: 64,
                                   initialization: "dcgan")
        let (g, d) = try family.makeModels(for: request, using: &rng)
        let images = g(Tensor.normal([4, 32], using: &rng))
        #expect(images.shape == [4, 3, resolution, resolution])
        #expect(images.scalars.allSatisfy { $0.isFinite })
        let logits = d(images)
        #expect(logits.shape == [4, 1])
        #expect(d.features(images).shape == [4, family.widths.channels(at: 4)])
    }

    @Test func channelWidthsFollowTheOfficialFormulaWithTheDocumentedDefaults() throws {
        let widths = try StyleGAN2Family().widths
        #expect([4, 8, 16, 32, 64].map(widths.channels(at:)) == [128, 128, 64, 32, 16])
        let official = StyleGAN2ChannelWidths(base: 32768, maximum: 512)
        #expect([4, 64, 128, 256].map(official.channels(at:)) == [512, 512, 256, 128])
    }

    /// num_ws = 2·log2(R) − 2: one w per convolution plus the last ToRGB's.
    @Test func theSynthesisNetworkReadsTheOfficialNumberOfStyles() {
        #expect(Self.tinyGenerator(resolution: 8).synthesis.styleCount == 4)
        #expect(Self.tinyGenerator(resolution: 32).synthesis.styleCount == 8)
        #expect(Self.tinyGenerator(resolution: 64).synthesis.styleCount == 10)
    }

    /// The names of stylegan2-ada-pytorch's state dicts, so its weights map one to one.
    @Test func parameterNamesAreTheOfficialOnes() {
        let g = Self.tinyGenerator(resolution: 8), d = Self.tinyDiscriminator(resolution: 8)
        let gNames = Set(g.namedParameters().map(\.0)), gBuffers = Set(g.namedBuffers().map(\.0))
        #expect(gNames == [
            "synthesis.b4.const", "synthesis.b4.conv1.weight", "synthesis.b4.conv1.bias", "synthesis.b4.conv1.affine.weight",
            "synthesis.b4.conv1.affine.bias", "synthesis.b4.conv1.noise_strength", "synthesis.b4.torgb.weight",
            "synthesis.b4.torgb.bias", "synthesis.b4.torgb.affine.weight", "synthesis.b4.torgb.affine.bias",
            "synthesis.b8.conv0.weight", "synthesis.b8.conv0.bias", "synthesis.b8.conv0.affine.weight",
            "synthesis.b8.conv0.affine.bias", "synthesis.b8.conv0.noise_strength",
            "synthesis.b8.conv1.weight", "synthesis.b8.conv1.bias", "synthesis.b8.conv1.affine.weight",
            "synthesis.b8.conv1.affine.bias", "synthesis.b8.conv1.noise_strength", "synthesis.b8.torgb.weight",
            "synthesis.b8.torgb.bias", "synthesis.b8.torgb.affine.weight", "synthesis.b8.torgb.affine.bias",
            "mapping.fc0.weight", "mapping.fc0.bias", "mapping.fc1.weight", "mapping.fc1.bias",
        ])
        #expect(gBuffers == ["synthesis.b4.conv1.noise_const", "synthesis.b8.conv0.noise_const", "synthesis.b8.conv1.noise_const",
                             "mapping.w_avg"])
        #expect(Set(d.namedParameters().map(\.0)) == [
            "b8.fromrgb.weight", "b8.fromrgb.bias", "b8.conv0.weight", "b8.conv0.bias", "b8.conv1.weight", "b8.conv1.bias",
            "b8.skip.weight", "b4.conv.weight", "b4.conv.bias", "b4.fc.weight", "b4.fc.bias", "b4.out.weight", "b4.out.bias",
        ])
    }

    /// While training, every call moves w_avg by the official lerp: w_avg ← mean(w) + β·(w_avg − mean(w)).
    @Test func trainingModeCallsTrackTheMeanStyleAndEvaluationCallsDoNot() {
        let g = Self.tinyGenerator()
        var rng = RandomSource(seed: 3)
        let z = Tensor.normal([5, 6], using: &rng)
        _ = g(z)
        let mean = g.mapping(z).mean(axes: [0]).scalars
        let tracked = g.mapping.averageStyle.value.scalars
        #expect(zip(tracked, mean).allSatisfy { abs($0 - 0.005 * $1) <= 1e-6 }, "\(tracked) vs 0.005 × \(mean)")
        g.eval()
        _ = g(z)
        #expect(g.mapping.averageStyle.value.scalars == tracked)
    }

    /// Evaluation mode uses the constant noise and no mixing, so a latent always gives the same
    /// image; ψ = 0 truncation then gives every latent the image of w_avg.
    @Test func evaluationModeIsDeterministicAndFullTruncationGivesOneImage() {
        let g = Self.tinyGenerator()
        var rng = RandomSource(seed: 4)
        _ = g(Tensor.normal([4, 6], using: &rng))  // a non-zero w_avg
        g.eval()
        let z = Tensor.normal([3, 6], using: &rng)
        #expect(g(z).scalars == g(z).scalars)
        g.truncationPsi = 0
        let images = g(z).scalars, size = 3 * 8 * 8
        #expect(Array(images[0..<size]) == Array(images[size..<(2 * size)]))
        #expect(Array(images[0..<size]) == Array(images[(2 * size)...]))
        g.truncationPsi = 1
        let untruncated = g(z).scalars
        #expect(Array(untruncated[0..<size]) != Array(untruncated[size..<(2 * size)]))
    }

    /// A training-mode call draws its noise and mixing from a source seeded by z, so it repeats
    /// for the same z; style mixing and noise each change the image.
    @Test func trainingModeDrawsAreAFunctionOfTheLatentAndMixingChangesTheImage() {
        let mixing = Self.tinyGenerator(mixing: 1), plain = Self.tinyGenerator(mixing: 0)
        var rng = RandomSource(seed: 5)
        let z = Tensor.normal([2, 6], using: &rng)
        #expect(mixing(z).scalars == mixing(z).scalars)
        #expect(mixing(z).scalars != plain(z).scalars)  // same weights, noise strengths still 0
        for p in plain.parameters() where p.name == "noise_strength" { p.assign(Tensor(0.5)) }
        var a = RandomSource(seed: 1), b = RandomSource(seed: 2)
        #expect(plain.generate(z, noiseMode: .random, using: &a).scalars != plain.generate(z, noiseMode: .random, using: &b).scalars)
        var c = RandomSource(seed: 1)
        #expect(plain.generate(z, noiseMode: .none, using: &c).scalars != plain.generate(z, noiseMode: .constant, using: &c).scalars)
    }

    /// ∂/∂z and ∂/∂θ (along a random direction of all of G's parameters) of a projection of a
    /// tiny 8-px G's images against Richardson-extrapolated central differences, with style mixing
    /// and random noise drawn from a fixed seed at every evaluation. The activations are linear so
    /// that G is smooth and no step crosses a kink; everything else (normalisation, modulation,
    /// demodulation, FIR upsampling, noise, skip sums) is the model's own. The leaky-ReLU models'
    /// gradients are checked against the official code in StyleGAN2ModelFixtureTests.
    @Test func generatorGradientsMatchFiniteDifferences() throws {
        let g = Self.tinyGenerator(mixing: 1, activation: .linear)
        for p in g.parameters() where p.name == "noise_strength" { p.assign(Tensor(0.3)) }
        func generate(_ z: Tensor) -> Tensor {
            var draws = RandomSource(seed: 11)
            return g.generate(z, styleMixingProbability: 1, noiseMode: .random, using: &draws)
        }
        var rng = RandomSource(seed: 6)
        let z = Tensor.normal([2, 6], using: &rng)
        let report = try GradCheck.firstOrder([z]) { generate($0[0]) }
        #expect(report.relativeError < 2e-3, "\(report)")

        let projection = Tensor.normal([2, 3, 8, 8], using: &rng)
        let parameters = g.parameters()
        try expectDirectionalDerivativeMatches(parameters, using: &rng) { (generate(z) * projection).sum() }
    }

    /// R1's path: the second-order check of GANTestSupport on a tiny 8-px D's input, then ∂R1/∂θ
    /// along a random direction of all of D's parameters against finite differences of R1. As for
    /// G, the activations are linear so that R1 is smooth in θ (with leaky ReLU it jumps where a
    /// unit changes side); the minibatch standard deviation keeps D non-linear in its input. Its
    /// second derivative in one input pixel is about 1/(C·16) of the first (the deviation is
    /// averaged over the 4×4 maps' channels and pixels), so the input check uses one channel and a
    /// wide step (D is smooth, and Richardson's error is O(h⁴)) to rise above Float32 rounding.
    @Test func discriminatorSecondOrderGradientsMatchFiniteDifferences() throws {
        var rng = RandomSource(seed: 7)
        let narrow = StyleGAN2Discriminator(resolution: 8, channels: 1, widths: StyleGAN2ChannelWidths(base: 8, maximum: 1),
                                            activation: .linear, using: &rng)
        let image = Tensor.uniform([4, 1, 8, 8], low: -1, high: 1, using: &rng)
        let report = try GradCheck.secondOrder([image], step: 5e-2) { narrow($0[0]) }
        #expect(report.relativeError < 2e-3, "\(report)")

        let d = Self.tinyDiscriminator(activation: .linear)
        let x = Tensor.uniform([4, 3, 8, 8], low: -1, high: 1, using: &rng)
        try expectDirectionalDerivativeMatches(d.parameters(), using: &rng) { try r1Penalty(d, x, createGraph: true) }
    }

    /// What `ModelContractTests` asks of every pair that a StyleGAN2 pair can be checked for (its
    /// input second-order check is the one above: at 32 px the minibatch deviation's second
    /// derivative in one pixel is below Float32's finite-difference resolution): D's head reads
    /// `features`, D's blocks partition its parameters, and one pipeline step moves every
    /// parameter of D and every weight of G.
    @Test(arguments: [32, 64])
    func theModelContractHolds(resolution: Int) throws {
        var rng = RandomSource(seed: 10)
        // Two channels at the top resolution: with one, demodulation cancels that layer's style
        // (s·w/|s·w| does not depend on s), so its affine would rightly get no gradient.
        let widths = StyleGAN2ChannelWidths(base: 2 * resolution, maximum: 4)
        let g = StyleGAN2Generator(resolution: resolution, channels: 3, latentDimension: 8, widths: widths, mappingLayers: 2, using: &rng)
        let d = StyleGAN2Discriminator(resolution: resolution, channels: 3, widths: widths, using: &rng)
        let images = g(Tensor.normal([4, 8], using: &rng))
        let head = try #require(d.blocks.last as? any Layer)
        let (a, b) = (head(d.features(images)).scalars, d(images).scalars)
        #expect(a.count == 4 && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }, "\(a) vs \(b)")
        let blockParameters = d.blocks.flatMap { $0.parameters().map(ObjectIdentifier.init) }
        #expect(blockParameters.count == Set(blockParameters).count)
        #expect(Set(blockParameters) == Set(d.parameters().map(ObjectIdentifier.init)))

        let pipeline = try TrainingPipeline.builder().generator(g).discriminator(d).batchSize(4).seed(3).build()
        let data = TensorDataset(Tensor.uniform([8, 3, resolution, resolution], low: -1, high: 1, using: &rng))
        let before = (g: snapshot(g), d: snapshot(d))
        _ = try pipeline.step(on: data)
        for (model, old) in [(g as any Module, before.g), (d, before.d)] {
            for (name, parameter) in model.namedParameters() where model === d || name.hasSuffix("weight") || name.hasSuffix("const") {
                #expect(parameter.value.scalars != old[name], "\(name) did not change")
            }
        }
    }

    /// A few steps of the training pipeline on random data with the family's layout at 32 px
    /// (narrow): finite losses, and w_avg has left zero.
    @Test func aFewTrainingStepsThroughThePipelineGiveFiniteLosses() throws {
        var rng = RandomSource(seed: 8)
        let family = try StyleGAN2Family(options: { var o = StyleGAN2Family.Options(); o.channelBase = 64; o.channelMax = 8; return o }())
        let request = ModelRequest(imageSize: ImageSize(channels: 3, resolution: 32), latentDimension: 8, width: 1, initialization: "dcgan")
        let (g, d) = try family.makeModels(for: request, using: &rng)
        let pipeline = try TrainingPipeline.builder().generator(g).discriminator(d).batchSize(8).seed(9).build()
        let data = TensorDataset(Tensor.uniform([16, 3, 32, 32], low: -1, high: 1, using: &rng))
        for _ in 0..<3 {
            let statistics = try pipeline.step(on: data)
            #expect(statistics.discriminatorLoss.isFinite && statistics.generatorLoss.isFinite)
        }
        let average = try #require(g as? StyleGAN2Generator).mapping.averageStyle.value.scalars
        #expect(average.allSatisfy { $0.isFinite } && average.contains { $0 != 0 })
    }

    /// The size bound a run checks against memory stays below the pair's true weight count for
    /// the bundled widths and for extremes, yet is not trivially small; it blames the key that
    /// drives it.
    @Test(arguments: [32, 64])
    func theSizeBoundIsBelowTheTrueWeightCountAndNamesTheKeyThatDrivesIt(resolution: Int) throws {
        func family(base: Int = 1024, max: Int = 128, layers: Int = 2) throws -> StyleGAN2Family {
            var o = StyleGAN2Family.Options()
            (o.channelBase, o.channelMax, o.mappingLayers) = (base, max, layers)
            return try StyleGAN2Family(options: o)
        }
        func request(latent: Int) -> ModelRequest {
            ModelRequest(imageSize: ImageSize(channels: 3, resolution: resolution), latentDimension: latent, width: 64, initialization: "dcgan")
        }
        for (f, latent) in [(try family(), 128), (try family(base: 2048), 128), (try family(base: 2048, max: 256), 128),
                            (try family(base: 64, max: 8), 8), (try family(base: 64, max: 8, layers: 8), 256)] {
            var rng = RandomSource(seed: 3)
            let (g, d) = try f.makeModels(for: request(latent: latent), using: &rng)
            let truth = Double(g.parameterCount + d.parameterCount)
            let bound = try #require(f.sizeLowerBound(for: request(latent: latent)))
            #expect(bound.weights <= truth && bound.weights >= truth / 10, "\(f.options): bound \(bound.weights), truth \(truth)")
            #expect(bound.valuesPerImage >= Double(3 * resolution * resolution))
        }
        let blamed = try [(family(base: 100_000_000, max: 200_000), 128), (family(base: 4096, max: 100_000), 128),
                          (family(), 1_000_000), (family(layers: 10_000), 8)].map { f, latent in
            let bound = try #require(f.sizeLowerBound(for: request(latent: latent)))
            return "\(bound.weightKey) \(bound.weightValue)"
        }
        #expect(blamed == ["model.channelMax 200000", "model.channelBase 4096", "model.latentDimension 1000000", "model.mappingLayers 10000"])
    }

    @Test func badOptionsAreErrorsNamingTheKey() throws {
        var options = StyleGAN2Family.Options()
        options.styleMixingProbability = 1.5
        #expect(throws: ConfigurationError.self) { try StyleGAN2Family(options: options) }
        let context = ComponentBuildContext(modelFamily: "stylegan2", imageSize: ImageSize(channels: 3, resolution: 32),
                                            batchSize: 6, datasetCount: 10)
        do {
            _ = try StyleGAN2Family(options: StyleGAN2Family.Options(), context: context)
            Issue.record("a batch of 6 with groups of 4 was accepted")
        } catch let error as ConfigurationError {
            #expect("\(error)".contains("model.minibatchGroupSize"))
        }
        var rng = RandomSource(seed: 1)
        let request = ModelRequest(imageSize: ImageSize(channels: 3, resolution: 16), latentDimension: 8, width: 1, initialization: "dcgan")
        #expect(throws: ConfigurationError.self) { _ = try StyleGAN2Family().makeModels(for: request, using: &rng) }
    }
}

/// Checks ∂f/∂θ·v for a random direction v over `parameters` (analytic, from `f`'s graph) against
/// a Richardson-extrapolated central difference of f along v with step 1e-2, to 2e-3 relative.
func expectDirectionalDerivativeMatches(_ parameters: [Parameter], using rng: inout RandomSource,
                                        _ f: () throws -> Tensor) throws {
    let gradients = try f().gradients(wrt: parameters.map(\.value))
    let directions = parameters.map { Tensor.normal($0.shape, using: &rng) }
    let analytic = zip(gradients, directions).reduce(0.0) { $0 + Double(($1.0 * $1.1).sum().item) }
    let origins = parameters.map { $0.value.detached() }
    func value(alongBy h: Float) throws -> Double {
        for ((parameter, origin), direction) in zip(zip(parameters, origins), directions) { parameter.assign(origin + direction * h) }
        defer { for (parameter, origin) in zip(parameters, origins) { parameter.assign(origin) } }
        return Double(try f().item)
    }
    let h: Float = 1e-2
    let wide = (try value(alongBy: h) - value(alongBy: -h)) / Double(2 * h)
    let narrow = (try value(alongBy: h / 2) - value(alongBy: -h / 2)) / Double(h)
    let numeric = (4 * narrow - wide) / 3
    #expect(analytic != 0)
    #expect(abs(analytic - numeric) <= 2e-3 * abs(numeric), "analytic \(analytic), numeric \(numeric)")
}
