import GANCore

extension DigGAN: ConfigurableComponent {
    /// "diggan": `{"kind": "diggan", "weight": 500, "alpha": 0.5}`.
    public static let kind = "diggan"

    /// DigGAN's settings and their defaults (the type's doc comment gives their sources).
    public struct Options: ComponentOptions, Equatable {
        /// λ (500, the authors' code default; the paper's values are `DigGAN.paperWeight`).
        public var weight: Float = 500
        /// α in (0, 1], the weight of the current norms in the EMA (0.5, the authors' code).
        public var alpha: Float = 0.5

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case weight, alpha }
        /// "weight", "alpha".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// DigGAN with `options`; errors name the option at fault.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        guard options.alpha > 0, options.alpha <= 1 else {
            throw ConfigurationError.invalidValue(context: "regularizer diggan.alpha", reason: "must lie in (0, 1], got \(options.alpha)")
        }
        self.init(weight: try ConfigurationCheck.nonNegative(options.weight, "regularizer diggan.weight"), alpha: options.alpha)
    }
}

extension DigGAN: DescribableComponent {
    /// λ and α of this DigGAN.
    public var options: Options {
        var options = Options()
        (options.weight, options.alpha) = (weight, alpha)
        return options
    }
}
