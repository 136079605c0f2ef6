import Foundation
import GANCore
import GANIO
import GANMetrics
import GANTestSupport
import Testing

/// Evaluation during training: when it runs, what it records, the best checkpoint, and that it
/// changes nothing the run does. The features here are the images' own pixels and the score is
/// the squared distance of the feature means, so every expectation can be computed by hand.
@Suite struct EvaluationObserverTests {
    static func meanGap(_ real: Tensor, _ fake: Tensor) -> [String: Double] {
        let a = real.mean(axes: [0]).scalars, b = fake.mean(axes: [0]).scalars
        return ["gap": zip(a, b).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +)]
    }

    static func observer(_ folder: URL, every: Int = 4, calls: Counter = Counter()) -> EvaluationObserver {
        EvaluationObserver(directory: folder, every: every, count: 10, seed: 5, realImages: Toy.data(), best: "gap",
                           extract: { images in calls.extracted.append(images.shape[0]); return images.flattened() },
                           score: { real, fake in meanGap(real, fake) })
    }

    final class Counter { var extracted: [Int] = [] }

    static func withFolder<R>(_ body: (URL) throws -> R) throws -> R {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    @Test func evaluatesEveryNIterationsAndAtTheEndAndRecordsTheScore() throws {
        try Self.withFolder { folder in
            let calls = Counter()
            let pipeline = try Toy.builder().build()
            try pipeline.train(on: Toy.data(), iterations: 10,
                               observers: [Self.observer(folder, calls: calls), StatsLog(directory: folder)])
            let stats = try StatsLog.read(folder.appendingPathComponent("stats.jsonl"))
            #expect(stats.filter { $0.metrics["gap"] != nil }.map(\.iteration) == [4, 8, 10])
            // The 40 real images once, then 10 fakes per evaluation.
            #expect(calls.extracted == [40, 10, 10, 10])
        }
    }

    @Test func theRecordedScoreIsTheScoreOfTheEMASamplesOfThoseLatents() throws {
        try Self.withFolder { folder in
            let pipeline = try Toy.builder().build()
            final class Keep: TrainingObserver {
                var last: StepStatistics?
                func iterationDidFinish(_ s: StepStatistics, pipeline: TrainingPipeline) throws { last = s }
            }
            let keep = Keep()
            try pipeline.train(on: Toy.data(), iterations: 4, observers: [Self.observer(folder), keep])
            let last = keep.last!
            var rng = RandomSource(seed: 5)
            let fakes = EightBitImages.fromSigned(pipeline.sample(latents: Tensor.normal([10, 4], using: &rng)))
            let reals = EightBitImages.fromSigned(Toy.data().images(at: Array(0..<40)))
            let expected = Self.meanGap(reals.flattened(), fakes.flattened())["gap"]!
            #expect(last.metrics["gap"] == expected)
            #expect(expected > 0)
        }
    }

    @Test func evaluationChangesNothingTheRunDoes() throws {
        try Self.withFolder { folder in
            let plain = try Toy.builder().build()
            final class Collect: TrainingObserver {
                var all: [StepStatistics] = []
                func iterationDidFinish(_ s: StepStatistics, pipeline: TrainingPipeline) throws { all.append(s.withoutTiming) }
            }
            let a = Collect(), b = Collect()
            try plain.train(on: Toy.data(), iterations: 12, observers: [a])
            let expected = a.all
            let evaluated = try Toy.builder().build()
            try evaluated.train(on: Toy.data(), iterations: 12, observers: [Self.observer(folder), b])
            var stripped = b.all
            for i in stripped.indices { stripped[i].metrics["gap"] = nil }
            #expect(stripped == expected)
        }
    }

    @Test func keepsTheBestCheckpointApartAndRereadsTheBestScoreOnResume() throws {
        try Self.withFolder { folder in
            let pipeline = try Toy.builder().build()
            try pipeline.train(on: Toy.data(), iterations: 12,
                               observers: [Self.observer(folder, every: 2), StatsLog(directory: folder),
                                           Checkpointer(directory: folder, every: 4, keep: 1)])
            let stats = try StatsLog.read(folder.appendingPathComponent("stats.jsonl"))
            let scored = stats.compactMap { s in s.metrics["gap"].map { (s.iteration, $0) } }
            let bestIteration = scored.min { $0.1 < $1.1 }!.0
            let best = folder.appendingPathComponent("checkpoints/gap-best")
            #expect(try Checkpoint.load(from: best).metadata.iteration == bestIteration)
            // Rolling checkpoints neither count nor prune it.
            #expect(Checkpoint.latest(in: folder)?.lastPathComponent == "iter-000012")

            // A new observer on the same run reads the best score so far back from stats.jsonl:
            // scoring the unchanged weights of iteration 12 again (no better than the best)
            // leaves the best checkpoint alone, where an observer without history would replace it.
            let observer = Self.observer(folder, every: 2)
            try observer.trainingWillStart(pipeline, totalIterations: 14)
            let before = try Data(contentsOf: best.appendingPathComponent("manifest.json"))
            var s = stats.last!
            s.iteration = 14
            try observer.annotate(&s, pipeline: pipeline)
            #expect(s.metrics["gap"] == scored.last!.1)
            #expect(try Data(contentsOf: best.appendingPathComponent("manifest.json")) == before)
        }
    }
}
