import GANCore

extension ADA: ConfigurableComponent {
    /// "ada": `{"kind": "ada", "target": 0.6, "interval": 4, "speedKimg": 500, "initialP": 0, "fixedP": 0.2,
    /// "clampAtOne": true, "preset": "bgc", "filter": "bilinear", "rotate": 0.5}`.
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
        /// The operations that fire: "blit", "geom", "color", "bg" or "bgc" (the authors'
        /// `augpipe`, default "bgc", the paper's recommendation).
        public var preset = ADA.Preset.bgc
        /// How the geometry is resampled: "bilinear" (default: GANKit's; the wavelet path costs
        /// ≈ 6–17× more and adds 18–33 % to a DCGAN-32 iteration, docs/methods.md "ADA") or
        /// "sym6" (the authors' 2× wavelet path). A spec without it (as `gankit train` saves a
        /// run's components) means bilinear, the filter such runs used.
        public var filter = ADA.Filter.bilinear
        /// Per-operation probability multipliers (`AugmentPipe`'s arguments of the same names);
        /// absent: 1 for the preset's operations, 0 for the others.
        public var xflip, rotate90, xint, scale, rotate, aniso, xfrac: Double?
        /// The colour operations' multipliers, as the geometric ones.
        public var brightness, contrast, lumaflip, hue, saturation: Double?

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable {
            case target, interval, speedKimg, initialP, fixedP, clampAtOne, preset, filter
            case xflip, rotate90, xint, scale, rotate, aniso, xfrac, brightness, contrast, lumaflip, hue, saturation
        }
        /// "target", "interval", "speedKimg", "initialP", "fixedP", "clampAtOne", "preset", "filter"
        /// and one multiplier per `ADA.Operation` ("xflip" … "saturation").
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }

        /// The multipliers given, by operation.
        public var multipliers: [ADA.Operation: Double] {
            let given: [(ADA.Operation, Double?)] = [
                (.xflip, xflip), (.rotate90, rotate90), (.xint, xint), (.scale, scale), (.rotate, rotate), (.aniso, aniso),
                (.xfrac, xfrac), (.brightness, brightness), (.contrast, contrast), (.lumaflip, lumaflip), (.hue, hue),
                (.saturation, saturation),
            ]
            return Dictionary(uniqueKeysWithValues: given.compactMap { operation, value in value.map { (operation, $0) } })
        }
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
        for (operation, value) in options.multipliers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !(value >= 0 && value.isFinite) {
            throw ConfigurationError.invalidValue(context: "augmentation ada.\(operation.rawValue)", reason: "must be ≥ 0, got \(value)")
        }
        self.init(target: options.target, interval: try ConfigurationCheck.positive(options.interval, "augmentation ada.interval"),
                  speedKimg: options.speedKimg, initialP: options.initialP, fixedP: options.fixedP, clampAtOne: options.clampAtOne,
                  preset: options.preset, multipliers: options.multipliers, filter: options.filter)
    }
}

extension ADA: DescribableComponent {
    /// The settings this ADA was built with, every operation's multiplier given (the preset's,
    /// with the given ones laid over); the current p is checkpointed state, not an option.
    public var options: Options {
        var options = Options()
        (options.target, options.interval, options.speedKimg, options.initialP) = (target, interval, speedKimg, initialP)
        (options.fixedP, options.clampAtOne, options.preset, options.filter) = (fixedP, clampAtOne, preset, filter)
        (options.xflip, options.rotate90, options.xint, options.scale) = (multipliers[.xflip], multipliers[.rotate90], multipliers[.xint], multipliers[.scale])
        (options.rotate, options.aniso, options.xfrac) = (multipliers[.rotate], multipliers[.aniso], multipliers[.xfrac])
        (options.brightness, options.contrast, options.lumaflip) = (multipliers[.brightness], multipliers[.contrast], multipliers[.lumaflip])
        (options.hue, options.saturation) = (multipliers[.hue], multipliers[.saturation])
        return options
    }
}
