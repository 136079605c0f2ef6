import GANCore

/// This target's components (ScaffoldExample): in GANKit, whose umbrella registers them as built-ins
/// when the target is listed in Package.swift's `builtinMethods`; elsewhere, to pass to
/// `ComponentRegistry.register(_:)` or `GANKitCLI.main(registering:)`.
public var components: [any ConfigurableComponent.Type] {
    [ScaffoldExample.self]
}
