import GANKit

/// A regularizer that GANKit does not ship, as a user's plug-in target would define it: the
/// squared norm of D's input gradient on the reals, times `weight`.
final class GradientNormPenalty: Regularizer, ConfigurableComponent {
    static let kind = "gradient-norm"

    struct Options: ComponentOptions, Equatable {
        var weight: Float = 1
        enum CodingKeys: String, CodingKey, CaseIterable { case weight }
        static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    let weight: Float
    let schedule = RegularizationSchedule.everyStep(.discriminator)
    var name: String { Self.kind }
    var needsRealImageGradient: Bool { true }

    init(options: Options, context: ComponentBuildContext) throws {
        weight = try ConfigurationCheck.nonNegative(options.weight, "regularizer gradient-norm.weight")
    }

    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        try context.realImageGradient().squared().sum() * weight
    }
}
