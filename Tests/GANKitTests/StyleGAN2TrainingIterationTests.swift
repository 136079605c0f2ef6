import Foundation
import GANKit
import GANTestSupport
import Testing

/// Whole training iterations against stylegan2-ada-pytorch's own loss (`StyleGAN2Loss`), Adam
/// with the lazy phases' correction, and G EMA with its ramp-up:
/// Fixtures/make_training_iterations_fixture.py runs four iterations of the official phases
/// (Dmain, Dreg every 2nd, Gmain, Greg every 2nd, then the EMA; D's phases first, as GANKit's
/// pipeline runs them) with the official AugmentPipe (`bgc`, sym6) and the training loop's ADA
/// heuristic (every 2nd iteration) on a tiny StyleGAN2 with fixed weights, handing the official
/// code GANKit's draws (the real batch's order, the pipeline's latents, the augmentation's draws
/// and path-length y, the generator's mixing and per-pixel noise), and records every weight,
/// buffer and EMA average, and ADA's p, after each iteration. GANKit's pipeline with
/// `RegularizationSteps.separate` and the same settings must agree to 1e-4 of each tensor's
/// largest entry after every iteration: this checks what the per-op and per-network fixtures do
/// not, the glue of a step (which network each loss trains, gains, the optimiser correction,
/// Adam's state across main and regularisation steps, w_avg and pl_mean across calls, the EMA,
/// which images the augmentation sees and G's gradient through it, which of D's logits ADA's
/// r_t counts and when p changes).
@Suite struct StyleGAN2TrainingIterationTests {
    static let fixture = TensorFixture.load("Fixtures/training_iterations.json", script: "make_training_iterations_fixture.py")

    /// The script's settings (`settings` in the fixture, under the official names in snake case).
    struct Settings: Decodable {
        let lr: Double, betas: [Double], eps: Double
        let r1Gamma: Float, dRegInterval: Int, gRegInterval: Int
        let plWeight: Float, plDecay: Float, plBatchShrink: Int
        let emaKimg: Double, emaRampup: Double, styleMixingProb: Float
        let adaP: Double, adaTarget: Double, adaInterval: Int, adaKimg: Double
    }

    static let settings = TensorFixture.value("settings", of: "Fixtures/training_iterations.json", as: Settings.self,
                                              script: "make_training_iterations_fixture.py")

    /// The pipeline of the script's settings on its networks: ADA (`bgc`, sym6) with the script's
    /// controller settings, the pipeline's seed 7 (the script's source of latents and y).
    static func pipeline() throws -> TrainingPipeline {
        let f = fixture, s = settings
        let widths = StyleGAN2ChannelWidths(base: f.setting("channel_base"), maximum: f.setting("channel_max"))
        var rng = RandomSource(seed: 0)
        let g = StyleGAN2Generator(resolution: f.setting("resolution"), channels: f.setting("channels"),
                                   latentDimension: f.setting("z_dim"), widths: widths, mappingLayers: f.setting("mapping_layers"),
                                   styleMixingProbability: s.styleMixingProb, using: &rng)
        let d = StyleGAN2Discriminator(resolution: f.setting("resolution"), channels: f.setting("channels"), widths: widths, using: &rng)
        f.assign(to: g, prefix: "G")
        f.assign(to: d, prefix: "D")
        let batch = f.setting("batch")
        let adam = OptimizerSettings(learningRate: s.lr, beta1: s.betas[0], beta2: s.betas[1], epsilon: s.eps)
        // The official half-life ema_kimg · 1000 images as GANKit's per-step decay.
        let decay = pow(0.5, Double(batch) / (s.emaKimg * 1000))
        return try TrainingPipeline.builder()
            .generator(g)
            .discriminator(d)
            .loss(NonSaturatingLoss())
            .augmentation(ADA(target: s.adaTarget, interval: s.adaInterval, speedKimg: s.adaKimg, initialP: s.adaP, filter: .sym6))
            .regularizer(R1(gamma: s.r1Gamma, interval: s.dRegInterval))
            .regularizer(PathLength(weight: s.plWeight, decay: s.plDecay, interval: s.gRegInterval, batchShrink: s.plBatchShrink))
            .optimizers(adam)
            .generatorEMA(decay: decay, rampUp: s.emaRampup)
            .regularizationSteps(.separate)
            .batchSize(batch)
            .seed(7)
            .build()
    }

    @Test func fourIterationsLeaveTheOfficialWeightsBuffersAndAverages() throws {
        let pipeline = try Self.pipeline()
        let data = TensorDataset(Self.fixture.tensor("reals"))
        let pathLength = try #require(pipeline.regularizers.compactMap { $0 as? PathLength }.first)
        let ema = try #require(pipeline.generatorEMA)
        let ada = try #require(pipeline.augmentation as? ADA)
        for k in 1...4 {
            _ = try pipeline.step(on: data)
            for (prefix, module) in [("\(k).G", pipeline.generator as any Module), ("\(k).D", pipeline.discriminator)] {
                for (name, p) in module.namedParameters() { Self.fixture.expectClose(p.value, "\(prefix).\(name)") }
                for (name, b) in module.namedBuffers() { Self.fixture.expectClose(b.value, "\(prefix).\(name)") }
            }
            for (name, average) in ema.averages { Self.fixture.expectClose(average, "\(k).G_ema.\(name)") }
            Self.fixture.expectClose(Tensor(pathLength.mean), "\(k).pl_mean")
            Self.fixture.expectClose(Tensor(Float(ada.p)), "\(k).ada_p")
            if k % Self.settings.adaInterval == 0 { Self.fixture.expectClose(Tensor(Float(try #require(ada.rt))), "\(k).ada_rt") }
        }
    }
}
