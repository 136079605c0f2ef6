import GANCore

extension ConsistencyRegularization: ConfigurableComponent {
    /// "cr": `{"kind": "cr", "weight": 10, "flipProbability": 0.5, "maxShift": 4}`.
    public static let kind = "cr"

    /// CR's settings and their defaults (the type's doc comment gives their sources).
    public struct Options: ComponentOptions, Equatable {
        /// λ (10, Zhang et al. 2020).
        public var weight: Float = 10
        /// T's probability of a horizontal flip (0.5).
        public var flipProbability = ConsistencyTransform().flipProbability
        /// T's largest shift in pixels; nil (absent) for H/8 and W/8.
        public var maxShift = ConsistencyTransform().maximumShift

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case weight, flipProbability, maxShift }
        /// "weight", "flipProbability", "maxShift".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// CR with `options`; errors name the option at fault.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        self.init(weight: try ConfigurationCheck.nonNegative(options.weight, "regularizer cr.weight"),
                  transform: try .configured(flipProbability: options.flipProbability, maxShift: options.maxShift, kind: Self.kind))
    }
}

extension ConsistencyRegularization: DescribableComponent {
    /// λ and the transform's settings of this CR.
    public var options: Options {
        var options = Options()
        (options.weight, options.flipProbability, options.maxShift) = (weight, transform.flipProbability, transform.maximumShift)
        return options
    }
}
