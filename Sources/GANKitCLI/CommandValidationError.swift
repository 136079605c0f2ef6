import ArgumentParser

/// A `ValidationError` that a command's `run()` threw — a flag found wrong only once the command
/// has read a file, such as `--truncation` for a run that is not StyleGAN2 or `--resume` of a
/// folder without a checkpoint — together with the command that threw it. ArgumentParser
/// attaches the root's usage (`Usage: gankit <subcommand>`) to an error thrown by `run()`; this
/// error's message carries the usage of the command it came from, as ArgumentParser gives an
/// error thrown by `validate()`, and `main` exits with the same status (64, `EX_USAGE`).
struct CommandValidationError: Error, CustomStringConvertible {
    /// The command (`Sample`, `Train`, …) whose `run()` threw.
    let command: any ParsableCommand.Type
    /// What it threw.
    let error: ValidationError

    var description: String { error.message }

    /// The text ArgumentParser prints for a `validate()` error of `command` under `root`:
    /// the error, the command's usage, and where its help is.
    func fullMessage(under root: any ParsableCommand.Type) -> String {
        let path = "\(root._commandName) \(command._commandName)"
        return "\(root._errorPrefix)\(error.message)\n"
            + "Usage: \(root.usageString(for: command))\n"
            + "  See '\(path) --help' for more information."
    }
}
