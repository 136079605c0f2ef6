import GANCore

extension PathLength: ConfigurableComponent {
    /// "path-length": `{"kind": "path-length", "weight": 2, "decay": 0.01, "interval": 4, "batchShrink": 2}`.
    public static let kind = "path-length"

    /// The path-length penalty's settings and their defaults (the type's doc comment gives their
    /// sources in stylegan2-ada-pytorch).
    public struct Options: ComponentOptions, Equatable {
        /// The penalty weight (`pl_weight`).
        public var weight: Float = 2
        /// The running mean's rate (`pl_decay`).
        public var decay: Float = 0.01
        /// Generator steps between applications (`G_reg_interval`; lazy when > 1).
        public var interval = 4
        /// The batch is divided by this for the penalty (`pl_batch_shrink`).
        public var batchShrink = 2

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case weight, decay, interval, batchShrink }
        /// "weight", "decay", "interval", "batchShrink".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// The penalty with `options` for the context's model family; errors name the option at fault.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        guard options.decay >= 0, options.decay <= 1 else {
            throw ConfigurationError.invalidValue(context: "regularizer path-length.decay", reason: "must lie in [0, 1], got \(options.decay)")
        }
        self.init(weight: try ConfigurationCheck.nonNegative(options.weight, "regularizer path-length.weight"),
                  decay: options.decay,
                  interval: try ConfigurationCheck.positive(options.interval, "regularizer path-length.interval"),
                  batchShrink: try ConfigurationCheck.positive(options.batchShrink, "regularizer path-length.batchShrink"),
                  modelFamily: context.modelFamily)
    }
}

extension PathLength: DescribableComponent {
    /// The settings this penalty was built with.
    public var options: Options {
        var options = Options()
        (options.weight, options.decay, options.interval, options.batchShrink) = (weight, decay, schedule.interval, batchShrink)
        return options
    }
}
