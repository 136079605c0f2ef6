import GANCore

extension MS3D: ConfigurableComponent {
    /// "ms3d": `{"kind": "ms3d", "weight": 10, "transform": "gaussian", "sigma": 1, "interval": 16}`.
    public static let kind = "ms3d"

    /// MS3D's settings and their defaults (the type's doc comment gives their sources).
    public struct Options: ComponentOptions, Equatable {
        /// λ (`MS3D.defaultWeight`, chosen by measurement; the paper's 100 is `weight=100`).
        public var weight = MS3D.defaultWeight
        /// The RG transform: "kadanoff" (the paper's) or "gaussian".
        public var transform = "kadanoff"
        /// σ of the "gaussian" transform.
        public var sigma = GaussianRG().sigma
        /// How the gradient field is laid out: "flattenedSquare" (the paper's) or "spatial".
        public var layout = Layout.flattenedSquare
        /// Which gradient field is penalised: "real" (paper Table 8), "fake" or "both".
        public var field = Field.real
        /// At most this many scales; nil (absent) for every scale down to 1×1.
        public var scales: Int?
        /// D steps between applications (lazy when > 1).
        public var interval = 1

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case weight, transform, sigma, layout, field, scales, interval }
        /// "weight", "transform", "sigma", "layout", "field", "scales", "interval".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// MS3D with `options`; errors name the option at fault (an unknown transform lists the
    /// known ones).
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        let transform: any RGTransform
        switch options.transform {
        case "kadanoff": transform = KadanoffBlockSpin()
        case "gaussian":
            guard options.sigma > 0 else {
                throw ConfigurationError.invalidValue(context: "regularizer ms3d.sigma", reason: "must be positive, got \(options.sigma)")
            }
            transform = GaussianRG(sigma: options.sigma)
        case let other:
            throw ConfigurationError.unknownKind(context: "regularizer ms3d.transform", kind: other, known: ["gaussian", "kadanoff"])
        }
        if let scales = options.scales { _ = try ConfigurationCheck.positive(scales, "regularizer ms3d.scales") }
        self.init(weight: try ConfigurationCheck.nonNegative(options.weight, "regularizer ms3d.weight"), transform: transform,
                  layout: options.layout, field: options.field, scales: options.scales,
                  interval: try ConfigurationCheck.positive(options.interval, "regularizer ms3d.interval"))
    }
}

extension MS3D: DescribableComponent {
    /// The settings this MS3D was built with; an RG transform other than `KadanoffBlockSpin` and
    /// `GaussianRG`, which a configuration cannot name, throws.
    public var options: Options {
        get throws {
            var options = Options()
            switch transform {
            case is KadanoffBlockSpin:
                options.transform = "kadanoff"
            case let gaussian as GaussianRG:
                (options.transform, options.sigma) = ("gaussian", gaussian.sigma)
            default:
                throw ConfigurationError.invalidValue(context: "regularizer ms3d.transform", reason:
                    "\(type(of: transform)) is not a transform a configuration can name (kadanoff, gaussian)")
            }
            (options.weight, options.layout, options.field) = (weight, layout, field)
            (options.scales, options.interval) = (scales, schedule.interval)
            return options
        }
    }
}
