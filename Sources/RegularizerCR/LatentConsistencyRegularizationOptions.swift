import GANCore

extension LatentConsistencyRegularization: ConfigurableComponent {
    /// "zcr", the discriminator term: `{"kind": "zcr", "weight": 5, "sigma": 0.03}`; the variant
    /// "zcr-generator" is the generator term. The paper's zCR lists both kinds.
    public static let kind = "zcr"

    /// "zcr-generator": the generator term.
    public static var variants: [String: [String: JSONValue]] { ["zcr-generator": ["term": .string(Term.generator.rawValue)]] }

    /// zCR's settings and their defaults (the type's doc comment gives their sources).
    public struct Options: ComponentOptions, Equatable {
        /// Which term: "discriminator" (kind "zcr") or "generator" (kind "zcr-generator").
        public var term = Term.discriminator
        /// λ_dis or λ_gen; nil (absent) for the term's `defaultWeight` (5 or 0.5).
        public var weight: Float?
        /// σ of Δz (0.03, Zhao et al. 2021).
        public var sigma: Float = 0.03

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case term, weight, sigma }
        /// "term", "weight", "sigma".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// The term of `options`; errors name the option at fault under the term's kind.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        let kind = options.term == .discriminator ? Self.kind : "zcr-generator"
        let weight = try ConfigurationCheck.nonNegative(options.weight ?? Self.defaultWeight(options.term), "regularizer \(kind).weight")
        guard options.sigma > 0, options.sigma.isFinite else {
            throw ConfigurationError.invalidValue(context: "regularizer \(kind).sigma", reason: "must be positive, got \(options.sigma)")
        }
        self.init(term: options.term, weight: weight, sigma: options.sigma)
    }
}

extension LatentConsistencyRegularization: DescribableComponent {
    /// The term, its weight (given even when it is the term's default) and σ of this zCR; the
    /// kind is "zcr" with the term as an option, which builds either term.
    public var options: Options {
        var options = Options()
        (options.term, options.weight, options.sigma) = (term, weight, sigma)
        return options
    }
}
