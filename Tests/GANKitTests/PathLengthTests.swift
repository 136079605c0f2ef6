import Foundation
import GANKit
import GANTestSupport
import Testing

/// RegularizerPathLength's `PathLength` against stylegan2-ada-pytorch's own loss (phase 'Greg' of
/// `StyleGAN2Loss.accumulate_gradients`, `training/loss.py`): Fixtures/make_path_length_fixture.py
/// runs it twice on a tiny StyleGAN2 generator with fixed weights and recorded draws y, and
/// records the penalties, pl_mean after each call and G's parameter gradients of the first
/// penalty, in float32. Each must agree to 1e-4 of its largest entry. Then: the penalty refuses a
/// generator without intermediate latents, naming its kind and the model family, and a run with
/// it resumes bit for bit.
@Suite struct PathLengthTests {
    init() { GANKit.registerBuiltins() }

    static let fixture = TensorFixture.load("Fixtures/path_length.json", script: "make_path_length_fixture.py")

    /// Whether the official 'Greg' phase gave D any gradient (the fixture's one key besides
    /// `config` and `tensors`).
    static let officialDReceivesGradient = TensorFixture.value("d_receives_gradient", of: "Fixtures/path_length.json", as: Bool.self,
                                                               script: "make_path_length_fixture.py")

    /// The fixture's channel widths.
    static var widths: StyleGAN2ChannelWidths {
        StyleGAN2ChannelWidths(base: fixture.setting("channel_base"), maximum: fixture.setting("channel_max"))
    }

    /// The fixture's generator with the official weights, in evaluation mode (constant noise, no
    /// mixing, no w_avg update, as the script runs the official one).
    static func generator() -> StyleGAN2Generator {
        var rng = RandomSource(seed: 0)
        let g = StyleGAN2Generator(resolution: fixture.setting("resolution"), channels: fixture.setting("channels"),
                                   latentDimension: fixture.setting("z_dim"), widths: widths,
                                   mappingLayers: fixture.setting("mapping_layers"), using: &rng)
        fixture.assign(to: g, prefix: "G")
        g.eval()
        return g
    }

    /// To 1e-4 of the largest entry, and to 1e-7 where the official value is exactly zero: the
    /// ToRGB biases, which shift the image by a constant and so do not enter its Jacobian.
    func expectClose(_ actual: Tensor, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        Self.fixture.expectClose(actual, name, sourceLocation: sourceLocation)
    }

    @Test func thePenaltyItsRunningMeanAndGsGradientsAreTheOfficialOnes() throws {
        let g = Self.generator()
        let pathLength = PathLength()
        let n = Self.fixture.setting("batch") / pathLength.batchShrink
        let z = Self.fixture.tensor("z").slice(axis: 0, range: 0..<n)
        let parameters = g.namedParameters()

        let first = try pathLength.penalty(generator: g, latents: z, unitNoise: Self.fixture.tensor("noise1"))
        expectClose(first.reshaped([]), "penalty1")
        expectClose(Tensor(pathLength.mean), "pl_mean1")
        let gradients = try first.gradients(wrt: parameters.map(\.1.value))
        for ((name, _), gradient) in zip(parameters, gradients) { expectClose(gradient, "grad.\(name)") }

        let second = try pathLength.penalty(generator: g, latents: z, unitNoise: Self.fixture.tensor("noise2"))
        expectClose(second.reshaped([]), "penalty2")
        expectClose(Tensor(pathLength.mean), "pl_mean2")
    }

    /// The official 'Greg' phase gives D no gradient; in GANKit the penalty's graph holds none of
    /// D's weights, so the pipeline's generator step (which differentiates towards G's only) is
    /// the same.
    @Test func thePenaltyDoesNotReachTheDiscriminator() throws {
        #expect(!Self.officialDReceivesGradient)
        var rng = RandomSource(seed: 3)
        let d = StyleGAN2Discriminator(resolution: Self.fixture.setting("resolution"), channels: Self.fixture.setting("channels"),
                                       widths: Self.widths, using: &rng)
        let z = Self.fixture.tensor("z").slice(axis: 0, range: 0..<2)
        let penalty = try PathLength().penalty(generator: Self.generator(), latents: z, unitNoise: Self.fixture.tensor("noise1"))
        let gradients = try penalty.gradients(wrt: d.parameters().map(\.value))
        #expect(gradients.allSatisfy { $0.scalars.allSatisfy { $0 == 0 } })
    }

    @Test func aGeneratorWithoutIntermediateLatentsIsRefusedNamingTheKindAndTheFamily() throws {
        let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32), batchSize: 4, datasetCount: 8)
        let regularizer = try ComponentRegistry.shared.makeRegularizer("path-length", options: .object([:]), context: context, at: "regularizers[0]")
        var rng = RandomSource(seed: 1)
        let builder = TrainingPipeline.builder()
            .generator(DCGANGenerator(resolution: 32, channels: 3, latentDimension: 8, width: 4, initialization: .dcgan, using: &rng))
            .discriminator(DCGANDiscriminator(resolution: 32, channels: 3, width: 4, initialization: .dcgan, using: &rng))
            .regularizer(regularizer)
        #expect { _ = try builder.build() } throws: {
            let message = String(describing: $0)
            return message.contains("regularizer 'path-length'") && message.contains("model family 'dcgan'") && message.contains("DCGANGenerator")
        }
    }

    /// A tiny StyleGAN2 with path length every 2 G steps (and its optimiser correction).
    static func pipeline() throws -> TrainingPipeline {
        var rng = RandomSource(seed: 1)
        let widths = StyleGAN2ChannelWidths(base: 32, maximum: 8)
        return try TrainingPipeline.builder()
            .generator(StyleGAN2Generator(resolution: 8, channels: 3, latentDimension: 8, widths: widths, mappingLayers: 2, using: &rng))
            .discriminator(StyleGAN2Discriminator(resolution: 8, channels: 3, widths: widths, groupSize: 2, using: &rng))
            .loss(NonSaturatingLoss())
            .regularizer(PathLength(interval: 2))
            .batchSize(4)
            .seed(1)
            .build()
    }

    static func data() -> TensorDataset {
        var rng = RandomSource(seed: 2)
        return TensorDataset(Tensor.uniform([8, 3, 8, 8], low: -1, high: 1, using: &rng))
    }

    @Test func aRunWithItRunsOnItsScheduleAndResumesBitForBit() throws {
        let n = 3
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-path-length-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        let first = try Self.pipeline()
        var logged: [Bool] = []
        var last: StepStatistics?
        for _ in 0..<n {
            last = try first.step(on: Self.data())
            logged.append(last!.penalties["path-length"] != nil)
        }
        #expect(logged == [true, false, true])
        try Checkpointer(directory: folder, every: n).iterationDidFinish(try #require(last), pipeline: first)
        let state = try #require(try first.snapshot().metadata.components.values.first)
        #expect(String(decoding: state, as: UTF8.self).contains("\"mean\""))

        let resumed = try Self.pipeline()
        _ = try resumed.resumeFromLatestCheckpoint(in: folder)
        #expect(resumed.iteration == n)
        try resumed.train(on: Self.data(), iterations: 2 * n)
        let straight = try Self.pipeline()
        try straight.train(on: Self.data(), iterations: 2 * n)

        let (a, b) = (try resumed.snapshot(), try straight.snapshot())
        #expect(a.metadata == b.metadata)
        for (name, tensor) in a.tensors { #expect(tensor.scalars == b.tensors[name]?.scalars, "\(name)") }
    }
}
