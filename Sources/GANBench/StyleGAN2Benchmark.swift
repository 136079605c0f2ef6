import Foundation
import GANCore
import GANModels
import GANTensor
import RegularizerR1

/// `gankit-bench stylegan2`: wall time of one StyleGAN2-32 training iteration in GANKit and, in
/// the same run, in PyTorch (scripts/torch_stylegan2_bench.py, the same architecture written
/// after stylegan2-ada-pytorch's `training/networks.py`, when python3 can import torch).
///
/// One iteration is `TrainingPipeline.step(on:)`: D main (G's images made without a graph, D on
/// the real and generated batch), lazy R1 on every 16th D step (the official `D_reg_interval`,
/// γ = 0.01, the official `cifar` value; its double backprop through D), then G main. The models
/// are the `stylegan2` family's defaults at 32 px (`StyleGAN2Family`: z = w = 128, two mapping
/// layers, channelBase 1024, channelMax 128), batch 64 of 512 uniform images in [−1, 1], Adam
/// (0.0025, (0, 0.99), the official settings), no generator EMA. Each side reports the median of
/// the steps without R1, the median of the steps with it, and the amortised step
/// (15·without + with)/16; the ratio is GANKit's amortised step over PyTorch's.
///
/// The two run one after the other, `rounds` times alternating, each on all cores (two here;
/// the peer gets `--threads` of the same count), so load elsewhere on a shared machine hits both
/// alike; each reported figure is the median over the rounds. The parameter counts of the two
/// generators and discriminators must agree, or the run stops. `peak_rss_mb` is this process's
/// VmHWM (GANKit only), `torch_peak_rss_mb` the peer's maximum resident set; `cpu_ms_per_step`
/// and `torch_cpu_ms_per_step` are each side's median CPU time per timed step over all threads
/// (wall time stretches with load elsewhere, CPU time less so). The last line is one JSON object.
enum StyleGAN2Benchmark {
    // The property names are the JSON keys of the benchmark report.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Report: Encodable {
        let stylegan2_main_step_ms: Double
        let stylegan2_r1_due_step_ms: Double
        let stylegan2_lazy_r1_step_ms: Double
        let peak_rss_mb: Double
        /// Median CPU time of a timed step over all threads (steps with and without R1).
        let cpu_ms_per_step: Double
        /// The peer's figures, nil when python3 with torch or the script is not available.
        let torch_stylegan2_main_step_ms: Double?
        let torch_stylegan2_r1_due_step_ms: Double?
        let torch_stylegan2_lazy_r1_step_ms: Double?
        let torch_peak_rss_mb: Double?
        let torch_cpu_ms_per_step: Double?
        /// GANKit's amortised step over PyTorch's.
        let ratio: Double?
        let generator_parameters: Int
        let discriminator_parameters: Int
        let batch: Int
        let steps: Int
        let warmup: Int
        let rounds: Int
        let threads: Int
    }

    static let resolution = 32
    static let interval = 16
    /// γ of R1: stylegan2-ada-pytorch's `cifar` configuration at 32 px (also `R1`'s default).
    static let gamma: Float = 0.01

    /// The fewest timed steps after `warmup` untimed ones that hold D steps both with R1 (due
    /// on D steps 0, 16, 32, …) and without it: up to and including the first due step from
    /// `warmup` on, and never fewer than 2.
    static func fewestSteps(afterWarmup warmup: Int) -> Int {
        max(2, warmup.roundedUp(toMultipleOf: interval) - warmup + 1)
    }

    /// Runs the comparison (flags checked by `GANBenchCommand.StyleGAN2`: `steps` ≥
    /// `fewestSteps(afterWarmup: warmup)`, `batch` a multiple of 4); throws when the PyTorch
    /// peer's networks count other parameters than GANKit's, or the pipeline's error when a step
    /// fails (a NaN).
    static func run(steps: Int, warmup: Int, batch: Int, rounds: Int, script: String) throws {
        let threads = StepBenchmark.threads
        var rng = RandomSource(seed: 0)
        let dataset = TensorDataset(Tensor.uniform([512, 3, resolution, resolution], low: -1, high: 1, using: &rng))
        let (generatorParameters, discriminatorParameters) = parameterCounts()
        print("StyleGAN2-32 training step (D main + lazy R1/\(interval) + G main), batch \(batch), \(threads) threads, median of \(steps) steps after \(warmup) warm-ups, \(rounds) round(s) alternating with PyTorch")
        print("GANKit parameters: G \(generatorParameters), D \(discriminatorParameters)")
        let torchAvailable = FileManager.default.fileExists(atPath: script)
        if !torchAvailable { print("PyTorch peer skipped: \(script) is absent") }
        var ours: [(main: Double, due: Double, cpu: Double)] = [], theirs: [Peer] = []
        for round in 1...rounds {
            let t = try time(dataset, batch: batch, steps: steps, warmup: warmup)
            ours.append((Timing.median(t.notDue), Timing.median(t.due), Timing.median(t.cpu)))
            print(String(format: "round %d: GANKit  %8.1f ms without R1, %8.1f ms with it, amortised %8.1f ms; CPU %8.1f ms per step", round,
                         ours.last!.main * 1000, ours.last!.due * 1000, amortised(ours.last!.main, ours.last!.due) * 1000,
                         ours.last!.cpu * 1000))
            guard torchAvailable else { continue }
            let peer: Peer
            do { peer = try Peer.run(script: script, batch: batch, steps: steps, warmup: warmup, threads: threads) } catch {
                print("round \(round): PyTorch peer failed: \(error)")
                continue
            }
            guard peer.generatorParameters == generatorParameters && peer.discriminatorParameters == discriminatorParameters else {
                throw PythonPeer.Failure(description: "stylegan2: the PyTorch peer's networks (\(script)) have G \(peer.generatorParameters), D \(peer.discriminatorParameters) parameters, "
                                         + "GANKit's G \(generatorParameters), D \(discriminatorParameters): not the same architecture")
            }
            theirs.append(peer)
            print(String(format: "round %d: PyTorch %8.1f ms without R1, %8.1f ms with it, amortised %8.1f ms; CPU %8.1f ms per step", round,
                         peer.main, peer.due, peer.amortised, peer.cpu))
        }
        let main = Timing.median(ours.map(\.main)), withR1 = Timing.median(ours.map(\.due))
        let lazy = amortised(main, withR1)
        let torchLazy = theirs.isEmpty ? nil : Timing.median(theirs.map(\.amortised))
        let report = Report(
            stylegan2_main_step_ms: main * 1000, stylegan2_r1_due_step_ms: withR1 * 1000, stylegan2_lazy_r1_step_ms: lazy * 1000,
            peak_rss_mb: StepBenchmark.peakResidentMegabytes(), cpu_ms_per_step: Timing.median(ours.map(\.cpu)) * 1000,
            torch_stylegan2_main_step_ms: theirs.isEmpty ? nil : Timing.median(theirs.map(\.main)),
            torch_stylegan2_r1_due_step_ms: theirs.isEmpty ? nil : Timing.median(theirs.map(\.due)),
            torch_stylegan2_lazy_r1_step_ms: torchLazy,
            torch_peak_rss_mb: theirs.isEmpty ? nil : Timing.median(theirs.map(\.peakResidentMegabytes)),
            torch_cpu_ms_per_step: theirs.isEmpty ? nil : Timing.median(theirs.map(\.cpu)),
            ratio: torchLazy.map { lazy * 1000 / $0 },
            generator_parameters: generatorParameters, discriminator_parameters: discriminatorParameters,
            batch: batch, steps: steps, warmup: warmup, rounds: rounds, threads: threads)
        if let ratio = report.ratio, let torchLazy {
            print(String(format: "median: GANKit %.1f ms, PyTorch %.1f ms per amortised step, ratio %.2f; peak RSS GANKit %.0f MB, PyTorch %.0f MB",
                         lazy * 1000, torchLazy, ratio, report.peak_rss_mb, report.torch_peak_rss_mb ?? .nan))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        print(String(decoding: try! encoder.encode(report), as: UTF8.self))
    }

    /// (15·without + with)/16: a step's cost with R1 every 16th D step.
    static func amortised(_ without: Double, _ with: Double) -> Double {
        (Double(interval - 1) * without + with) / Double(interval)
    }

    /// The family's default generator and discriminator at 32 px, RGB.
    static func makeModels(using rng: inout RandomSource) -> (any Generator, any Discriminator) {
        let request = ModelRequest(imageSize: ImageSize(channels: 3, resolution: resolution), latentDimension: 128,
                                   width: 0, initialization: "default")
        let family = try! StyleGAN2Family()
        return try! family.makeModels(for: request, using: &rng)
    }

    /// The numbers of scalars in the generator's and the discriminator's parameters.
    static func parameterCounts() -> (Int, Int) {
        var rng = RandomSource(seed: 1)
        let (g, d) = makeModels(using: &rng)
        return (g.parameters().reduce(0) { $0 + $1.value.count }, d.parameters().reduce(0) { $0 + $1.value.count })
    }

    /// Seconds of each timed iteration, split by whether R1 was due in it, and the CPU seconds
    /// (all threads) of every timed iteration.
    static func time(_ dataset: TensorDataset, batch: Int, steps: Int, warmup: Int) throws -> (due: [Double], notDue: [Double], cpu: [Double]) {
        var rng = RandomSource(seed: 1)
        let (g, d) = makeModels(using: &rng)
        let r1 = R1(gamma: gamma, interval: interval)
        let pipeline = try TrainingPipeline.builder()
            .generator(g)
            .discriminator(d)
            .loss(NonSaturatingLoss())
            .regularizer(r1)
            .optimizers(.adam(learningRate: 0.0025, betas: (0, 0.99)))
            .generatorEMA(decay: nil)
            .batchSize(batch)
            .seed(3)
            .build()
        var due: [Double] = [], notDue: [Double] = [], cpu: [Double] = []
        let clock = ContinuousClock()
        for i in 0..<(warmup + steps) {
            let isDue = r1.schedule.isDue(atStep: pipeline.discriminatorStepCount)
            let cpuStart = StepBenchmark.processCPUSeconds()
            let elapsed = try clock.measure { _ = try pipeline.step(on: dataset) }
            guard i >= warmup else { continue }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            cpu.append(StepBenchmark.processCPUSeconds() - cpuStart)
            if isDue { due.append(seconds) } else { notDue.append(seconds) }
        }
        return (due, notDue, cpu)
    }

    /// One run of the PyTorch peer: its medians in ms, peak RSS in MB and parameter counts.
    struct Peer {
        let main: Double, due: Double, amortised: Double, cpu: Double, peakResidentMegabytes: Double
        let generatorParameters: Int, discriminatorParameters: Int

        /// Runs the script and reads its last line; throws why it gave no figures (python3 or
        /// torch missing, a key missing from its JSON).
        static func run(script: String, batch: Int, steps: Int, warmup: Int, threads: Int) throws(PythonPeer.Failure) -> Peer {
            let arguments = [script, "--batch", "\(batch)", "--steps", "\(steps)", "--warmup", "\(warmup)", "--threads", "\(threads)"]
            let object = try PythonPeer.lastJSONObject(arguments)
            func field<T>(_ key: String) throws(PythonPeer.Failure) -> T { try PythonPeer.field(key, of: object, from: script) }
            return Peer(main: try field("torch_stylegan2_main_step_ms"), due: try field("torch_stylegan2_r1_due_step_ms"),
                        amortised: try field("torch_stylegan2_lazy_r1_step_ms"), cpu: try field("torch_stylegan2_cpu_ms_per_step"),
                        peakResidentMegabytes: try field("torch_peak_rss_mb"),
                        generatorParameters: try field("G_params"), discriminatorParameters: try field("D_params"))
        }
    }
}
