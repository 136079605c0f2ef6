// The losses' configuration names (`"loss": "hinge"`, `--loss hinge`); a loss has no options.

extension NonSaturatingLoss: ConfigurableComponent {
    /// "non-saturating".
    public static let kind = "non-saturating"
    /// The loss; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) { self.init() }
}

extension HingeLoss: ConfigurableComponent {
    /// "hinge".
    public static let kind = "hinge"
    /// The loss; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) { self.init() }
}

extension WassersteinLoss: ConfigurableComponent {
    /// "wasserstein".
    public static let kind = "wasserstein"
    /// The loss; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) { self.init() }
}

extension LeastSquaresLoss: ConfigurableComponent {
    /// "least-squares".
    public static let kind = "least-squares"
    /// The loss; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) { self.init() }
}

extension RelativisticHingeLoss: ConfigurableComponent {
    /// "relativistic-hinge".
    public static let kind = "relativistic-hinge"
    /// The loss; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) { self.init() }
}
