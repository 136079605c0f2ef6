import Foundation
import GANKit
import Testing

/// The non-finite guard on the issue's reproductions: a regularizer at weight 1e38, a learning
/// rate of 1e8 and MS3D at 1e38 stop with a message naming where the value started, the last
/// checkpoint stays finite and loadable, `"nonFinite": "skip"` undoes the steps and counts them,
/// and no checkpoint ever holds a non-finite value.
@Suite struct NonFiniteGuardTests {
    init() { GANKit.registerBuiltins() }

    static func quiet() -> ConsoleProgress { ConsoleProgress(every: 1000, isTerminal: false) { _ in } }

    /// The tiny DCGAN run of `TrainingRunTests` with only the given regularizer, a checkpoint
    /// every iteration.
    static func configuration(_ regularizers: [ComponentSpec], iterations: Int) throws -> RunConfiguration {
        let data = try TrainingRunTests.imageFolder(count: 6)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-nonfinite-\(UUID().uuidString)")
        var c = TrainingRunTests.configuration(data: data, output: output, iterations: iterations)
        c.regularizers = regularizers
        c.output.checkpointEvery = 1
        c.output.sampleEvery = 100
        return c
    }

    /// Trains `c` and returns the `GANCoreError.nonFinite` it stops with.
    static func divergence(_ c: RunConfiguration) throws -> (iteration: Int, step: String, culprit: String) {
        do {
            try TrainingRun(c).train(progress: quiet())
        } catch GANCoreError.nonFinite(let iteration, let step, let culprit) {
            return (iteration, step, culprit)
        }
        Issue.record("the run finished without a non-finite error")
        return (0, "", "")
    }

    /// Every tensor of the run's latest checkpoint is finite, and the checkpoint is of `iteration`.
    static func expectLastCheckpointFinite(_ c: RunConfiguration, iteration: Int) throws {
        let directory = URL(fileURLWithPath: c.output.directory)
        let latest = try #require(Checkpoint.latest(in: directory))
        let snapshot = try Checkpoint.load(from: latest)
        #expect(snapshot.metadata.iteration == iteration)
        for (name, tensor) in snapshot.tensors { #expect(NonFiniteScan.firstIndex(in: tensor) == nil, "\(name) is not finite") }
        // stats.jsonl has no line of the failed iteration.
        let stats = try StatsLog.read(directory.appendingPathComponent("stats.jsonl"))
        #expect(stats.map(\.iteration) == Array(1...iteration))
    }

    /// `--regularizer KIND:weight=1e38` (LeCam from D step 1, R1 through gamma): before the
    /// guard, Adam's second moments went to +inf and the run exited 0. Now the run stops at
    /// iteration 2 naming the first value that overflowed — the penalty itself, the gradient
    /// of a discriminator parameter, or one of its Adam moments — by the regularizer's name or
    /// the parameter's dotted name, and iteration 1's checkpoint is finite.
    @Test(arguments: [("lecam", "weight", ["startStep": JSONValue.number(1)]), ("r1", "gamma", [:]),
                      ("cr", "weight", [:]), ("diggan", "weight", [:])])
    func aRegularizerAt1e38StopsNamingWhereTheOverflowStarted(kind: String, key: String, extra: [String: JSONValue]) throws {
        var options = extra
        options[key] = .number(1e38)
        // LeCam starts at D step 1, so its run has iteration 1's checkpoint to keep; the others
        // penalise from step 0 and stop in iteration 1, before any checkpoint.
        let c = try Self.configuration([ComponentSpec(kind: kind, options: options)], iterations: 5)
        let failure = try Self.divergence(c)
        #expect(failure.step == "discriminator step")
        let namesThePenalty = failure.culprit.hasPrefix("the penalty of regularizer '\(kind)'")
        let namesAParameter = failure.culprit.contains("discriminator parameter '") &&
            (failure.culprit.hasPrefix("the gradient of") || failure.culprit.hasPrefix("Adam's"))
        #expect(namesThePenalty || namesAParameter, "\(failure.culprit)")
        // A gradient or moment that overflowed names the penalty its loss included.
        #expect(failure.culprit.contains("the penalty of regularizer '\(kind)'"), "\(failure.culprit)")
        #expect(failure.culprit.contains("inf") || failure.culprit.contains("NaN"))
        if failure.iteration > 1 { try Self.expectLastCheckpointFinite(c, iteration: failure.iteration - 1) }
    }

    /// LeCam penalising after D step 2 (from iteration 4): iterations 1 to 3 train and are
    /// checkpointed; the run stops in iteration 4, and the checkpoint of iteration 3 is intact
    /// and loadable.
    @Test func theLastGoodCheckpointStaysIntact() throws {
        let c = try Self.configuration([ComponentSpec(kind: "lecam", options: ["weight": .number(1e38), "startStep": .number(2)])],
                                       iterations: 6)
        let failure = try Self.divergence(c)
        #expect(failure.iteration == 4)
        try Self.expectLastCheckpointFinite(c, iteration: 3)
        let message = String(describing: GANCoreError.nonFinite(iteration: failure.iteration, step: failure.step, culprit: failure.culprit))
        #expect(message.hasPrefix("training diverged at iteration 4, discriminator step: "), "\(message)")
        // The run resumes from that checkpoint (here with the skip policy, so that it finishes).
        var resumed = c
        resumed.nonFinite = "skip"
        try TrainingRun(resumed).train(resumingFrom: Checkpoint.latest(in: URL(fileURLWithPath: c.output.directory)), progress: Self.quiet())
    }

    /// A learning rate of 1e8: before the guard, D(x) = inf in nearly every stats record and
    /// exit 0. Now the run stops at the first non-finite value — with the weights at ~1e8
    /// after one step, the gradient's square overflows in Adam's second moment, or D's output
    /// overflows — named by the discriminator parameter or as D's output, never as a loss.
    @Test func aLearningRateOf1e8StopsAtTheFirstOverflow() throws {
        var c = try Self.configuration([], iterations: 20)
        c.generatorOptimizer.learningRate = 1e8
        c.discriminatorOptimizer.learningRate = 1e8
        let failure = try Self.divergence(c)
        #expect(failure.culprit.hasPrefix("the discriminator's output on the") || failure.culprit.hasPrefix("the generator's images")
                || failure.culprit.contains("parameter '"), "\(failure.culprit)")
        #expect(!failure.culprit.contains("loss"), "blames a loss: \(failure.culprit)")
        if failure.iteration > 1 { try Self.expectLastCheckpointFinite(c, iteration: failure.iteration - 1) }
    }

    /// MS3D at 1e38 used to be reported as "the generator loss at iteration 0 is -nan"; the
    /// overflow starts in the discriminator step that adds MS3D's penalty, at iteration 1.
    @Test func ms3dAt1e38IsBlamedInTheDiscriminatorStepOfIterationOne() throws {
        let c = try Self.configuration([ComponentSpec(kind: "ms3d", options: ["weight": .number(1e38)])], iterations: 4)
        let failure = try Self.divergence(c)
        #expect(failure.iteration == 1)
        #expect(failure.step == "discriminator step")
        #expect(failure.culprit.hasPrefix("the penalty of regularizer 'ms3d'") || failure.culprit.contains("discriminator parameter '"),
                "\(failure.culprit)")
        #expect(failure.culprit.contains("the penalty of regularizer 'ms3d'"), "\(failure.culprit)")
        #expect(!failure.culprit.contains("generator"), "\(failure.culprit)")
    }

    /// `"nonFinite": "skip"`: every D step from LeCam's start (iteration 4) is undone, so D's
    /// parameters and Adam state at the end are bit-identical to the checkpoint before the
    /// first skip; G keeps training; stats count the skips; the run resumes bit-identically
    /// with its count.
    @Test func skipUndoesTheStepsAndCountsThem() throws {
        var c = try Self.configuration([ComponentSpec(kind: "lecam", options: ["weight": .number(1e38), "startStep": .number(2)])],
                                       iterations: 6)
        c.nonFinite = "skip"
        let directory = URL(fileURLWithPath: c.output.directory)
        try TrainingRun(c).train(progress: Self.quiet())
        let stats = try StatsLog.read(directory.appendingPathComponent("stats.jsonl"))
        #expect(stats.map(\.iteration) == [1, 2, 3, 4, 5, 6])
        #expect(stats.prefix(3).allSatisfy { $0.skipped == nil && $0.skippedSteps == nil })
        #expect(stats.dropFirst(3).map(\.skippedSteps) == [1, 2, 3])
        for s in stats.dropFirst(3) {
            let reason = try #require(s.skipped?.first)
            #expect(s.skipped?.count == 1)
            #expect(reason.hasPrefix("discriminator step: "), "\(reason)")
        }

        // The same run in three legs, 0 → 3, 3 → 4 (one skip, so the checkpoint carries a count)
        // and 4 → 6, writes the same stats; its checkpoint of iteration 3 is the state before
        // the first skip (checkpoints keep only the last three).
        var split = c
        split.output.directory = directory.path + "-split"
        let splitDirectory = URL(fileURLWithPath: split.output.directory)
        split.iterations = 3
        try TrainingRun(split).train(progress: Self.quiet())
        let before = try Checkpoint.load(from: try #require(Checkpoint.latest(in: splitDirectory)))
        #expect(before.metadata.iteration == 3 && before.metadata.skippedSteps == nil)
        for iterations in [4, 6] {
            split.iterations = iterations
            try TrainingRun(split).train(resumingFrom: Checkpoint.latest(in: splitDirectory), progress: Self.quiet())
        }
        let resumed = try StatsLog.read(splitDirectory.appendingPathComponent("stats.jsonl"))
        #expect(resumed.map(\.withoutTiming) == stats.map(\.withoutTiming))

        let after = try Checkpoint.load(from: try #require(Checkpoint.latest(in: directory)))
        #expect(after.metadata.iteration == 6 && after.metadata.skippedSteps == 3)
        for (name, tensor) in after.tensors {
            #expect(NonFiniteScan.firstIndex(in: tensor) == nil, "\(name) is not finite")
            if name.hasPrefix("discriminator.parameter.") || name.hasPrefix("optimizer.discriminator.") {
                #expect(tensor.scalars.map(\.bitPattern) == before.tensors[name]?.scalars.map(\.bitPattern), "\(name) changed")
            }
            if name.hasPrefix("generator.parameter.") {
                #expect(tensor.scalars != before.tensors[name]?.scalars, "\(name) did not train")
            }
        }
    }

    /// The last line: `Checkpoint.write` refuses a snapshot holding a NaN or infinity, names
    /// the tensor and writes nothing.
    @Test func aCheckpointNeverHoldsANonFiniteValue() throws {
        let c = try Self.configuration([], iterations: 1)
        let run = try TrainingRun(c)
        var snapshot = try run.pipeline.snapshot()
        let name = try #require(snapshot.tensors.keys.sorted().first { $0.hasPrefix("discriminator.parameter.") })
        var poisoned = snapshot.tensors[name]!.scalars
        poisoned[poisoned.count - 1] = .infinity
        snapshot.tensors[name] = Tensor(shape: snapshot.tensors[name]!.shape, values: poisoned)
        let target = URL(fileURLWithPath: c.output.directory).appendingPathComponent("checkpoints/iter-000000")
        #expect { try Checkpoint.write(snapshot, to: target) } throws: {
            String(describing: $0).contains("tensor '\(name)' is inf at element \(poisoned.count - 1)")
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path))?.isEmpty ?? true)
    }

    /// A pipeline restored from a state holding an infinity (a checkpoint written before the
    /// guard existed) refuses to train, naming the value, instead of blaming its first step.
    @Test func trainingFromANonFiniteStateIsRefused() throws {
        let c = try Self.configuration([], iterations: 2)
        let run = try TrainingRun(c)
        var snapshot = try run.pipeline.snapshot()
        let name = try #require(snapshot.tensors.keys.sorted().first { $0.hasPrefix("discriminator.parameter.") && snapshot.tensors[$0]!.count > 1 })
        var poisoned = snapshot.tensors[name]!.scalars
        poisoned[0] = .nan
        snapshot.tensors[name] = Tensor(shape: snapshot.tensors[name]!.shape, values: poisoned)
        try run.pipeline.restore(snapshot)
        let parameter = String(name.dropFirst("discriminator.parameter.".count))
        #expect { try run.train(progress: Self.quiet()) } throws: {
            String(describing: $0).contains("discriminator parameter '\(parameter)' is NaN at element 0 of \(poisoned.count)")
        }
    }

    /// `nonFinite` in a configuration: "stop" by default, "skip" taken, anything else named.
    @Test func theNonFiniteOptionIsReadAndChecked() throws {
        #expect(try RunConfiguration().nonFinitePolicy() == .stop)
        let skip = try RunConfiguration.parse(Data(#"{"nonFinite": "skip"}"#.utf8), source: "run.json")
        #expect(try skip.nonFinitePolicy() == .skip)
        let encoded = try JSONEncoder().encode(skip)
        #expect(try RunConfiguration.parse(encoded, source: "config.json") == skip)
        let bad = try RunConfiguration.parse(Data(#"{"nonFinite": "ignore"}"#.utf8), source: "run.json")
        #expect { try bad.nonFinitePolicy() } throws: {
            let text = String(describing: $0)
            return text.contains("nonFinite") && text.contains("ignore") && text.contains("skip") && text.contains("stop")
        }
    }
}

/// `gankit train` itself on the issue's first reproduction: exit status 1 instead of 0, the
/// diverged value on standard error with where the last good checkpoint is, and
/// `--non-finite skip` finishing the run with the skips counted.
@Suite struct NonFiniteCommandTests {
    /// Runs the built binary to its end; returns the exit status and everything it printed.
    static func gankit(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try GankitProcess.run(arguments, timeout: 120)
    }

    @Test(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"))
    func aDivergingRunExitsWith1AndPointsToTheLastGoodCheckpoint() throws {
        let data = try TrainingRunTests.imageFolder(count: 6)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-nonfinite-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        func arguments(_ output: String, _ extra: [String]) -> [String] {
            ["train", "--data", data.path, "--width", "4", "--batch-size", "4", "--iterations", "5", "--progress-every", "1",
             "--sample-every", "100", "--checkpoint-every", "1", "--regularizer", "lecam:weight=1e38,startStep=1",
             "--output", base.appendingPathComponent(output).path] + extra
        }

        let stopped = try Self.gankit(arguments("stop", []))
        #expect(stopped.status == 1, "\(stopped.output)")
        let checkpoint = base.appendingPathComponent("stop/checkpoints/iter-000002").path
        #expect(stopped.output.contains("the last checkpoint, \(checkpoint), holds only finite values"), "\(stopped.output)")
        #expect(stopped.output.contains("Error: training diverged at iteration 3, discriminator step: "), "\(stopped.output)")
        #expect(stopped.output.contains("the penalty of regularizer 'lecam'"), "\(stopped.output)")

        let skipped = try Self.gankit(arguments("skip", ["--non-finite", "skip"]))
        #expect(skipped.status == 0, "\(skipped.output)")
        #expect(skipped.output.contains("done: 5 iterations in"), "\(skipped.output)")
        #expect(skipped.output.contains("; 3 steps skipped for non-finite values"), "\(skipped.output)")

        let bad = try Self.gankit(arguments("bad", ["--non-finite", "ignore"]))
        #expect(bad.status != 0)
        #expect(bad.output.contains("unknown kind 'ignore' in nonFinite; known: stop, skip"), "\(bad.output)")
    }
}
