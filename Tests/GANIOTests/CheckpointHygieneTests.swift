import Foundation
import GANCore
import GANTestSupport
import GANIO
import Testing

/// What a killed run leaves in checkpoints/ is tidied when the next run starts, and a run
/// cancelled mid-way checkpoints the iteration it stopped at and resumes from it bit-identically.
@Suite struct CheckpointHygieneTests {
    /// Sets a cancellation when the iteration `at` finishes.
    final class CancelAt: TrainingObserver {
        let at: Int
        let cancellation = TrainingCancellation()
        init(_ at: Int) { self.at = at }
        func iterationDidFinish(_ s: StepStatistics, pipeline: TrainingPipeline) throws {
            if s.iteration == at { cancellation.cancel() }
        }
    }

    static func names(_ run: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent(Checkpoint.folderName).path).sorted()
    }

    @Test func staleTemporaryFoldersAreRemovedWhenARunStarts() throws {
        try TemporaryFolder.with { folder in
            let run = try CheckpointTests.trainedRun(folder)
            let checkpoints = run.appendingPathComponent(Checkpoint.folderName)
            // A write killed half-way, and one killed between its two renames (old copy displaced,
            // new one not yet in place), plus an old copy whose replacement did arrive.
            _ = try folder.write(Data("half".utf8), to: "checkpoints/iter-000015.tmp-424242/tensors.bin")
            try FileManager.default.moveItem(at: checkpoints.appendingPathComponent("iter-000005"),
                                             to: checkpoints.appendingPathComponent("iter-000005.old-424242"))
            try FileManager.default.copyItem(at: checkpoints.appendingPathComponent("iter-000010"),
                                             to: checkpoints.appendingPathComponent("iter-000010.old-424243"))
            _ = try folder.write(Data(), to: "checkpoints/notes.txt")

            let pipeline = try CheckpointTests.builder().build()
            try Checkpointer(directory: run, every: 5).trainingWillStart(pipeline, totalIterations: 20)
            #expect(try Self.names(run) == ["iter-000005", "iter-000010", "notes.txt"])
            #expect(Checkpoint.complete(in: run).map(\.iteration) == [5, 10])
        }
    }

    @Test func retentionIsBackToKeepWhenARunStartsAfterAKill() throws {
        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path)
            // Five checkpoints where three are kept: what kills between saves and their pruning leave.
            let pipeline = try CheckpointTests.builder().build()
            try pipeline.train(on: Toy.data(), iterations: 10, observers: [Checkpointer(directory: run, every: 2, keep: 5)])
            #expect(Checkpoint.complete(in: run).map(\.iteration) == [2, 4, 6, 8, 10])

            let resumed = try CheckpointTests.builder().build()
            try resumed.restore(Checkpoint.load(from: #require(Checkpoint.latest(in: run))))
            try Checkpointer(directory: run, every: 2, keep: 3).trainingWillStart(resumed, totalIterations: 12)
            #expect(Checkpoint.complete(in: run).map(\.iteration) == [6, 8, 10])
        }
    }

    @Test func aCancelledRunStopsAfterThatIterationAndResumesBitIdentically() throws {
        let data = Toy.data()
        let uninterrupted = StatisticsRecorder()
        try CheckpointTests.builder().build().train(on: data, iterations: 20, observers: [uninterrupted])

        try TemporaryFolder.with { folder in
            let run = URL(fileURLWithPath: folder.path)
            let stopper = CancelAt(7)
            let first = StatisticsRecorder()
            let pipeline = try CheckpointTests.builder().build()
            try pipeline.train(on: data, iterations: 20, observers: [first, stopper, Checkpointer(directory: run, every: 5)],
                               cancellation: stopper.cancellation)
            #expect(pipeline.iteration == 7)
            #expect(first.statistics == Array(uninterrupted.statistics[..<7]))
            let latest = try #require(Checkpoint.latest(in: run))
            #expect(latest.lastPathComponent == "iter-000007")

            let resumed = try CheckpointTests.builder(seed: 99).seed(11).build()
            try resumed.restore(Checkpoint.load(from: latest))
            let continued = StatisticsRecorder()
            try resumed.train(on: data, iterations: 20, observers: [continued])
            #expect(continued.statistics == Array(uninterrupted.statistics[7...]))
        }
    }

    @Test func aCancellationSetBeforeTrainingRunsNoIteration() throws {
        let cancellation = TrainingCancellation()
        #expect(!cancellation.cancel())
        #expect(cancellation.cancel())
        let pipeline = try CheckpointTests.builder().build()
        try pipeline.train(on: Toy.data(), iterations: 5, cancellation: cancellation)
        #expect(pipeline.iteration == 0)
    }
}
