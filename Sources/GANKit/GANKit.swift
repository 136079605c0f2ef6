// GANKit: the umbrella. `import GANKit` brings every layer and every built-in method, and
// `GANKit.registerBuiltins()` makes the built-ins nameable in JSON run configurations.
// The built-in methods (Package.swift's `builtinMethods`) are exported and registered by
// BuiltinMethods.swift, which the GANKitBuiltins plugin generates from this target's dependencies.
@_exported import GANCore
@_exported import GANIO
@_exported import GANMetrics
@_exported import GANModels

/// Registration of the built-in components.
public enum GANKit {
    /// Every built-in component, by the type that describes it (`ConfigurableComponent`): the
    /// losses, regularizers, augmentations, techniques, model families and data sources a
    /// configuration can name. The losses, model families and data sources are listed here; the
    /// methods are each method target's `components`, gathered by the GANKitBuiltins plugin from
    /// Package.swift's `builtinMethods`, so a built-in method is its target and its name there.
    public static var builtins: [any ConfigurableComponent.Type] {
        [
            NonSaturatingLoss.self, HingeLoss.self, WassersteinLoss.self, LeastSquaresLoss.self, RelativisticHingeLoss.self,
            DCGANFamily.self, SNGANResNetFamily.self, StyleGAN2Family.self,
            EmojiOneSource.self, FashionMNISTSource.self, ImageFolderSource.self,
        ] + methodComponents
    }

    /// Registers `builtins` under their configuration names. Calling it again registers the same
    /// types again, replacing a component of the same kind registered in between.
    public static func registerBuiltins(in registry: ComponentRegistry = .shared) {
        registry.register(builtins)
    }
}
