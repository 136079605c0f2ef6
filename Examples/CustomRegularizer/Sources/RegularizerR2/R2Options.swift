import GANCore

extension R2: ConfigurableComponent {
    /// "r2": `{"kind": "r2", "gamma": 10, "interval": 1}`, `--regularizer r2:gamma=1`.
    public static let kind = "r2"

    /// R2's settings; their defaults are written here once, and `R2()` takes them (the type's
    /// doc comment gives their sources).
    public struct Options: ComponentOptions, Equatable {
        /// γ, the penalty weight (10, the paper's).
        public var gamma: Float = 10
        /// D steps between applications (1: every step; lazy when > 1).
        public var interval = 1

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case gamma, interval }
        /// "gamma", "interval".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// R2 with `options`; γ must be a finite number ≥ 0 and the interval ≥ 1.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        self.init(gamma: try ConfigurationCheck.nonNegative(options.gamma, "regularizer r2.gamma"),
                  interval: try ConfigurationCheck.positive(options.interval, "regularizer r2.interval"))
    }
}

extension R2: DescribableComponent {
    /// γ and the interval this R2 was built with: a run composed in Swift writes them to its
    /// config.json, from which `mygan sample` and `--resume` build it again.
    public var options: Options {
        var options = Options()
        (options.gamma, options.interval) = (gamma, schedule.interval)
        return options
    }
}
