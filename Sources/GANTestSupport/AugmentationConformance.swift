import GANCore

/// The contract every `Augmentation` must meet, checked in one call from a plug-in's tests:
///
/// ```swift
/// @Test func conformsToTheAugmentationContract() throws {
///     try AugmentationConformance.check { Cutout(size: 0.5) }
/// }
/// ```
///
/// `make` must return a new instance each call, configured so that it transforms the images
/// (ADA at p = 0 leaves them unchanged; check it with `ADA(fixedP: 1)`). The check draws
/// parameters for a batch of `batch` images of `imageSize`, then verifies each `Requirement`
/// and throws a `ConformanceFailure` listing every one that fails:
///
/// - `reproducibleSampling`: `sampleParameters` is a function of the draws it takes and
///   nothing else: equal `RandomSource`s give equal parameters (judged by what `apply` makes of
///   them) and end in equal states, drawing again on the same instance gives them again, and a
///   fresh instance fed the recorded draws through a `ScriptedRandomSource` gives them again
///   using every draw.
/// - `deterministicGivenParameters`: `apply` gives the same images, bit for bit, when called
///   twice and when called on a fresh instance with the same parameters.
/// - `preservesShape`: `apply` returns images of the shape it was given (D reads them next).
/// - `differentiable`: the gradient of `apply` with respect to the images is recorded, not all
///   zero, and matches finite differences (the generator trains through it).
/// - `differentiableToSecondOrder`: through a tiny tanh discriminator,
///   `x ↦ D(apply(x))`, the gradient of a projection of the input gradient matches finite
///   differences (`GradCheck.secondOrder`) — R1 on augmented reals takes this path.
/// - `describesItself`: an augmentation a configuration can name (`ConfigurableComponent`) is a
///   `DescribableComponent` too, and the augmentation built from its description (as
///   `gankit sample` and `--resume` build it from a Swift-composed run's `config.json`, in a
///   context of `imageSize` and `batch`) describes itself the same way and has the same name. An
///   augmentation that is not configurable passes.
public enum AugmentationConformance {
    /// A requirement of the contract (see the type's documentation).
    public enum Requirement: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
        case reproducibleSampling
        case deterministicGivenParameters
        case preservesShape
        case differentiable
        case differentiableToSecondOrder
        case describesItself

        public var description: String { rawValue }
    }

    /// What `check` throws: the requirements failed, each with what showed it.
    public typealias Failure = ConformanceFailure<Requirement>

    /// Checks every requirement for the augmentations `make` returns; throws a
    /// `Failure` naming each one that fails.
    ///
    /// - Parameters:
    ///   - imageSize: the images' size (3×8×8 by default).
    ///   - batch: images per batch.
    ///   - seed: the random source's seed and the images'.
    ///   - tolerance: the largest relative error of a gradient against finite differences.
    ///   - make: returns a new instance each call.
    public static func check<A: Augmentation>(imageSize: ImageSize = ImageSize(channels: 3, resolution: 8), batch: Int = 4,
                                              seed: UInt64 = 1, tolerance: Double = 2e-3, _ make: () throws -> A) throws {
        let subject = try make(), other = try make()
        var violations = ViolationList<Requirement>()
        guard subject !== other else {
            violations.add(.reproducibleSampling, "make() returned the same instance twice; it must make a new one each call")
            try violations.throwIfAny(component: subject.name)
            return
        }
        var imageSource = RandomSource(seed: seed &+ 1)
        let images = Tensor.uniform([batch] + imageSize.shape, low: -1, high: 1, using: &imageSource)

        // Sampling: recorded once, then drawn again from an equal source, on the same instance
        // and on another, and replayed from the record.
        var recording = RecordingRandomSource(RandomSource(seed: seed))
        let parameters = subject.sampleParameters(batch: batch, size: imageSize, using: &recording)
        let reference = subject.apply(images, parameters)
        var again = RandomSource(seed: seed)
        let sameInstance = subject.apply(images, subject.sampleParameters(batch: batch, size: imageSize, using: &again))
        var otherSource = RandomSource(seed: seed)
        let otherInstance = subject.apply(images, other.sampleParameters(batch: batch, size: imageSize, using: &otherSource))
        let mismatches = MismatchLog()
        var script = ScriptedRandomSource(recording.draws) { mismatches.append($0) }
        let replayed = subject.apply(images, other.sampleParameters(batch: batch, size: imageSize, using: &script))
        if !identical(sameInstance, reference) {
            violations.add(.reproducibleSampling, "drawing again from an equal RandomSource on the same instance gives other parameters")
        }
        if !identical(otherInstance, reference) {
            violations.add(.reproducibleSampling, "a fresh instance drawing from an equal RandomSource gives other parameters")
        }
        if again != recording.base || otherSource != recording.base {
            violations.add(.reproducibleSampling, "equal sources end in different states: the number of draws varies between calls")
        }
        let problems = mismatches.messages + (script.remaining > 0 ? ["\(script.remaining) of \(recording.draws.count) recorded draws were not used"] : [])
        if !problems.isEmpty || !identical(replayed, reference) {
            violations.add(.reproducibleSampling, "replaying its \(recording.draws.count) recorded draws into a fresh instance " +
                           (problems.isEmpty ? "gives other parameters" : "does not take the same draws: \(problems.joined(separator: "; "))"))
        }

        // Apply: deterministic and shape-preserving.
        if reference.shape != images.shape {
            violations.add(.preservesShape, "apply turns \(images.shape) images into \(reference.shape)")
            try violations.throwIfAny(component: subject.name)
        }
        if !identical(subject.apply(images, parameters), reference) {
            violations.add(.deterministicGivenParameters, "a second apply with the same parameters gives other images")
        }
        if !identical(other.apply(images, parameters), reference) {
            violations.add(.deterministicGivenParameters, "another instance's apply with the same parameters gives other images")
        }

        try checkGradients(subject, parameters, images: images, seed: seed, tolerance: tolerance, into: &violations)
        let buildContext = ComponentBuildContext(modelFamily: "dcgan", imageSize: imageSize, batchSize: batch, datasetCount: 100)
        let descriptionProblem = DescriptionRoundTrip.violation(of: subject, context: buildContext) { original, rebuilt in
            guard let rebuilt = rebuilt as? any Augmentation else { return "is a \(type(of: rebuilt)), not an Augmentation" }
            return rebuilt.name == original.name ? nil : "is named '\(rebuilt.name)' instead of '\(original.name)'"
        }
        if let descriptionProblem { violations.add(.describesItself, descriptionProblem) }
        try violations.throwIfAny(component: subject.name)
    }

    /// `differentiable` and `differentiableToSecondOrder` for fixed parameters.
    private static func checkGradients<A: Augmentation>(_ subject: A, _ parameters: A.Parameters, images: Tensor, seed: UInt64,
                                                        tolerance: Double, into violations: inout ViolationList<Requirement>) throws {
        let leaf = images.detached().requiringGradient()
        let output = subject.apply(leaf, parameters)
        guard output.requiresGradient else {
            violations.add(.differentiable, "apply's output is a constant with respect to the images: no gradient reaches the generator")
            return
        }
        let gradient = try output.sum().gradients(wrt: [leaf])[0]
        if gradient.scalars.allSatisfy({ $0 == 0 }) {
            violations.add(.differentiable, "apply's gradient with respect to the images is zero")
            return
        }
        let first = try GradCheck.firstOrder([images], seed: seed) { x in subject.apply(x[0], parameters) }
        if !(first.relativeError < tolerance) {
            violations.add(.differentiable, "apply's gradient differs from finite differences: \(first), above the tolerance \(tolerance)")
        }
        let size = ImageSize(channels: images.shape[1], height: images.shape[2], width: images.shape[3])
        let (hidden, head) = FunctionalDiscriminator.weights(seed: seed &+ 2, inputSize: size)
        let d = FunctionalDiscriminator(hidden, head, inputSize: size)
        do {
            let second = try GradCheck.secondOrder([images], seed: seed) { x in d(subject.apply(x[0], parameters)) }
            if !(second.relativeError < tolerance) {
                violations.add(.differentiableToSecondOrder, "the gradient of D(apply(x))'s input gradient differs from finite differences: " +
                               "\(second), above the tolerance \(tolerance)")
            }
        } catch {
            violations.add(.differentiableToSecondOrder, "differentiating D(apply(x))'s input gradient again failed: \(error)")
        }
    }

    /// Whether two tensors hold the same shape and bit-identical values.
    private static func identical(_ a: Tensor, _ b: Tensor) -> Bool {
        a.shape == b.shape && a.scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern)
    }
}

/// Collects a scripted source's problems during a check (the source is a value, its reports
/// outlive the copy that made them).
private final class MismatchLog: @unchecked Sendable {
    private(set) var messages: [String] = []
    func append(_ message: String) { messages.append(message) }
}
