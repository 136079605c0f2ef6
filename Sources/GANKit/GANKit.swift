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
@_exported import RegularizerR1
@_exported import TechniqueFreezeD

/// Registration of the built-in components.
public enum GANKit {
    /// Registers GANKit's losses, regularizers, augmentations and techniques under their
    /// configuration names. Calling it again re-registers the same factories.
    public static func registerBuiltins(in registry: ComponentRegistry = .shared) {
        registry.registerCoreLosses()
        registry.register(regularizer: "r1") { options, context in
            try options.decode(R1Options.self, context: "regularizer r1").make(context)
        }
        registry.register(regularizer: "ms3d") { options, context in
            try options.decode(MS3DOptions.self, context: "regularizer ms3d").make(context)
        }
        registry.register(regularizer: "lecam") { options, _ in
            try options.decode(LeCamOptions.self, context: "regularizer lecam").make()
        }
        registry.register(regularizer: "cr") { options, _ in
            try options.decode(CROptions.self, context: "regularizer cr").make()
        }
        registry.register(regularizer: "bcr") { options, _ in
            try options.decode(BCROptions.self, context: "regularizer bcr").make()
        }
        // zCR is two regularizers, one per phase: "zcr" (D term) and "zcr-generator" (G term).
        registry.register(regularizer: "zcr") { options, _ in
            try options.decode(ZCROptions.self, context: "regularizer zcr").make(.discriminator)
        }
        registry.register(regularizer: "zcr-generator") { options, _ in
            try options.decode(ZCROptions.self, context: "regularizer zcr-generator").make(.generator)
        }
        registry.register(regularizer: "diggan") { options, _ in
            try options.decode(DigGANOptions.self, context: "regularizer diggan").make()
        }
        registry.register(augmentation: "diffaugment") { options, _ in
            try options.decode(DiffAugmentOptions.self, context: "augmentation diffaugment").make()
        }
        registry.register(augmentation: "ada") { options, _ in
            try options.decode(ADAOptions.self, context: "augmentation ada").make()
        }
        registry.register(technique: "freeze-d") { options, _ in
            try options.decode(FreezeDOptions.self, context: "technique freeze-d").make()
        }
    }
}
