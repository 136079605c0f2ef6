import GANCore

extension ADA: ConfigurableComponent {
    /// "ada": `{"kind": "ada", "target": 0.6, "interval": 4, "speedKimg": 500, "initialP": 0, "fixedP": 0.2, "clampAtOne": true}`.
    public static let kind = "ada"

    /// ADA's settings and their defaults: StyleGAN2-ADA's (the type's doc comment gives them).
    public struct Options: ComponentOptions, Equatable {
        /// The r_t to steer towards (`ada_target`, 0.6).
        public var target = 0.6
        /// D steps between adjustments of p (`ada_interval`, 4).
        public var interval = 4
        /// Thousands of reals for p to move by 1 (`ada_kimg`, 500).
        public var speedKimg: Double = 500
        /// p at the start of training (0).
        public var initialP: Double = 0
        /// A constant p that turns the controller off; nil (absent) for the controller.
        public var fixedP: Double?
        /// Keep p ≤ 1 (GANKit's default; the authors do not clamp).
        public var clampAtOne = true

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case target, interval, speedKimg, initialP, fixedP, clampAtOne }
        /// "target", "interval", "speedKimg", "initialP", "fixedP", "clampAtOne".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// ADA with `options`; errors name the option at fault.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        guard (-1...1).contains(options.target) else {
            throw ConfigurationError.invalidValue(context: "augmentation ada.target", reason: "must lie in [-1, 1], got \(options.target)")
        }
        guard options.speedKimg > 0, options.speedKimg.isFinite else {
            throw ConfigurationError.invalidValue(context: "augmentation ada.speedKimg", reason: "must be positive, got \(options.speedKimg)")
        }
        for (name, value) in [("initialP", options.initialP), ("fixedP", options.fixedP)] {
            if let value, !(value >= 0 && value.isFinite) {
                throw ConfigurationError.invalidValue(context: "augmentation ada.\(name)", reason: "must be ≥ 0, got \(value)")
            }
        }
        self.init(target: options.target, interval: try ConfigurationCheck.positive(options.interval, "augmentation ada.interval"),
                  speedKimg: options.speedKimg, initialP: options.initialP, fixedP: options.fixedP, clampAtOne: options.clampAtOne)
    }
}
