import Foundation
import GANKitCLI
import Testing

/// The usage and help of GANKitCLI's commands name the executable that runs them: a user's
/// `mygan`, built on `GANKitCLI.main(registering:)`, prints `USAGE: mygan train …`, not
/// `gankit` (`main` takes the name from the program path, `executableName`).
@Suite struct CommandNameTests {
    /// What `main` would print for `arguments` under `name`: the text of the error `run` throws
    /// (a help request is one), or "" when the command ran without one.
    static func printed(_ arguments: [String], name: String) -> String {
        do {
            try GANKitCLI.run(arguments, commandName: name)
            return ""
        } catch {
            return GANKitCLI.message(for: error, commandName: name)
        }
    }

    @Test func helpAndUsageNameTheGivenCommand() {
        let root = Self.printed(["--help"], name: "mygan")
        #expect(root.contains("USAGE: mygan <subcommand>"))
        #expect(root.contains("mygan help <subcommand>"))
        #expect(!root.contains("gankit"))
        #expect(Self.printed(["train", "--help"], name: "mygan").contains("USAGE: mygan train "))
        let badFlag = Self.printed(["sample", "--run", "r", "--output", "o.png", "--no-such-flag"], name: "mygan")
        #expect(badFlag.contains("Unknown option '--no-such-flag'"))
        #expect(badFlag.contains("Usage: mygan sample --run"))
    }

    /// A flag that a command finds wrong only while it runs (here `--resume` of a folder with no
    /// checkpoint) is printed with that command's usage and help line, not the root's.
    @Test func aFlagFoundWrongWhileRunningGetsItsCommandsUsage() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-checkpoint-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: empty.appendingPathComponent("config.json"))
        defer { try? FileManager.default.removeItem(at: empty) }
        let message = Self.printed(["train", "--resume", empty.path], name: "mygan")
        #expect(message.hasPrefix("Error: no checkpoint in \(empty.path)/checkpoints to resume from\n"), "\(message)")
        #expect(message.contains("Usage: mygan train "), "\(message)")
        #expect(message.contains("See 'mygan train --help' for more information."), "\(message)")
        #expect(!message.contains("<subcommand>"), "\(message)")
    }

    /// The examples in each command's help are written with the name it runs under.
    @Test(arguments: ["train", "evaluate", "experiment", "report", "diagnose"])
    func helpExamplesNameTheGivenCommand(subcommand: String) {
        let help = Self.printed([subcommand, "--help"], name: "mygan")
        #expect(help.contains("mygan \(subcommand) "))
        #expect(!help.contains("gankit"))
        #expect(Self.printed([subcommand, "--help"], name: "gankit").contains("gankit \(subcommand) "))
    }

    @Test func gankitIsTheNameWhereNoneIsGiven() {
        do {
            try GANKitCLI.run(["--help"])
            Issue.record("--help ran without a help request")
        } catch {
            #expect(GANKitCLI.message(for: error).contains("USAGE: gankit <subcommand>"))
        }
    }

    @Test func theNameIsTheProgramPathsLastComponent() {
        #expect(GANKitCLI.executableName("/home/me/mygan/.build/release/mygan") == "mygan")
        #expect(GANKitCLI.executableName("mygan") == "mygan")
        #expect(GANKitCLI.executableName(".build/release/gankit") == "gankit")
        #expect(GANKitCLI.executableName(nil) == "gankit")
        #expect(GANKitCLI.executableName("") == "gankit")
    }
}
