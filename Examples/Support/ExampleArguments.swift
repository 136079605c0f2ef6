import Foundation

/// The command line of an example program. The examples are small scripts, so they parse their
/// few flags here rather than pull in swift-argument-parser, but with its manners: `--help` (or
/// `-h`) prints the usage and exits 0; an unknown flag, a flag without its value or a value of
/// the wrong kind prints the error and the usage to stderr and exits 64 (EX_USAGE).
public struct ExampleArguments {
    /// Option flags given with their values (`--output DIR` → `["--output": "DIR"]`).
    public private(set) var options: [String: String] = [:]
    /// Arguments that are not flags, in order.
    public private(set) var positional: [String] = []

    /// Parses `arguments` (without the program's name) against the known `flags`, each of which
    /// takes a value; at most `positionalLimit` arguments may stand alone.
    public init(_ arguments: [String], flags: Set<String>, positionalLimit: Int = 0) throws(ExampleArgumentsError) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--help" || argument == "-h" { throw .helpRequested }
            if argument.hasPrefix("-"), Int(argument) == nil {
                let (flag, attached) = Self.split(argument)
                guard flags.contains(flag) else { throw .unknownFlag(argument) }
                guard let value = attached ?? rest.popFirst() else { throw .missingValue(flag) }
                options[flag] = value
            } else {
                guard positional.count < positionalLimit else { throw .unexpectedArgument(argument) }
                positional.append(argument)
            }
        }
    }

    /// `--flag=value` as its two parts; `--flag` alone with nil.
    private static func split(_ argument: String) -> (String, String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// The value of `flag` as an integer ≥ 1, or nil when the flag was not given.
    public func positiveInteger(_ flag: String) throws(ExampleArgumentsError) -> Int? {
        guard let text = options[flag] else { return nil }
        guard let value = Int(text), value >= 1 else { throw .invalidValue(flag: flag, value: text, expected: "an integer ≥ 1") }
        return value
    }

    /// Parses the process's own arguments; on `--help` prints `usage` and exits 0, on an error
    /// prints it and `usage` to stderr and exits 64. `validate` may check the values (throwing
    /// `ExampleArgumentsError`) under the same rules.
    public static func parseOrExit<T>(usage: String, flags: Set<String>, positionalLimit: Int = 0,
                                      _ validate: (ExampleArguments) throws(ExampleArgumentsError) -> T) -> T {
        do throws(ExampleArgumentsError) {
            return try validate(try ExampleArguments(Array(CommandLine.arguments.dropFirst()), flags: flags,
                                                     positionalLimit: positionalLimit))
        } catch .helpRequested {
            print(usage)
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n\(usage)\n".utf8))
            exit(64)
        }
    }
}

/// Why an example's command line was refused, naming the flag or argument.
public enum ExampleArgumentsError: Error, Equatable, CustomStringConvertible {
    /// `--help` or `-h`: not an error, but parsing stops.
    case helpRequested
    case unknownFlag(String)
    case missingValue(String)
    case unexpectedArgument(String)
    case invalidValue(flag: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .helpRequested: return "help requested"
        case .unknownFlag(let flag): return "unknown flag \(flag)"
        case .missingValue(let flag): return "\(flag) needs a value"
        case .unexpectedArgument(let argument): return "unexpected argument '\(argument)'"
        case .invalidValue(let flag, let value, let expected): return "\(flag) must be \(expected), got '\(value)'"
        }
    }
}
