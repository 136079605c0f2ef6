// The losses' configuration names (`"loss": "hinge"`, `--loss hinge`); a loss has no options, so
// each describes itself (`DescribableComponent`) by its kind alone.

extension NonSaturatingLoss: DescribableComponent {
    /// "non-saturating".
    public static let kind = "non-saturating"
    /// The loss; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) { self.init() }
}

extension HingeLoss: DescribableComponent {
    /// "hinge".
    public static let kind = "hinge"
    /// The loss; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) { self.init() }
}

extension WassersteinLoss: DescribableComponent {
    /// "wasserstein".
    public static let kind = "wasserstein"
    /// The loss; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) { self.init() }
}

extension LeastSquaresLoss: DescribableComponent {
    /// "least-squares".
    public static let kind = "least-squares"
    /// The loss; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) { self.init() }
}

extension RelativisticHingeLoss: DescribableComponent {
    /// "relativistic-hinge".
    public static let kind = "relativistic-hinge"
    /// The loss; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) { self.init() }
}
