// DigGAN's two-point experiment (Fang et al., "DigGAN: Discriminator gradIent Gap
// Regularization for GAN Training with Limited Data", NeurIPS 2022, section 3.3, Figs. 3–5):
// a GAN must generate the two real points 0 and 4. The paper reports that a vanilla GAN gets
// stuck generating one of them (experiment 1), that noise on its discriminator does not free
// it (experiment 2), that DigGAN from the same start covers both (experiment 3), and that
// DigGAN escapes the trapped state after D is trained to optimality (experiment 4). This
// example runs all four from `--starts` random starts and counts how often each run covers
// both points; it does not assume the outcome. docs/diggan-two-point.md has the results.
//
//     swift run -c release DigGANTwoPoint [--starts N] [--first-seed S] [--optimizer adam|sgd]
//         [--steps K] [--iterations N] [--output DIR]
//     swift run -c release DigGANTwoPoint --final-points-from RESULTS.jsonl [--output DIR]
//
// The settings, and which of them the paper does not state, are in TwoPointSetup
// (Examples/Support/DigGANTwoPoint/); the experiments in TwoPointExperiments; the coverage
// criterion in TwoPointCoverage. `--optimizer` reads "momentum coefficient 0.9 [25]" as Adam
// (the cited reference; default) or as SGD with momentum; `--steps` is the number of D steps
// and of G steps per iteration (default 1). Writes `results.jsonl` (one TwoPointRecord per
// run, appended start by start) and the figures (SVG) to the output folder.
// `--final-points-from` draws only final-points.svg, from a results file (e.g. one merged
// from runs over different seeds), and trains nothing.
import ExampleSupport
import Foundation
import GANKit

let usage = "usage: DigGANTwoPoint [--starts N] [--first-seed S] [--optimizer adam|sgd] [--steps K] [--iterations N] [--output DIR]\n"
    + "       DigGANTwoPoint --final-points-from RESULTS.jsonl [--output DIR]"
let (starts, firstSeed, setup, outputFolder, finalPointsSource) = ExampleArguments.parseOrExit(
    usage: usage, flags: ["--starts", "--first-seed", "--optimizer", "--steps", "--iterations", "--output", "--final-points-from"]
) { arguments throws(ExampleArgumentsError) in
    var setup = TwoPointSetup()
    if let name = arguments.options["--optimizer"] {
        guard let optimizer = TwoPointSetup.Optimizer(rawValue: name) else {
            throw .invalidValue(flag: "--optimizer", value: name, expected: "adam or sgd")
        }
        setup.optimizer = optimizer
    }
    if let steps = try arguments.positiveInteger("--steps") { (setup.discriminatorSteps, setup.generatorSteps) = (steps, steps) }
    if let iterations = try arguments.positiveInteger("--iterations") { setup.iterations = iterations }
    var first: UInt64 = 0
    if let text = arguments.options["--first-seed"] {
        guard let value = UInt64(text) else { throw .invalidValue(flag: "--first-seed", value: text, expected: "an integer ≥ 0") }
        first = value
    }
    return (try arguments.positiveInteger("--starts") ?? 10, first, setup, arguments.options["--output"], arguments.options["--final-points-from"])
}

/// The commit this example runs from, with `+dirty` when tracked files differ from it.
func gitCommit() -> String {
    func git(_ arguments: [String]) -> String? {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    guard let head = git(["rev-parse", "HEAD"]) else { return "unknown" }
    return head + (git(["status", "--porcelain", "--untracked-files=no"])?.isEmpty == false ? "+dirty" : "")
}

/// How D₂ was reached, for experiment 4's lines.
func optimalityNote(_ record: TwoPointRecord) -> String {
    guard let steps = record.optimalitySteps, let gap = record.optimalityGap else { return "" }
    return String(format: "; D₂ after %d D steps, |gap| %.2g", steps, gap)
}

if let source = finalPointsSource {
    let lines = try String(contentsOfFile: source, encoding: .utf8).split(separator: "\n")
    let records = try lines.map { try JSONDecoder().decode(TwoPointRecord.self, from: Data($0.utf8)) }
    guard let first = records.first else { throw ExampleArgumentsError.invalidValue(flag: "--final-points-from", value: source, expected: "a results file with records") }
    let folder = try exampleOutputDirectory("diggan-two-point", given: outputFolder ?? URL(fileURLWithPath: source).deletingLastPathComponent().path)
    let file = folder.appendingPathComponent("final-points.svg")
    try TwoPointFigures.finalPoints(records, setup: first.setup).write(to: file, atomically: true, encoding: .utf8)
    print("Final points of \(Set(records.map(\.seed)).count) starts from \(source): \(file.path)")
    exit(0)
}

let output = try exampleOutputDirectory("diggan-two-point-\(setup.reading.replacingOccurrences(of: ":", with: "-"))", given: outputFolder)
let resultsFile = output.appendingPathComponent("results.jsonl")
try Data().write(to: resultsFile)
let results = try FileHandle(forWritingTo: resultsFile)
let commit = gitCommit()
let command = (["swift run -c release DigGANTwoPoint"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]

print("Two real points, 0 and 4; \(starts) random starts from seed \(firstSeed); \(setup.reading): \(setup.optimizer.rawValue), "
      + "lr \(setup.learningRate), momentum/β₁ \(setup.momentum), \(setup.discriminatorSteps) D and \(setup.generatorSteps) G steps "
      + "per iteration, \(setup.iterations) iterations, DigGAN λ \(setup.lambda), α \(setup.alpha). Commit \(commit).")
var all: [TwoPointRecord] = []
for seed in firstSeed..<firstSeed + UInt64(starts) {
    let runs = try TwoPointExperiments.run(seed: seed, setup: setup)
    for run in runs {
        let record = run.record(seed: seed, setup: setup, gitCommit: commit, command: command)
        all.append(record)
        results.write(try encoder.encode(record) + Data("\n".utf8))
        print(String(format: "seed %2d  exp %d %-7@ from %@: %@ → %@ (%@); max R %.3g%@", seed, record.experiment, record.variant,
                     record.startState, record.startPoints.map { String(format: "%.2f", $0) }.joined(separator: " "),
                     record.finalPoints.map { String(format: "%.2f", $0) }.joined(separator: " "),
                     run.coverage(setup).describe(real: setup.realPoints), record.maxGap,
                     optimalityNote(record)))
    }
    let svg = { (name: String, text: String) in try text.write(to: output.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    try svg("start-\(seed).svg", TwoPointFigures.figure3(seed: seed, vanilla: runs[0], digGAN: runs[1], setup: setup))
    let noise = runs.filter { $0.experiment == 2 }, escape = runs.filter { $0.experiment == 4 }
    if !noise.isEmpty { try svg("noise-\(seed).svg", TwoPointFigures.figure4(seed: seed, runs: noise, setup: setup)) }
    if escape.count == 2 { try svg("escape-\(seed).svg", TwoPointFigures.figure5(seed: seed, vanilla: escape[0], digGAN: escape[1], setup: setup)) }
    try svg("final-points.svg", TwoPointFigures.finalPoints(all, setup: setup))
}
try results.close()

print("\nCovers both points (each real point has its own generated point within \(TwoPointCoverage.defaultTolerance)):")
let groups = Dictionary(grouping: all) { "\($0.experiment) \($0.variant) \($0.noiseVariance.map { "v=\($0)" } ?? "")" }
for key in groups.keys.sorted() {
    let records = groups[key]!
    print("  experiment \(key): \(records.filter(\.coversBoth).count) of \(records.count) runs")
}
print("Results: \(resultsFile.path); figures: \(output.path)/{start,noise,escape}-SEED.svg, final-points.svg")
