import GANCore

/// This target's components (consistency regularization and its balanced and latent variants):
/// GANKit's umbrella registers them as built-ins (`GANKit.builtins`)
/// when the target is listed in Package.swift's `builtinMethods`.
public var components: [any ConfigurableComponent.Type] {
    [ConsistencyRegularization.self, BalancedConsistencyRegularization.self, LatentConsistencyRegularization.self]
}
