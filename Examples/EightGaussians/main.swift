// The 8-Gaussians ring: a GAN on 2-D points, trained with GANKit's pipeline, judged by how
// many of the ring's 8 modes its samples cover.
//
//     swift run -c release EightGaussians [--output DIR]
//
// Data: 4000 points from 8 Gaussians (σ = 0.02) on a circle of radius 2 — the mode-collapse
// benchmark of Unrolled GANs, VEEGAN and PacGAN. Models: GANModels' MLPs (4 Linear layers of
// 128 units; ReLU in G, LeakyReLU(0.2) in D; 8-D latents), the non-saturating loss, Adam
// (lr 1e-3, β = (0.5, 0.999)), batch 256, and samples from G's EMA (decay 0.999).
// Every 500 iterations and at the end, 2500 samples from fixed latents are judged: a sample is
// high-quality within 3σ of its nearest centre, and a mode is covered when ≥ 20 high-quality
// samples fall on it. The final samples are plotted over the data in `eight-gaussians.png`.
import ExampleSupport
import Foundation
import GANKit

OpenBLASKernels.selectForThisCPU()  // OpenBLAS's kernels for this CPU (docs/performance.md)
let outputFolder = ExampleArguments.parseOrExit(usage: "usage: EightGaussians [--output DIR]", flags: ["--output"]) { $0.options["--output"] }
let ring = GaussianRing(modes: 8, radius: 2, std: 0.02)
let iterations = 3000
let judgeEvery = 500

var dataRandom = RandomSource(seed: 1)
let data = TensorDataset(ring.sample(4000, using: &dataRandom))
var modelRandom = RandomSource(seed: 2)
let generator = MLPGenerator(latentDimension: 8, outputDimension: 2, hidden: 128, depth: 4, using: &modelRandom)
let discriminator = MLPDiscriminator(inputDimension: 2, hidden: 128, depth: 4, using: &modelRandom)
let pipeline = try TrainingPipeline.builder()
    .generator(generator)
    .discriminator(discriminator)
    .loss(NonSaturatingLoss())
    .optimizers(.adam(learningRate: 1e-3, betas: (0.5, 0.999)))
    .batchSize(256)
    .generatorEMA(decay: 0.999)
    .seed(3)
    .build()
var judgeRandom = RandomSource(seed: 4)
let judgeLatents = Tensor.normal([2500, generator.latentDimension], using: &judgeRandom)

func describe(_ c: GaussianRing.Coverage) -> String {
    String(format: "%d of 8 modes covered, %.1f %% of samples high-quality, per mode %@",
           c.coveredModes, 100 * c.highQualityFraction, c.perMode.map(String.init).joined(separator: " "))
}

print("Training a GAN on \(data.count) points from 8 Gaussians (radius 2, σ 0.02) for \(iterations) iterations.")
let start = Date()
for iteration in 1...iterations {
    let stats = try pipeline.step(on: data)
    if iteration % judgeEvery == 0 {
        let coverage = ring.coverage(of: pipeline.sample(latents: judgeLatents))
        print(String(format: "iteration %4d  D loss %.3f  G loss %.3f  ", iteration, stats.discriminatorLoss, stats.generatorLoss)
              + describe(coverage))
    }
}
let seconds = Date().timeIntervalSince(start)

let samples = pipeline.sample(latents: judgeLatents)
let coverage = ring.coverage(of: samples)
print(String(format: "Trained in %.1f s.", seconds))
print("Final: " + describe(coverage) + ".")
print("(A sample is high-quality within 3σ = 0.06 of its nearest mode; a mode is covered by ≥ 20 of the 2500 samples.)")

var canvas = Canvas(width: 600, height: 600, x: -2.6...2.6, y: -2.6...2.6)
canvas.grid(spacing: 1)
let reals = data.tensor.scalars
for i in stride(from: 0, to: reals.count, by: 2) { canvas.dot(x: reals[i], y: reals[i + 1], radius: 1.5, .red) }
let generated = samples.scalars
for i in stride(from: 0, to: generated.count, by: 2) { canvas.dot(x: generated[i], y: generated[i + 1], radius: 1.5, .blue, opacity: 0.3) }
let plot = try exampleOutputDirectory("eight-gaussians", given: outputFolder).appendingPathComponent("eight-gaussians.png")
try canvas.write(to: plot.path)
print("Plot: \(plot.path) — training data in red, 2500 generated samples in translucent blue on top, grid lines every 1 unit (axes through 0 darker).")
