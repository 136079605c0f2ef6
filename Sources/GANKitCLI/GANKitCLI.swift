import ArgumentParser
import CKernels
import Foundation
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
/// `{"kind": "my-regularizer"}`; its usage and help say `mygan`, the name it runs under.
/// GANKit's own `gankit` is `GANKitCLI.main()`.
public enum GANKitCLI {
    /// Runs the command line of this process with GANKit's built-ins and `components`
    /// registered; a failing command exits with its status. First starts the process again with
    /// OpenBLAS's better kernels where its CPU detection fell back to generic ones
    /// (`OpenBLASKernels.selectForThisCPU`), and makes standard output line-buffered.
    ///
    /// The usage and help name the commands after `commandName`; nil (the default) takes the
    /// name of the executable that runs (`executableName(_:)` of the program path), so `mygan`
    /// shows `USAGE: mygan train …` and GANKit's own binary `gankit`.
    public static func main(commandName: String? = nil, registering components: [any ConfigurableComponent.Type] = []) {
        OpenBLASKernels.selectForThisCPU()
        // Each line reaches a log file or pipe when it is printed (`gankit train > log`, `tail -f`),
        // not when a 4 KiB buffer fills: a minute of extracting features is not silence.
        gk_line_buffer_stdout()
        register(components)
        GANKitCLI.$commandName.withValue(commandName ?? executableName(CommandLine.arguments.first)) {
            do {
                try runParsed(Array(CommandLine.arguments.dropFirst()))
            } catch let error as CommandValidationError {
                FileHandle.standardError.write(Data((error.fullMessage(under: GANKitCommand.self) + "\n").utf8))
                Foundation.exit(ExitCode.validationFailure.rawValue)
            } catch {
                GANKitCommand.exit(withError: error)
            }
        }
    }

    /// Runs one command in this process, as `main` would with `arguments` (without the program
    /// name) after registering the built-ins and `components`, but throws its error (a bad
    /// flag, an unknown kind, a failed run, a request for help) instead of printing it and
    /// exiting; `message(for:commandName:)` gives the text `main` would print for it.
    public static func run(_ arguments: [String], commandName: String = defaultCommandName, registering components: [any ConfigurableComponent.Type] = []) throws {
        register(components)
        try GANKitCLI.$commandName.withValue(commandName) { try runParsed(arguments) }
    }

    /// Parses `arguments` and runs the command they name; a `ValidationError` its `run()` throws
    /// comes out as a `CommandValidationError` naming that subcommand, for its usage.
    private static func runParsed(_ arguments: [String]) throws {
        var command = try GANKitCommand.parseAsRoot(arguments)
        do {
            try command.run()
        } catch let error as ValidationError where !(command is GANKitCommand) {
            throw CommandValidationError(command: type(of: command), error: error)
        }
    }

    /// The text `main` prints for an error `run` threw, with the commands named `commandName`:
    /// the help for `--help`, the error and usage for a bad flag, the message of a failed run.
    public static func message(for error: any Error, commandName: String = defaultCommandName) -> String {
        GANKitCLI.$commandName.withValue(commandName) {
            (error as? CommandValidationError)?.fullMessage(under: GANKitCommand.self) ?? GANKitCommand.fullMessage(for: error)
        }
    }

    /// The name GANKit's own executable has, and the commands' name wherever no other is given.
    public static let defaultCommandName = "gankit"

    /// The commands' name for a program path (`CommandLine.arguments[0]`): its last path
    /// component, as a shell shows it (`.build/release/mygan` → `mygan`), or
    /// `defaultCommandName` when there is none.
    public static func executableName(_ programPath: String?) -> String {
        programPath?.split(separator: "/").last.map(String.init) ?? defaultCommandName
    }

    /// The name the usage and help lines give the commands while `main`, `run` or `message` runs
    /// (a task-local value, so concurrent callers with different names do not interfere).
    @TaskLocal static var commandName: String = defaultCommandName

    /// Registers GANKit's built-ins and then `components` in `registry`, so a component of your
    /// own may take a built-in's kind.
    public static func register(_ components: [any ConfigurableComponent.Type], in registry: ComponentRegistry = .shared) {
        GANKit.registerBuiltins(in: registry)
        registry.register(components)
    }
}
