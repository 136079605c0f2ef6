import GANCore

extension ScaffoldExample: ConfigurableComponent {
    /// "scaffold-example": `{"kind": "scaffold-example", "strength": 1}`, `--augmentation scaffold-example:strength=0.5`.
    public static let kind = "scaffold-example"

    /// ScaffoldExample's settings; their defaults are written here once, and `ScaffoldExample()` takes them.
    public struct Options: ComponentOptions, Equatable {
        /// The width of the shift's range (1, DiffAugment's `rand_brightness`).
        public var strength: Float = 1

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case strength }
        /// "strength".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// ScaffoldExample with `options`; the strength must be a finite number ≥ 0.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        self.init(strength: try ConfigurationCheck.nonNegative(options.strength, "augmentation scaffold-example.strength"))
    }
}

extension ScaffoldExample: DescribableComponent {
    /// The strength it was built with: a run composed in Swift writes it to its config.json,
    /// from which `gankit sample` and `--resume` build it again.
    public var options: Options {
        var options = Options()
        options.strength = strength
        return options
    }
}
