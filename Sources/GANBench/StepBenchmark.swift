import Foundation
import GANCore
import GANModels
import GANTensor
import RegularizerMS3D
import RegularizerR1

/// `gankit-bench step`: wall time of one DCGAN-32 training iteration (one D step + one G step,
/// the timed region of scripts/torch_dcgan_bench.py), batch 64, Adam (2e-4,
/// (0.5, 0.999)), non-saturating loss, no EMA, on a `TensorDataset` of 512 uniform images in
/// [-1, 1], in three variants:
/// - plain;
/// - R1 (γ = 10) on every D step, with the double backprop through D it needs;
/// - MS3D (λ = 100) lazily every 16th D step, reported amortised over its interval:
///   (15·median of the steps without it + median of the steps with it) / 16; its overhead is
///   that amortised extra relative to the steps without it in the same run.
///
/// Medians over `steps` iterations after `warmup` iterations, on all cores (two here). The
/// last line is one JSON object; `peak_rss_mb` is the process's VmHWM after all variants.
/// `--non-finite skip` times the pipeline with the skip policy (a savepoint per step) instead
/// of the default stop; both run the non-finite checks.
enum StepBenchmark {
    // The property names are the JSON keys of the benchmark report.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Report: Encodable {
        let dcgan32_plain_step_ms: Double
        let dcgan32_r1_step_ms: Double
        let dcgan32_ms3d_lazy16_step_ms: Double
        let dcgan32_ms3d_due_step_ms: Double
        let ms3d_lazy16_overhead: Double
        let peak_rss_mb: Double
        let steps: Int
        let warmup: Int
        let threads: Int
    }

    static let batch = 64
    /// GANTensor splits its kernels over every online core.
    static let threads = ProcessInfo.processInfo.activeProcessorCount
    static let interval = 16

    /// The three variants, for `--only`.
    enum Variant: String, CaseIterable {
        case plain, r1, ms3d
    }

    /// Times `only` or every variant (flags checked by `GANBenchCommand.Step`: `steps` ≥ 1,
    /// `warmup` ≥ 0); throws the pipeline's error when a step fails (a NaN under `.stop`).
    static func run(steps: Int, warmup: Int, only: Variant?, policy: NonFinitePolicy) throws {
        var rng = RandomSource(seed: 0)
        let dataset = TensorDataset(Tensor.uniform([512, 3, 32, 32], low: -1, high: 1, using: &rng))
        print("DCGAN-32 training step, batch \(batch), \(threads) threads, median of \(steps) steps after \(warmup) warm-ups, non-finite values: \(policy.rawValue)")

        func selected(_ variant: Variant) -> Bool { only == nil || only == variant }
        var plain = Double.nan, r1 = Double.nan
        if selected(.plain) {
            let t = try time(nil, dataset, steps: steps, warmup: warmup, policy: policy).all
            plain = Timing.median(t)
            print(String(format: "plain        %8.1f ms (fastest step %.1f ms)", plain * 1000, t.min()! * 1000))
        }
        if selected(.r1) {
            let t = try time(R1(gamma: 10), dataset, steps: steps, warmup: warmup, policy: policy).all
            r1 = Timing.median(t)
            print(String(format: "R1 every     %8.1f ms (fastest step %.1f ms)", r1 * 1000, t.min()! * 1000))
        }
        var lazy = Double.nan, due = Double.nan, overhead = Double.nan
        if selected(.ms3d) {
            // Whole intervals, at least `steps` of them, so each median has several samples.
            let ms3dSteps = max(steps, 4 * interval).roundedUp(toMultipleOf: interval)
            let t = try time(MS3D(weight: 100, interval: interval), dataset, steps: ms3dSteps,
                         warmup: warmup.roundedUp(toMultipleOf: interval), policy: policy)
            due = Timing.median(t.due)
            let notDue = Timing.median(t.notDue)
            lazy = (Double(interval - 1) * notDue + due) / Double(interval)
            // Relative to the steps of the same run without the penalty, so load elsewhere on
            // the machine between the variants does not enter the ratio.
            overhead = (due - notDue) / Double(interval) / notDue
            print(String(format: "MS3D lazy/16 %8.1f ms amortised (%.1f ms on its steps, %d steps)", lazy * 1000, due * 1000, ms3dSteps))
        }
        if !overhead.isNaN {
            print(String(format: "MS3D lazy/16 adds %.1f %% to a step (its steps vs the others of the same run)", overhead * 100))
        }
        let report = Report(dcgan32_plain_step_ms: plain * 1000, dcgan32_r1_step_ms: r1 * 1000,
                            dcgan32_ms3d_lazy16_step_ms: lazy * 1000, dcgan32_ms3d_due_step_ms: due * 1000,
                            ms3d_lazy16_overhead: overhead, peak_rss_mb: peakResidentMegabytes(),
                            steps: steps, warmup: warmup, threads: threads)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        print(String(decoding: try! encoder.encode(report), as: UTF8.self))
    }

    /// Seconds of each timed iteration, split by whether a lazy regularizer was due in it.
    static func time(_ regularizer: (any Regularizer)?, _ dataset: TensorDataset, steps: Int,
                     warmup: Int, policy: NonFinitePolicy) throws -> (all: [Double], due: [Double], notDue: [Double]) {
        var rng = RandomSource(seed: 1)
        var builder = TrainingPipeline.builder()
            .generator(DCGANGenerator(resolution: 32, channels: 3, initialization: .pytorchDefault, using: &rng))
            .discriminator(DCGANDiscriminator(resolution: 32, channels: 3, initialization: .pytorchDefault, using: &rng))
            .loss(NonSaturatingLoss())
            .optimizers(.adam(learningRate: 2e-4, betas: (0.5, 0.999)))
            .generatorEMA(decay: nil)
            .batchSize(batch)
            .seed(3)
            .nonFinite(policy)
        if let regularizer { builder = builder.regularizer(regularizer) }
        let pipeline = try builder.build()
        var all: [Double] = [], due: [Double] = [], notDue: [Double] = []
        var cpu: [Double] = []
        let clock = ContinuousClock()
        for i in 0..<(warmup + steps) {
            let isDue = regularizer?.schedule.isDue(atStep: pipeline.discriminatorStepCount) ?? false
            let cpuStart = processCPUSeconds()
            let elapsed = try clock.measure { _ = try pipeline.step(on: dataset) }
            guard i >= warmup else { continue }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            all.append(seconds)
            cpu.append(processCPUSeconds() - cpuStart)
            if isDue { due.append(seconds) } else { notDue.append(seconds) }
        }
        print(String(format: "  (%@: median CPU time %.1f ms per step over all threads)", regularizer?.name ?? "plain",
                     Timing.median(cpu) * 1000))
        return (all, due, notDue)
    }

    /// CPU seconds used by all threads of the process so far. On a loaded machine the wall
    /// time stretches but this does not, so it shows whether a change cut work.
    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// The process's peak resident set (VmHWM in /proc/self/status), in MB.
    static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "") else { return .nan }
        return kb / 1024
    }
}

extension Int {
    /// The smallest multiple of `m` that is ≥ self.
    func roundedUp(toMultipleOf m: Int) -> Int { (self + m - 1) / m * m }
}
