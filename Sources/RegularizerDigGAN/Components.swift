import GANCore

/// This target's components (DigGAN): GANKit's umbrella registers them as built-ins
/// (`GANKit.builtins`) when the target is listed in Package.swift's `builtinMethods`.
public var components: [any ConfigurableComponent.Type] {
    [DigGAN.self]
}
