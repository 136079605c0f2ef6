import GANCore

extension BalancedConsistencyRegularization: ConfigurableComponent {
    /// "bcr": `{"kind": "bcr", "realWeight": 10, "fakeWeight": 10, "flipProbability": 0.5, "maxShift": 4}`.
    public static let kind = "bcr"

    /// bCR's settings and their defaults (the type's doc comment gives their sources).
    public struct Options: ComponentOptions, Equatable {
        /// λ_real (10, Zhao et al. 2021).
        public var realWeight: Float = 10
        /// λ_fake (10, Zhao et al. 2021).
        public var fakeWeight: Float = 10
        /// T's probability of a horizontal flip (0.5).
        public var flipProbability = ConsistencyTransform().flipProbability
        /// T's largest shift in pixels; nil (absent) for H/8 and W/8.
        public var maxShift = ConsistencyTransform().maximumShift

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case realWeight, fakeWeight, flipProbability, maxShift }
        /// "realWeight", "fakeWeight", "flipProbability", "maxShift".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// bCR with `options`; errors name the option at fault.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        self.init(realWeight: try ConfigurationCheck.nonNegative(options.realWeight, "regularizer bcr.realWeight"),
                  fakeWeight: try ConfigurationCheck.nonNegative(options.fakeWeight, "regularizer bcr.fakeWeight"),
                  transform: try .configured(flipProbability: options.flipProbability, maxShift: options.maxShift, kind: Self.kind))
    }
}

extension BalancedConsistencyRegularization: DescribableComponent {
    /// λ_real, λ_fake and the transform's settings of this bCR.
    public var options: Options {
        var options = Options()
        (options.realWeight, options.fakeWeight) = (realWeight, fakeWeight)
        (options.flipProbability, options.maxShift) = (transform.flipProbability, transform.maximumShift)
        return options
    }
}
