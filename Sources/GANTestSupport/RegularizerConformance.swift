import Foundation
import GANCore

/// The contract every `Regularizer` must meet, checked in one call from a plug-in's tests:
///
/// ```swift
/// @Test func conformsToTheRegularizerContract() throws {
///     try RegularizerConformance.check { GradientGap(weight: 1) }
/// }
/// ```
///
/// `make` must return a new instance each call. The check runs the penalty on a
/// `RegularizationFixture` (a tiny tanh discriminator and generator) at the due steps of its
/// schedule among the first `steps` phase steps, then verifies each `Requirement`, and throws a
/// `ConformanceFailure` listing every one that fails:
///
/// - `applies`: at some due step the penalty returns one finite number, without throwing, in a
///   context of its phase (else nothing can be verified: give `steps` or options under which
///   it applies, e.g. LeCam's `startStep: 0`).
/// - `trainsItsNetwork`: at the last step it applied, the penalty's gradient with respect to
///   the weights of the network its phase trains (D's in a discriminator step, G's in a
///   generator step) is recorded and not all zero. A gradient penalty whose input gradient was
///   taken with `createGraph: false` fails here: its value is a constant to the optimiser, so it
///   cannot train D.
/// - `gradientMatchesFiniteDifferences`: that gradient matches central finite differences of
///   the penalty (`GradCheck.firstOrder`, relative error below `tolerance`). For a penalty on
///   D's input gradient this is a second-order check: it differentiates through the double
///   backward of every op of the tiny D.
/// - `stateRoundTrips`: a fresh instance restored from `encodeState()` after the earlier due
///   steps re-encodes to the same bytes, and at the last step gives the same penalty (bit for
///   bit), the same metrics and the same state as the original.
/// - `honoursSchedule`: in a short training run (toy models at the fixture's image size, two
///   D steps per iteration, the pipeline's statistics) the penalty is asked for exactly at the
///   due steps of its phase, and its value is logged in exactly the iterations where it
///   returned one; its schedule stays the same and its gain is finite.
/// - `silentWhenSkipped`: in that run, an iteration in which the penalty did not run logs
///   neither its value nor any of the metrics it writes.
/// - `describesItself`: a regularizer a configuration can name (`ConfigurableComponent`) is a
///   `DescribableComponent` too, and the regularizer built from its description (as
///   `gankit sample` and `--resume` build it from a Swift-composed run's `config.json`, in a
///   context of the fixture's image size and batch) describes itself the same way and has the
///   same name and schedule. A regularizer that is not configurable passes.
///
/// A penalty with kinks (min, max, relu) can fail `gradientMatchesFiniteDifferences` when a
/// finite-difference step of the fixture crosses one; another fixture `seed` moves the batch.
public enum RegularizerConformance {
    /// A requirement of the contract (see the type's documentation).
    public enum Requirement: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
        case applies
        case trainsItsNetwork
        case gradientMatchesFiniteDifferences
        case stateRoundTrips
        case honoursSchedule
        case silentWhenSkipped
        case describesItself

        public var description: String { rawValue }
    }

    /// What `check` throws: the requirements failed, each with what showed it.
    public typealias Failure = ConformanceFailure<Requirement>

    /// Checks every requirement for the regularizers `make` returns; throws a
    /// `Failure` naming each one that fails.
    ///
    /// - Parameters:
    ///   - fixture: the batches and networks the penalty runs on.
    ///   - steps: phase steps to run (default: twice the interval plus one, so three due steps).
    ///   - tolerance: the largest relative error of the gradient against finite differences.
    ///   - make: returns a new instance each call.
    public static func check<R: Regularizer>(fixture: RegularizationFixture = RegularizationFixture(), steps: Int? = nil,
                                             tolerance: Double = 2e-3, _ make: () throws -> R) throws {
        let subject = try make()
        let schedule = subject.schedule
        let dueSteps = (0..<(steps ?? 2 * schedule.interval + 1)).filter(schedule.isDue(atStep:))
        var violations = ViolationList<Requirement>()
        let buildContext = ComponentBuildContext(modelFamily: "dcgan", imageSize: fixture.imageSize, batchSize: fixture.batch, datasetCount: 100)
        let descriptionProblem = DescriptionRoundTrip.violation(of: subject, context: buildContext) { original, rebuilt in
            guard let rebuilt = rebuilt as? any Regularizer else { return "is a \(type(of: rebuilt)), not a Regularizer" }
            if rebuilt.name != original.name { return "is named '\(rebuilt.name)' instead of '\(original.name)'" }
            if rebuilt.schedule != original.schedule { return "has the schedule \(rebuilt.schedule) instead of \(original.schedule)" }
            return nil
        }
        if let descriptionProblem { violations.add(.describesItself, descriptionProblem) }

        // Run the due steps in order, noting the state before each and where a penalty came out.
        var statesBefore: [Int: Data?] = [:]
        var applied: [Int] = []
        for step in dueSteps {
            statesBefore[step] = try subject.encodeState()
            var context = fixture.context(for: subject, step: step)
            do {
                guard let penalty = try subject.penalty(&context) else { continue }
                guard penalty.count == 1 else {
                    violations.add(.applies, "at step \(step) the penalty has shape \(penalty.shape); it must be one number")
                    break
                }
                guard penalty.item.isFinite else {
                    violations.add(.applies, "at step \(step) the penalty is \(penalty.item); it must be finite")
                    break
                }
                applied.append(step)
            } catch {
                violations.add(.applies, "at step \(step) the penalty threw: \(error)")
                break
            }
        }
        guard let last = applied.last else {
            if violations.violations.isEmpty {
                violations.add(.applies, "it returned no penalty at its due \(schedule.phase) steps \(dueSteps)")
            }
            try violations.throwIfAny(component: subject.name)
            return
        }

        try checkGradient(of: subject, at: last, stateBefore: statesBefore[last]!, fixture: fixture, tolerance: tolerance, into: &violations)
        try checkRoundTrip(make, original: subject, at: last, earlierSteps: dueSteps.filter { $0 < last },
                           fixture: fixture, into: &violations)
        try checkSchedule(make, fixture: fixture, into: &violations)
        try violations.throwIfAny(component: subject.name)
    }

    /// `trainsItsNetwork` and `gradientMatchesFiniteDifferences` at `step`, from `stateBefore`.
    private static func checkGradient<R: Regularizer>(of subject: R, at step: Int, stateBefore: Data?, fixture: RegularizationFixture,
                                                      tolerance: Double, into violations: inout ViolationList<Requirement>) throws {
        let phase = subject.schedule.phase
        let network = phase == .discriminator ? "D" : "G"
        let weights = phase == .discriminator ? fixture.discriminatorWeights : fixture.generatorWeights
        var failure: (any Error)?
        func penalty(_ w: [Tensor]) -> Tensor {
            do {
                if let stateBefore { try subject.restoreState(from: stateBefore) }
                var context = phase == .discriminator
                    ? fixture.context(for: subject, step: step, discriminatorWeights: w)
                    : fixture.context(for: subject, step: step, generatorWeights: w)
                if let p = try subject.penalty(&context) { return p }
                failure = failure ?? GANCoreError.invalidConfiguration("the penalty returned nil when evaluated again at step \(step)")
            } catch {
                failure = failure ?? error
            }
            return Tensor(Float.nan)
        }

        let leaves = weights.map { $0.detached().requiringGradient() }
        let value = penalty(leaves)
        guard value.requiresGradient else {
            violations.add(.trainsItsNetwork, "at step \(step) the penalty (\(value.item)) is a constant with respect to \(network)'s weights: " +
                           "its gradient does not reach them, so it cannot train \(network) (an input gradient taken with " +
                           "createGraph: false, or a detached tensor, cuts the path)")
            return
        }
        let gradients = try value.gradients(wrt: leaves)
        if gradients.allSatisfy({ $0.scalars.allSatisfy { $0 == 0 } }) {
            violations.add(.trainsItsNetwork, "at step \(step) the penalty's gradient with respect to \(network)'s weights is zero: it does not train \(network)")
            return
        }
        let report = try GradCheck.firstOrder(weights.map { $0.detached() }, seed: fixture.seed, penalty)
        if let failure {
            violations.add(.gradientMatchesFiniteDifferences, "evaluating the penalty again at step \(step) failed: \(failure)")
        } else if !(report.relativeError < tolerance) {
            violations.add(.gradientMatchesFiniteDifferences, "its gradient with respect to \(network)'s weights differs from finite " +
                           "differences at step \(step): \(report), above the tolerance \(tolerance)")
        }
    }

    /// `stateRoundTrips`: a replayed instance and a fresh one restored from its state agree at `step`.
    private static func checkRoundTrip<R: Regularizer>(_ make: () throws -> R, original: R, at step: Int, earlierSteps: [Int],
                                                       fixture: RegularizationFixture,
                                                       into violations: inout ViolationList<Requirement>) throws {
        let replayed = try make(), restored = try make()
        guard replayed !== original, restored !== replayed else {
            violations.add(.stateRoundTrips, "make() returned the same instance twice; it must make a new one each call")
            return
        }
        for earlier in earlierSteps {
            var context = fixture.context(for: replayed, step: earlier)
            _ = try replayed.penalty(&context)
        }
        let saved = try replayed.encodeState()
        if let saved {
            try restored.restoreState(from: saved)
            let again = try restored.encodeState()
            if again != saved {
                violations.add(.stateRoundTrips, "after restoreState the state encodes to \(describe(again)) instead of \(describe(saved))")
            }
        }
        var a = fixture.context(for: replayed, step: step), b = fixture.context(for: restored, step: step)
        let pa = try replayed.penalty(&a), pb = try restored.penalty(&b)
        let va = pa.map { $0.item.bitPattern }, vb = pb.map { $0.item.bitPattern }
        if va != vb {
            violations.add(.stateRoundTrips, "at step \(step) an instance restored from encodeState() gives the penalty \(pb.map { "\($0.item)" } ?? "nil") " +
                           "where the original gives \(pa.map { "\($0.item)" } ?? "nil"): some state is not saved or not restored")
        } else if a.metrics != b.metrics {
            violations.add(.stateRoundTrips, "at step \(step) an instance restored from encodeState() logs \(b.metrics) where the original logs \(a.metrics)")
        } else if try replayed.encodeState() != restored.encodeState() {
            violations.add(.stateRoundTrips, "after step \(step) the restored instance's state differs from the original's")
        }
    }

    /// `honoursSchedule` and `silentWhenSkipped`, from a short training run.
    private static func checkSchedule<R: Regularizer>(_ make: () throws -> R, fixture: RegularizationFixture,
                                                      into violations: inout ViolationList<Requirement>) throws {
        let probe = try ScheduleProbe(make())
        let schedule = probe.schedule
        guard schedule.gain.isFinite else {
            violations.add(.honoursSchedule, "its gain is \(schedule.gain)")
            return
        }
        let stepsPerIteration = 2
        let iterations = schedule.phase == .discriminator ? schedule.interval + 2 : 2 * schedule.interval + 1
        let pipeline = try Toy.builder(seed: fixture.seed, imageSize: fixture.imageSize)
            .batchSize(fixture.batch).discriminatorSteps(stepsPerIteration).regularizer(probe).build()
        let data = Toy.data(seed: fixture.seed, imageSize: fixture.imageSize)
        var loggedIn: [Int] = [], skippedIterationMetrics: [(iteration: Int, keys: Set<String>)] = []
        for iteration in 0..<iterations {
            let callsBefore = probe.calls.count
            let statistics: StepStatistics
            do {
                statistics = try pipeline.step(on: data)
            } catch {
                violations.add(.honoursSchedule, "training iteration \(iteration) threw: \(error)")
                return
            }
            let calls = probe.calls[callsBefore...]
            if statistics.penalties[probe.name] != nil { loggedIn.append(iteration) }
            if calls.isEmpty { skippedIterationMetrics.append((iteration, Set(statistics.metrics.keys))) }
        }
        let phaseSteps = schedule.phase == .discriminator ? iterations * stepsPerIteration : iterations
        let perIteration = schedule.phase == .discriminator ? stepsPerIteration : 1
        let due = (0..<phaseSteps).filter {
            schedule.isDue(phaseStep: $0, iteration: $0 / perIteration, stepInIteration: $0 % perIteration)
        }
        let called = probe.calls.map(\.phaseStep)
        if probe.calls.contains(where: { $0.phase != schedule.phase }) || called != due {
            violations.add(.honoursSchedule, "over \(phaseSteps) \(schedule.phase) steps it is due at \(due) but ran at " +
                           probe.calls.map { "\($0.phase) step \($0.phaseStep)" }.description)
        }
        if probe.schedule != schedule {
            violations.add(.honoursSchedule, "its schedule changed during training from \(schedule) to \(probe.schedule)")
        }
        let returnedIn = Set(probe.calls.filter(\.returnedPenalty).map(\.iteration))
        let unexpected = loggedIn.filter { !returnedIn.contains($0) }
        if !unexpected.isEmpty {
            violations.add(.silentWhenSkipped, "its penalty is logged in iterations \(unexpected), where it returned none")
        }
        let missing = returnedIn.sorted().filter { !loggedIn.contains($0) }
        if !missing.isEmpty {
            violations.add(.honoursSchedule, "its penalty is missing from the statistics of iterations \(missing), where it returned one " +
                           "(is its name '\(probe.name)' stable?)")
        }
        let skippedMetrics = skippedIterationMetrics.flatMap { iteration, keys in
            keys.intersection(probe.metricKeys).sorted().map { "\($0) in iteration \(iteration)" }
        }
        if !skippedMetrics.isEmpty {
            violations.add(.silentWhenSkipped, "metrics it writes appear where it did not run: \(skippedMetrics)")
        }
    }

    private static func describe(_ data: Data?) -> String {
        data.map { String(decoding: $0, as: UTF8.self) } ?? "nil"
    }
}
