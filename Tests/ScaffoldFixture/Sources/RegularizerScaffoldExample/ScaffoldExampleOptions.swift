import GANCore

extension ScaffoldExample: ConfigurableComponent {
    /// "scaffold-example": `{"kind": "scaffold-example", "weight": 1, "interval": 1}`, `--regularizer scaffold-example:weight=2`.
    public static let kind = "scaffold-example"

    /// ScaffoldExample's settings; their defaults are written here once, and `ScaffoldExample()` takes them.
    public struct Options: ComponentOptions, Equatable {
        /// The penalty weight (1; give the method's default and its source).
        public var weight: Float = 1
        /// D steps between applications (1: every step; lazy when > 1).
        public var interval = 1

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case weight, interval }
        /// "weight", "interval".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// ScaffoldExample with `options`; the weight must be a finite number ≥ 0 and the interval ≥ 1.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        self.init(weight: try ConfigurationCheck.nonNegative(options.weight, "regularizer scaffold-example.weight"),
                  interval: try ConfigurationCheck.positive(options.interval, "regularizer scaffold-example.interval"))
    }
}

extension ScaffoldExample: DescribableComponent {
    /// The weight and interval it was built with: a run composed in Swift writes them to its
    /// config.json, from which `gankit sample` and `--resume` build it again.
    public var options: Options {
        var options = Options()
        (options.weight, options.interval) = (weight, schedule.interval)
        return options
    }
}
