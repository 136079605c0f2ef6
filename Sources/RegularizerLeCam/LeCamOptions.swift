import GANCore

extension LeCam: ConfigurableComponent {
    /// "lecam": `{"kind": "lecam", "weight": 0.3, "decay": 0.99, "startStep": 1000, "twoSided": false}`.
    public static let kind = "lecam"

    /// LeCam's settings and their defaults (the type's doc comment gives their sources).
    public struct Options: ComponentOptions, Equatable {
        /// λ (0.3, the paper's BigGAN/DCGAN value).
        public var weight: Float = 0.3
        /// γ, the EMA decay (0.99, the paper's).
        public var decay = 0.99
        /// D steps before the EMAs decay (1000, the authors' code).
        public var startStep = 1000
        /// The paper's squared distances instead of the code's one-sided relu form.
        public var twoSided = false

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case weight, decay, startStep, twoSided }
        /// "weight", "decay", "startStep", "twoSided".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// LeCam with `options`; errors name the option at fault.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        guard options.decay >= 0, options.decay < 1 else {
            throw ConfigurationError.invalidValue(context: "regularizer lecam.decay", reason: "must lie in [0, 1), got \(options.decay)")
        }
        guard options.startStep >= 0 else {
            throw ConfigurationError.invalidValue(context: "regularizer lecam.startStep", reason: "must be ≥ 0, got \(options.startStep)")
        }
        self.init(weight: try ConfigurationCheck.nonNegative(options.weight, "regularizer lecam.weight"), decay: options.decay,
                  startStep: options.startStep, twoSided: options.twoSided)
    }
}

extension LeCam: DescribableComponent {
    /// The settings this LeCam was built with.
    public var options: Options {
        var options = Options()
        (options.weight, options.decay, options.startStep, options.twoSided) = (weight, decay, startStep, twoSided)
        return options
    }
}
