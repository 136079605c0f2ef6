import ArgumentParser
import GANKit

/// The `gankit` commands (train, sample, evaluate, diagnose, experiment, report, new, weights)
/// as a library, so that an executable of your own runs all of them with your components
/// nameable in configurations and flags:
///
/// ```swift
/// // Sources/mygan/main.swift, in a target depending on GANKitCLI and MyRegularizer
/// import GANKitCLI
/// import MyRegularizer
///
/// GANKitCLI.main(registering: [MyRegularizer.self])
/// ```
///
/// then `mygan train --regularizer my-regularizer:weight=2` or a configuration with
/// `{"kind": "my-regularizer"}`. GANKit's own `gankit` is `GANKitCLI.main()`.
public enum GANKitCLI {
    /// Runs the command line of this process with GANKit's built-ins and `components`
    /// registered; a failing command exits with its status. First starts the process again with
    /// OpenBLAS's better kernels where its CPU detection fell back to generic ones
    /// (`OpenBLASKernels.selectForThisCPU`).
    public static func main(registering components: [any ConfigurableComponent.Type] = []) {
        OpenBLASKernels.selectForThisCPU()
        register(components)
        GANKitCommand.main()
    }

    /// Runs one command in this process, as `main` would with `arguments` (without the program
    /// name) after registering the built-ins and `components`, but throws its error (a bad
    /// flag, an unknown kind, a failed run) instead of printing it and exiting.
    public static func run(_ arguments: [String], registering components: [any ConfigurableComponent.Type] = []) throws {
        register(components)
        var command = try GANKitCommand.parseAsRoot(arguments)
        try command.run()
    }

    /// Registers GANKit's built-ins and then `components` in `registry`, so a component of your
    /// own may take a built-in's kind.
    public static func register(_ components: [any ConfigurableComponent.Type], in registry: ComponentRegistry = .shared) {
        GANKit.registerBuiltins(in: registry)
        registry.register(components)
    }
}
