import GANCore

/// This target's components (Freeze-D): GANKit's umbrella registers them as built-ins
/// (`GANKit.builtins`) when the target is listed in Package.swift's `builtinMethods`.
public var components: [any ConfigurableComponent.Type] {
    [FreezeD.self]
}
