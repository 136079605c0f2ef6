import GANCore

extension FreezeD: ConfigurableComponent {
    /// "freeze-d": `{"kind": "freeze-d", "blocks": 2}`.
    public static let kind = "freeze-d"

    /// Freeze-D's one setting, which has no default.
    public struct Options: ComponentOptions, Equatable {
        /// The number of discriminator blocks, from the input, that do not train (required).
        public var blocks: Int?

        /// No blocks given: `init(options:context:)` refuses it.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case blocks }
        /// "blocks".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// Freeze-D with `options`; `blocks` must be given and be ≥ 1.
    public init(options: Options, context: ComponentBuildContext) throws {
        guard let blocks = options.blocks else {
            throw ConfigurationError.invalidValue(context: "technique freeze-d", reason: "missing key 'blocks'")
        }
        self.init(blocks: try ConfigurationCheck.positive(blocks, "technique freeze-d.blocks"))
    }
}

extension FreezeD: DescribableComponent {
    /// The number of frozen blocks.
    public var options: Options {
        var options = Options()
        options.blocks = blocks
        return options
    }
}
