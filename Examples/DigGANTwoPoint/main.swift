// DigGAN's two-point experiment (Fang et al., NeurIPS 2022, section 3.3, Fig. 3): a GAN must
// generate the two real points 0 and 4 on a line. The paper finds that a plain GAN gets stuck
// generating one of them (a local attractor, with a large gap between D's gradient norms at
// the real and the generated points) while the DigGAN regularizer keeps that gap small and
// lets both points be covered. This example trains both from the same starting points and
// prints what happens; it does not assume the outcome.
//
//     swift run -c release DigGANTwoPoint [--runs N] [--output DIR]
//
// From the paper: G is a 4-layer fully connected network with 5 units per layer and tanh, D a
// 4-layer one with 10 units per layer and sigmoid (4 Linear layers each here); SGD with
// momentum 0.9 and learning rate 0.01 for both; 10 000 iterations; the non-saturating loss of
// its eq. 1; DigGAN with λ = 1 and α = 1 (no averaging).
// Not in the text, taken from the authors' related two-cluster code (RS-GAN,
// github.com/AilsaF/RS-GAN, GAN2_2Cluster.py: same widths, activations, optimiser and centres
// 0 and 4): G maps fixed latents drawn once from U[−5, 5], one per generated point (the
// paper's "two generated points"), and each iteration is 10 D steps on the same fakes then
// 10 G steps. DigGAN's penalty runs on the first D step of each iteration, as in the authors'
// DigGAN code; each D step pairs the reals with the fakes in a random order. Each starting
// point is a seed (PyTorch's default initialisation); `--runs` of them are tried (default 3;
// each takes about 35 s of CPU for both variants), so the comparison does not rest on one seed.
//
// The loop is written out (TrainingPipeline trains with Adam and fresh latents) and calls the
// DigGAN regularizer through the Regularizer protocol, as the pipeline does.
import ExampleSupport
import Foundation
import GANKit

let iterations = 10_000
let (runs, outputFolder) = ExampleArguments.parseOrExit(usage: "usage: DigGANTwoPoint [--runs N] [--output DIR]",
                                                       flags: ["--runs", "--output"]) { arguments throws(ExampleArgumentsError) in
    (try arguments.positiveInteger("--runs") ?? 3, arguments.options["--output"])
}
let recordEvery = 25
let discriminatorSteps = 10
let generatorSteps = 10
let realPoints: [Float] = [0, 4]
/// A generated point within this distance of a real point counts as on it.
let tolerance: Float = 0.5

/// What one training run ended with.
struct Outcome {
    /// The two generated points after training.
    var points: [Float]
    /// The generated points every `recordEvery` iterations.
    var trajectory: [[Float]]
    /// |∂D/∂x| at the real points 0 and 4.
    var gradientAtReals: [Float]
    /// |∂D/∂x| at the two generated points.
    var gradientAtFakes: [Float]

    /// Which real points have a generated point on them.
    var covered: [Bool] { realPoints.map { r in points.contains { abs($0 - r) < tolerance } } }
}

/// Trains from the starting point drawn with `seed`, with or without DigGAN.
func train(seed: UInt64, digGAN: Bool) throws -> Outcome {
    var random = RandomSource(seed: seed)
    let g = MLPGenerator(latentDimension: 1, outputDimension: 1, hidden: 5, depth: 4, activation: .tanh, using: &random)
    let d = MLPDiscriminator(inputDimension: 1, hidden: 10, depth: 4, activation: .sigmoid, using: &random)
    let latents = Tensor.uniform([2, 1], low: -5, high: 5, using: &random)
    var pairing = RandomSource(seed: seed &+ 0x9A1)
    let gOptimizer = SGD(g, learningRate: 0.01, momentum: 0.9)
    let dOptimizer = SGD(d, learningRate: 0.01, momentum: 0.9)
    let gWeights = g.parameters().map(\.value), dWeights = d.parameters().map(\.value)
    let regularizer: (any Regularizer)? = digGAN ? DigGAN(weight: 1, alpha: 1) : nil
    let loss = NonSaturatingLoss()
    var trajectory: [[Float]] = []

    for iteration in 0..<iterations {
        let fakes = Autodiff.withoutRecording { g(latents) }
        if iteration % recordEvery == 0 { trajectory.append(fakes.scalars) }
        var realLogits = Tensor(0)
        for step in 0..<discriminatorSteps {
            let order = pairing.integer(in: 0..<2) == 0 ? realPoints : realPoints.reversed()
            let reals = Tensor(shape: [2, 1, 1, 1], values: order)
            realLogits = d(reals).reshaped([2])
            let fakeLogits = d(fakes).reshaped([2])
            var dLoss = loss.discriminatorLoss(real: realLogits, fake: fakeLogits)
            if let regularizer {
                var context = RegularizationContext(
                    phase: .discriminator, iteration: iteration, phaseStep: iteration * discriminatorSteps + step,
                    isFirstDiscriminatorStep: step == 0, generator: g, discriminator: d, augment: { x, _ in x },
                    realImages: reals, realInputs: reals, realLogits: realLogits,
                    latents: latents, fakeInputs: fakes, fakeLogits: fakeLogits, random: pairing)
                if let penalty = try regularizer.penalty(&context) { dLoss = dLoss + penalty }
            }
            d.zeroGradients()
            try dLoss.backward(to: dWeights)
            dOptimizer.step()
        }
        for _ in 0..<generatorSteps {
            let gLoss = loss.generatorLoss(real: realLogits.detached(), fake: d(g(latents)).reshaped([2]))
            g.zeroGradients()
            try gLoss.backward(to: gWeights)
            gOptimizer.step()
        }
    }

    let points = Autodiff.withoutRecording { g(latents) }.scalars
    let probe = Tensor(shape: [4, 1, 1, 1], values: realPoints + points).requiringGradient()
    let slopes = try d(probe).sum().gradients(wrt: [probe])[0].scalars.map { abs($0) }
    return Outcome(points: points, trajectory: trajectory, gradientAtReals: Array(slopes[0..<2]), gradientAtFakes: Array(slopes[2..<4]))
}

func describe(_ o: Outcome) -> String {
    let where_ = o.covered == [true, true] ? "covers both" : o.covered[0] ? "only 0" : o.covered[1] ? "only 4" : "neither"
    return String(format: "G → %6.3f %6.3f (%@); |D'| at 0, 4: %.4f %.4f, at fakes: %.4f %.4f",
                  o.points[0], o.points[1], where_.padding(toLength: 11, withPad: " ", startingAt: 0),
                  o.gradientAtReals[0], o.gradientAtReals[1], o.gradientAtFakes[0], o.gradientAtFakes[1])
}

print("Two real points, 0 and 4. \(runs) starting points, each trained \(iterations) iterations plainly and with DigGAN (λ 1, α 1).")
let start = Date()
var outcomes: [(plain: Outcome, digGAN: Outcome)] = []
for seed in 0..<UInt64(runs) {
    let plain = try train(seed: seed, digGAN: false)
    let regularized = try train(seed: seed, digGAN: true)
    outcomes.append((plain, regularized))
    print("seed \(seed)  plain : " + describe(plain))
    print("        DigGAN: " + describe(regularized))
}
print(String(format: "Trained in %.1f s.", Date().timeIntervalSince(start)))

for (name, pick) in [("plain ", { (o: (plain: Outcome, digGAN: Outcome)) in o.plain }), ("DigGAN", { $0.digGAN })] {
    let all = outcomes.map(pick)
    let points = all.flatMap(\.points)
    let near0 = points.filter { abs($0) < tolerance }.count, near4 = points.filter { abs($0 - 4) < tolerance }.count
    let both = all.filter { $0.covered == [true, true] }.count
    func mean(_ values: [Float]) -> Float { values.reduce(0, +) / Float(values.count) }
    print(String(format: "%@: both points covered in %d of %d runs; of the %d generated points %d are near 0, %d near 4, %d elsewhere; "
                 + "mean |D'| at real points %.4f, at generated points %.4f.",
                 name, both, runs, points.count, near0, near4, points.count - near0 - near4,
                 mean(all.flatMap(\.gradientAtReals)), mean(all.flatMap(\.gradientAtFakes))))
}
print("(\"Near\" means within \(tolerance); |D'| is the slope of D's logit at a point: a D that separates a missing real point from "
      + "generated points piled on the other one is steep at the missing point and flat at the pile — the gradient gap DigGAN penalises.)")
let plainBoth = outcomes.filter { $0.plain.covered == [true, true] }.count
let digGANBoth = outcomes.filter { $0.digGAN.covered == [true, true] }.count
print("In short: the plain GAN covered both real points in \(plainBoth) of \(runs) runs, the DigGAN-regularised GAN in \(digGANBoth) of \(runs).")

// Histogram of the final generated points: plain runs in the top half, DigGAN runs in the
// bottom half, bins of 0.1 over [-2, 6]; the real points are red lines.
let output = try exampleOutputDirectory("diggan-two-point", given: outputFolder)
let binWidth: Float = 0.1
var histogram = Canvas(width: 800, height: 400, x: -2...6, y: -Float(2 * runs)...Float(2 * runs))
histogram.grid(spacing: 1)
for (half, pick) in [(Float(1), { (o: (plain: Outcome, digGAN: Outcome)) in o.plain }), (-1, { $0.digGAN })] {
    var counts: [Int: Int] = [:]
    for p in outcomes.flatMap({ pick($0).points }) { counts[Int((p / binWidth).rounded(.down)), default: 0] += 1 }
    for (bin, count) in counts {
        let x0 = Float(bin) * binWidth
        histogram.rectangle(x0: x0, y0: 0, x1: x0 + binWidth * 0.9, y1: half * Float(count), half > 0 ? .blue : .orange)
    }
}
for r in realPoints { histogram.rectangle(x0: r - 0.01, y0: -Float(2 * runs), x1: r + 0.01, y1: Float(2 * runs), .red, opacity: 0.6) }
let histogramFile = output.appendingPathComponent("final-points.png")
try histogram.write(to: histogramFile.path)

// The generated points over training, as in the paper's Fig. 3b: plain runs above, DigGAN runs
// below, iteration along x, position along y (each half spans −2 … 6).
var paths = Canvas(width: 800, height: 600, x: 0...Float(iterations), y: -16...16)
for (offset, pick) in [(Float(8), { (o: (plain: Outcome, digGAN: Outcome)) in o.plain }), (-8, { $0.digGAN })] {
    for r in realPoints { paths.rectangle(x0: 0, y0: offset + r - 2 - 0.03, x1: Float(iterations), y1: offset + r - 2 + 0.03, .red, opacity: 0.6) }
    for outcome in outcomes.map(pick) {
        for (k, points) in outcome.trajectory.enumerated() {
            for p in points { paths.dot(x: Float(k * recordEvery), y: offset + p - 2, radius: 0.8, offset > 0 ? .blue : .orange, opacity: 0.5) }
        }
    }
}
paths.rectangle(x0: 0, y0: -0.05, x1: Float(iterations), y1: 0.05, .black)
let pathsFile = output.appendingPathComponent("trajectories.png")
try paths.write(to: pathsFile.path)
print("Histogram of the final generated points: \(histogramFile.path) — plain runs as blue bars upwards, DigGAN runs as orange bars "
      + "downwards, bins of 0.1 over x ∈ [−2, 6], grid lines every 1, the real points 0 and 4 as red lines.")
print("Generated points during training: \(pathsFile.path) — plain runs in the top half (blue), DigGAN runs in the bottom half "
      + "(orange), iteration 0 … \(iterations) left to right, position −2 … 6 upwards in each half, the real points as red lines.")
