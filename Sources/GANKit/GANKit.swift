// GANKit: the umbrella. `import GANKit` brings every layer and every built-in method, and
// `GANKit.registerBuiltins()` makes the built-ins nameable in JSON run configurations.
@_exported import AugmentationADA
@_exported import AugmentationDiffAug
@_exported import GANCore
@_exported import GANIO
@_exported import GANMetrics
@_exported import GANModels
@_exported import RegularizerCR
@_exported import RegularizerLeCam
@_exported import RegularizerDigGAN
@_exported import RegularizerMS3D
@_exported import RegularizerPathLength
@_exported import RegularizerR1
@_exported import TechniqueFreezeD

/// Registration of the built-in components.
public enum GANKit {
    /// Every built-in component, by the type that describes it (`ConfigurableComponent`): the
    /// losses, regularizers, augmentations, techniques, model families and data sources a
    /// configuration can name. A built-in method is its target, its name in `builtinMethods` in
    /// Package.swift (which gives it a product and makes it a dependency of this umbrella), its
    /// `@_exported import` above (so `import GANKit` brings it) and its type here.
    public static var builtins: [any ConfigurableComponent.Type] {
        [
            NonSaturatingLoss.self, HingeLoss.self, WassersteinLoss.self, LeastSquaresLoss.self, RelativisticHingeLoss.self,
            R1.self,
            MS3D.self,
            LeCam.self,
            ConsistencyRegularization.self,
            BalancedConsistencyRegularization.self,
            LatentConsistencyRegularization.self,
            DigGAN.self,
            PathLength.self,
            DiffAugment.self,
            ADA.self,
            FreezeD.self,
            DCGANFamily.self, SNGANResNetFamily.self, StyleGAN2Family.self,
            EmojiOneSource.self, FashionMNISTSource.self, ImageFolderSource.self,
        ]
    }

    /// Registers `builtins` under their configuration names. Calling it again registers the same
    /// types again, replacing a component of the same kind registered in between.
    public static func registerBuiltins(in registry: ComponentRegistry = .shared) {
        registry.register(builtins)
    }
}
