import ArgumentParser
@testable import GANBench
import GANCore
import Testing

/// gankit-bench's flags: every bad one is rejected before any work with its first line naming
/// the flag, the value and what is allowed, then the subcommand's usage (never a trap), and the
/// invocations the docs and the Makefile use parse to the values they mean.
@Suite struct GANBenchCommandTests {
    /// A command line that must be rejected, and what the first line of the message must name.
    struct BadInput: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let firstLineNames: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// The error and usage `gankit-bench` prints for `arguments`, or nil when they parse.
    static func rejection(_ arguments: [String]) -> String? {
        do {
            _ = try GANBenchCommand.command(for: arguments)
            return nil
        } catch {
            return GANBenchCommand.fullMessage(for: error)
        }
    }

    /// What `gankit-bench` prints for `arguments` that ask for help: the help command they
    /// parse to is run (it only throws its text); a benchmark is never run.
    static func help(_ arguments: [String]) -> String {
        do {
            var command = try GANBenchCommand.command(for: arguments)
            let benchmarks: [any ParsableCommand.Type] = [GANBenchCommand.Kernels.self, GANBenchCommand.Step.self,
                                                          GANBenchCommand.StyleGAN2.self, GANBenchCommand.Inception.self]
            guard !benchmarks.contains(where: { ObjectIdentifier($0) == ObjectIdentifier(type(of: command)) }) else {
                return "\(arguments) parsed to a benchmark"
            }
            try command.run()
            return ""
        } catch {
            return GANBenchCommand.fullMessage(for: error)
        }
    }

    static let badInputs = [
        BadInput(arguments: ["step", "--steps", "x"], firstLineNames: ["'x'", "--steps", "integer ≥ 1"]),
        BadInput(arguments: ["step", "--steps", "0"], firstLineNames: ["'0'", "--steps", "integer ≥ 1"]),
        BadInput(arguments: ["step", "--warmup", "-1"], firstLineNames: ["'-1'", "--warmup", "integer ≥ 0"]),
        BadInput(arguments: ["step", "--only", "sngan"], firstLineNames: ["'sngan'", "--only", "'plain'", "'r1'", "'ms3d'"]),
        BadInput(arguments: ["step", "--non-finite", "ignore"], firstLineNames: ["'ignore'", "--non-finite", "'stop'", "'skip'"]),
        BadInput(arguments: ["step", "--stepz", "3"], firstLineNames: ["--stepz"]),
        BadInput(arguments: ["step", "--steps"], firstLineNames: ["--steps"]),
        BadInput(arguments: ["stylegan2", "--steps", "2"], firstLineNames: ["--steps 2", "--warmup 2", "--steps ≥ 15"]),
        BadInput(arguments: ["stylegan2", "--steps", "1", "--warmup", "0"], firstLineNames: ["--steps 1", "--warmup 0", "--steps ≥ 2"]),
        BadInput(arguments: ["stylegan2", "--steps", "14", "--warmup", "17"], firstLineNames: ["--steps 14", "--warmup 17", "--steps ≥ 16"]),
        BadInput(arguments: ["stylegan2", "--batch", "6"], firstLineNames: ["--batch", "6", "multiple of 4"]),
        BadInput(arguments: ["stylegan2", "--batch", "0"], firstLineNames: ["'0'", "--batch", "integer ≥ 4"]),
        BadInput(arguments: ["stylegan2", "--rounds", "two"], firstLineNames: ["'two'", "--rounds", "integer ≥ 1"]),
        BadInput(arguments: ["stylegan2", "--threads", "2"], firstLineNames: ["--threads"]),
        BadInput(arguments: ["inception", "--images", "0"], firstLineNames: ["'0'", "--images", "integer ≥ 1"]),
        BadInput(arguments: ["inception", "--rounds", "1.5"], firstLineNames: ["'1.5'", "--rounds", "integer ≥ 1"]),
        BadInput(arguments: ["inception", "--runs", "3"], firstLineNames: ["--runs"]),
        BadInput(arguments: ["ada", "--repeats", "0"], firstLineNames: ["'0'", "--repeats", "integer ≥ 1"]),
        BadInput(arguments: ["ada", "--filter", "sym6"], firstLineNames: ["--filter"]),
        BadInput(arguments: ["kernels", "D9"], firstLineNames: ["'D9'", "sgemm square", "G4 weight grad"]),
        BadInput(arguments: ["kernels", "D3", "G2"], firstLineNames: ["'G2'"]),
    ]

    @Test(arguments: badInputs)
    func aBadFlagIsNamedWithItsValueAndTheSubcommandsUsage(_ input: BadInput) throws {
        let message = try #require(Self.rejection(input.arguments), "\(input.arguments) parsed")
        let firstLine = String(message.prefix { $0 != "\n" })
        for name in input.firstLineNames {
            #expect(firstLine.contains(name), "\(firstLine) does not name \(name)")
        }
        #expect(message.contains("Usage: gankit-bench \(input.arguments[0])"), "\(message)")
    }

    @Test(arguments: [["stylegan3"], ["stylegan3", "--steps", "3"], ["Step", "--steps", "3"]])
    func anUnknownSubcommandIsNamedWithTheSubcommands(_ arguments: [String]) throws {
        let message = try #require(Self.rejection(arguments))
        let firstLine = message.prefix { $0 != "\n" }
        #expect(firstLine.contains("unknown subcommand '\(arguments[0])'"), "\(firstLine)")
        #expect(firstLine.contains("kernels, step, stylegan2, inception, ada"), "\(firstLine)")
        #expect(message.contains("Usage: gankit-bench <subcommand>"), "\(message)")
    }

    @Test func theHelpListsTheSubcommands() {
        for arguments in [[], ["--help"], ["help"]] {
            let help = Self.help(arguments)
            #expect(help.contains("USAGE: gankit-bench <subcommand>"), "\(arguments): \(help)")
            for subcommand in ["kernels", "step", "stylegan2", "inception", "ada"] {
                #expect(help.contains("  \(subcommand) "), "\(arguments): the help does not list \(subcommand)")
            }
        }
    }

    @Test(arguments: ["kernels", "step", "stylegan2", "inception", "ada"])
    func eachSubcommandHasItsHelp(_ subcommand: String) {
        #expect(Self.help([subcommand, "--help"]).contains("USAGE: gankit-bench \(subcommand)"))
        #expect(Self.help(["help", subcommand]).contains("USAGE: gankit-bench \(subcommand)"))
    }

    @Test func stepHelpListsTheFlagsWithTheirDefaultsAndValues() {
        // Words only: the help wraps its lines at the terminal's width.
        let help = Self.help(["step", "--help"]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for text in ["--steps <steps>", "default: 30", "--warmup <warmup>", "default: 3", "--only <only>", "values: plain, r1, ms3d",
                     "--non-finite <non-finite>", "values: stop, skip", "default: stop"] {
            #expect(help.contains(text), "step --help lacks \(text)")
        }
    }

    @Test func stepInvocationsOfTheDocsParse() throws {
        let defaults = try #require(try GANBenchCommand.command(for: ["step"]) as? GANBenchCommand.Step)
        #expect(defaults.steps == 30 && defaults.warmup == 3 && defaults.only == nil && defaults.nonFinite == .stop)
        let twenty = try #require(try GANBenchCommand.command(for: ["step", "--steps", "20"]) as? GANBenchCommand.Step)
        #expect(twenty.steps == 20 && twenty.warmup == 3)
        let profile = try #require(try GANBenchCommand.command(for: ["step", "--only", "plain", "--steps", "16"]) as? GANBenchCommand.Step)
        #expect(profile.only == .plain && profile.steps == 16)
        let skip = try #require(try GANBenchCommand.command(for: ["step", "--steps", "15", "--only", "plain", "--non-finite", "skip"])
            as? GANBenchCommand.Step)
        #expect(skip.steps == 15 && skip.only == .plain && skip.nonFinite == .skip)
        let tiny = try #require(try GANBenchCommand.command(for: ["step", "--steps", "1", "--warmup", "0", "--only", "ms3d"]) as? GANBenchCommand.Step)
        #expect(tiny.steps == 1 && tiny.warmup == 0 && tiny.only == .ms3d)
    }

    @Test func stylegan2InvocationsOfTheDocsParse() throws {
        let rounds = try #require(try GANBenchCommand.command(for: ["stylegan2", "--rounds", "3"]) as? GANBenchCommand.StyleGAN2)
        #expect(rounds.steps == 32 && rounds.warmup == 2 && rounds.batch == 64 && rounds.rounds == 3)
        #expect(rounds.script == "scripts/torch_stylegan2_bench.py")
        let profile = try #require(try GANBenchCommand.command(for: ["stylegan2", "--script", "none", "--steps", "17", "--warmup", "0"])
            as? GANBenchCommand.StyleGAN2)
        #expect(profile.script == "none" && profile.steps == 17 && profile.warmup == 0 && profile.rounds == 1)
        let small = try #require(try GANBenchCommand.command(for: ["stylegan2", "--steps", "15", "--warmup", "2", "--batch", "8"])
            as? GANBenchCommand.StyleGAN2)
        #expect(small.steps == 15 && small.batch == 8)
    }

    @Test func inceptionAndKernelsInvocationsOfTheDocsParse() throws {
        let inception = try #require(try GANBenchCommand.command(for: ["inception", "--images", "16", "--rounds", "5"]) as? GANBenchCommand.Inception)
        #expect(inception.images == 16 && inception.rounds == 5 && inception.module == nil)
        #expect(inception.script == "scripts/torch_inception_bench.py")
        let module = try #require(try GANBenchCommand.command(for: ["inception", "--pt", "default_1.pt", "--rounds", "2"]) as? GANBenchCommand.Inception)
        #expect(module.module == "default_1.pt" && module.rounds == 2 && module.images == 16)
        let all = try #require(try GANBenchCommand.command(for: ["kernels"]) as? GANBenchCommand.Kernels)
        #expect(all.name == nil)
        let d3 = try #require(try GANBenchCommand.command(for: ["kernels", "D3"]) as? GANBenchCommand.Kernels)
        #expect(d3.name == "D3")
        #expect(Self.rejection(["kernels", "weight grad"]) == nil)
        let ada = try #require(try GANBenchCommand.command(for: ["ada"]) as? GANBenchCommand.ADAResampling)
        #expect(ada.repeats == 9)
        let five = try #require(try GANBenchCommand.command(for: ["ada", "--repeats", "5"]) as? GANBenchCommand.ADAResampling)
        #expect(five.repeats == 5)
    }

    /// `fewestSteps` is the least `--steps` whose timed D steps `warmup..<warmup+steps` hold at
    /// least one step with R1 (every 16th, from 0) and at least one without it.
    @Test func fewestStepsIsTheLeastThatTimesStepsWithAndWithoutR1() {
        for warmup in 0...40 {
            let fewest = (1...40).first { steps in
                let due = (warmup..<(warmup + steps)).filter { $0 % StyleGAN2Benchmark.interval == 0 }.count
                return due >= 1 && due < steps
            }
            #expect(StyleGAN2Benchmark.fewestSteps(afterWarmup: warmup) == fewest, "warmup \(warmup)")
        }
    }

    /// `kernels [name]` is checked against these names: the two sgemms, then three distinct ops
    /// per layer, under the names docs/performance.md uses.
    @Test func kernelsCaseNamesNameEachLayersThreeOps() {
        let names = KernelsBenchmark.caseNames
        #expect(names.count == 2 + 3 * KernelsBenchmark.layers.count)
        #expect(names.prefix(2) == ["sgemm square", "sgemm thin (D1 forward)"])
        #expect(names.contains("D1 conv2d") && names.contains("D3 input grad (convT)") && names.contains("G2 convTranspose2d")
                && names.contains("G4 input grad (conv)") && names.contains("G4 weight grad"))
        #expect(Set(names).count == names.count)
    }
}
