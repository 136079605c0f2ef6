import Foundation
import GANKit
import Testing

/// `mpirun --oversubscribe -np 2 gankit train --distributed` on loopback: rank 0 alone writes the
/// run folder, a run stopped and resumed on two processes ends bit-identical to one that was not
/// (also with ADA adjusting p, LeCam and DigGAN, whose state the checkpoint holds),
/// a two-process checkpoint resumes in one process, and an error ends every rank, naming each.
@Suite struct DistributedTrainingTests {
    /// A tiny DCGAN run on 8 images: batch 4 (2 per rank), a checkpoint every 2 iterations.
    static func arguments(data: URL, output: URL, iterations: Int) -> [String] {
        ["train", "--data", data.path, "--width", "4", "--batch-size", "4", "--iterations", "\(iterations)", "--seed", "3",
         "--progress-every", "1", "--sample-every", "1000", "--checkpoint-every", "2", "--output", output.path]
    }

    /// `gankit ARGUMENTS` under `mpirun -np ranks` (with `--distributed`), or alone when `ranks`
    /// is nil.
    static func gankit(ranks: Int?, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let binary = try #require(StopSignalTests.binary, "the gankit binary is not next to the test bundle")
        return try GankitProcess.run(binary, ranks == nil ? arguments : [arguments[0], "--distributed"] + arguments.dropFirst(), ranks: ranks)
    }

    static func expectBitIdentical(_ a: URL, _ b: URL) throws {
        let x = try Checkpoint.load(from: try #require(Checkpoint.latest(in: a)))
        let y = try Checkpoint.load(from: try #require(Checkpoint.latest(in: b)))
        #expect(x.metadata == y.metadata)
        #expect(x.tensors.keys.sorted() == y.tensors.keys.sorted())
        for (name, tensor) in x.tensors {
            #expect(tensor.scalars.map(\.bitPattern) == y.tensors[name]?.scalars.map(\.bitPattern), "tensor \(name) differs")
        }
    }

    @Test(arguments: [[], ["--augmentation", "ada:initialP=0.5,interval=1,speedKimg=1", "--regularizer", "lecam:startStep=1", "--regularizer", "diggan"]])
    func aRunResumedOnTwoProcessesEndsBitIdentical(methods: [String]) throws {
        let data = try TrainingRunTests.imageFolder(count: 8)
        let whole = GankitProcess.temporary("dp-whole"), split = GankitProcess.temporary("dp-split")
        defer { for url in [data, whole, split] { try? FileManager.default.removeItem(at: url) } }
        let first = try Self.gankit(ranks: 2, Self.arguments(data: data, output: whole, iterations: 4) + methods)
        try #require(first.status == 0, "\(first.output)")
        // Rank 0 alone prints (and writes): one header, four progress lines.
        #expect(first.output.components(separatedBy: "data-parallel: 2 processes, 2 images each per batch of 4").count == 2, "\(first.output)")
        #expect(first.output.components(separatedBy: "it 4/4").count == 2, "\(first.output)")
        let half = try Self.gankit(ranks: 2, Self.arguments(data: data, output: split, iterations: 2) + methods)
        try #require(half.status == 0, "\(half.output)")
        let rest = try Self.gankit(ranks: 2, ["train", "--resume", split.path, "--iterations", "4"])
        try #require(rest.status == 0, "\(rest.output)")
        try Self.expectBitIdentical(whole, split)
        let expected = try StatsLog.read(whole.appendingPathComponent("stats.jsonl")).map(\.withoutTiming)
        #expect(try StatsLog.read(split.appendingPathComponent("stats.jsonl")).map(\.withoutTiming) == expected)
    }

    /// The checkpoint holds the global batch's sampler and draws, so one process continues the
    /// same batches; its BatchNorm then sees all 4 images where each rank saw 2.
    @Test func aTwoProcessCheckpointResumesInOneProcess() throws {
        let data = try TrainingRunTests.imageFolder(count: 8)
        let run = GankitProcess.temporary("dp-one")
        defer { for url in [data, run] { try? FileManager.default.removeItem(at: url) } }
        let half = try Self.gankit(ranks: 2, Self.arguments(data: data, output: run, iterations: 2))
        try #require(half.status == 0, "\(half.output)")
        let rest = try Self.gankit(ranks: nil, ["train", "--resume", run.path, "--iterations", "4"])
        try #require(rest.status == 0, "\(rest.output)")
        let stats = try StatsLog.read(run.appendingPathComponent("stats.jsonl"))
        #expect(stats.map(\.iteration) == [1, 2, 3, 4])
        #expect(stats.last?.kimg == 0.016)
    }

    @Test func anErrorEndsEveryRankNamingIt() throws {
        let data = try TrainingRunTests.imageFolder(count: 8)
        let run = GankitProcess.temporary("dp-error")
        defer { for url in [data, run] { try? FileManager.default.removeItem(at: url) } }
        var arguments = Self.arguments(data: data, output: run, iterations: 2)
        arguments[arguments.firstIndex(of: "--batch-size")! + 1] = "3"
        let result = try Self.gankit(ranks: 2, arguments)
        #expect(result.status != 0)
        #expect(result.output.contains("batch size 3 does not split evenly over 2 processes"), "\(result.output)")
        #expect(result.output.contains("rank 0 of 2") || result.output.contains("rank 1 of 2"), "\(result.output)")
    }
}
