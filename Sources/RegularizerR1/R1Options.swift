import GANCore

extension R1: ConfigurableComponent {
    /// "r1": `{"kind": "r1", "gamma": 0.01, "interval": 16}`.
    public static let kind = "r1"

    /// R1's settings and their defaults (the type's doc comment gives their sources).
    public struct Options: ComponentOptions, Equatable {
        /// γ, the penalty weight.
        public var gamma: Float = 0.01
        /// D steps between applications (lazy when > 1).
        public var interval = 1

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case gamma, interval }
        /// "gamma", "interval".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// R1 with `options`; γ must be a finite number ≥ 0 and the interval ≥ 1.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        self.init(gamma: try ConfigurationCheck.nonNegative(options.gamma, "regularizer r1.gamma"),
                  interval: try ConfigurationCheck.positive(options.interval, "regularizer r1.interval"))
    }
}

extension R1: DescribableComponent {
    /// γ and the interval this R1 was built with.
    public var options: Options {
        var options = Options()
        (options.gamma, options.interval) = (gamma, schedule.interval)
        return options
    }
}
