import ExampleSupport
import Foundation
import Testing

/// The examples parse their flags: known flags with values, `--help`, and errors naming what is
/// wrong (issue 11, item 4).
@Suite struct ExampleArgumentsTests {
    @Test func knownFlagsTakeTheirValuesInEitherSpelling() throws {
        let a = try ExampleArguments(["--runs", "5", "--output=out/dir"], flags: ["--runs", "--output"])
        #expect(a.options == ["--runs": "5", "--output": "out/dir"])
        #expect(try a.positiveInteger("--runs") == 5)
        #expect(try a.positiveInteger("--missing") == nil)
    }

    @Test(arguments: [
        (["--help"], ExampleArgumentsError.helpRequested),
        (["--runs", "2", "-h"], .helpRequested),
        (["--bogus"], .unknownFlag("--bogus")),
        (["--output"], .missingValue("--output")),
        (["stray"], .unexpectedArgument("stray")),
    ])
    func badOrHelpArgumentsStopParsing(arguments: [String], expected: ExampleArgumentsError) {
        #expect(throws: expected) { _ = try ExampleArguments(arguments, flags: ["--runs", "--output"]) }
    }

    @Test(arguments: ["0", "-3", "many"])
    func aCountThatIsNotAPositiveIntegerIsNamed(value: String) throws {
        let a = try ExampleArguments(["--runs=\(value)"], flags: ["--runs"])
        #expect(throws: ExampleArgumentsError.invalidValue(flag: "--runs", value: value, expected: "an integer ≥ 1")) {
            _ = try a.positiveInteger("--runs")
        }
        #expect("\(ExampleArgumentsError.invalidValue(flag: "--runs", value: value, expected: "an integer ≥ 1"))"
                == "--runs must be an integer ≥ 1, got '\(value)'")
    }

    @Test func positionalArgumentsUpToTheLimitAreKept() throws {
        #expect(try ExampleArguments(["300"], flags: [], positionalLimit: 1).positional == ["300"])
        #expect(throws: ExampleArgumentsError.unexpectedArgument("400")) {
            _ = try ExampleArguments(["300", "400"], flags: [], positionalLimit: 1)
        }
    }

    /// An example binary next to the test bundle, when `swift build` has built it.
    static func example(_ name: String) -> URL? {
        let bundle = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var folder = bundle.deletingLastPathComponent()
        for _ in 0..<3 {
            let url = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path), !url.hasDirectoryPath,
               (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true { return url }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    static func run(_ binary: URL, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(.enabled(if: example("EightGaussians") != nil, "the examples are not built next to the test bundle; build them with swift build"),
          arguments: ["EightGaussians", "DigGANTwoPoint", "ComposePipeline"])
    func eachExamplePrintsItsUsageForHelpAndRefusesAnUnknownFlag(name: String) throws {
        let binary = try #require(Self.example(name))
        let (helpStatus, help) = try Self.run(binary, ["--help"])
        #expect(helpStatus == 0 && help.hasPrefix("usage: \(name)"), "\(help)")
        let (status, output) = try Self.run(binary, ["--bogus"])
        #expect(status == 64 && output.hasPrefix("error: unknown flag --bogus\nusage: \(name)"), "\(output)")
    }
}
