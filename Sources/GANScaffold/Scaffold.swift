import Foundation

/// A new plug-in target as `swift package gankit-new` and `gankit new` write it: a regularizer
/// or an augmentation named `Name` becomes the type `Name` in the target `RegularizerName` (or
/// `AugmentationName`, GANKit's naming), with its options (`NameOptions.swift`, adopting
/// `ConfigurableComponent` with the kind `name` in kebab case), its component list
/// (`Components.swift`, which GANKit's umbrella registers for a built-in) and a test target
/// `RegularizerNameTests` running GANTestSupport's conformance check.
///
/// The templates live here, in a target that depends on Foundation and ArgumentParser only, so
/// that the command plugin (which cannot import package targets) runs them through the small
/// `GANScaffoldTool` executable without building GANKit, and `gankit new` runs the same code.
public struct Scaffold: Sendable {
    /// What can be scaffolded.
    public enum Kind: String, CaseIterable, Sendable {
        case regularizer
        case augmentation

        /// The target name's prefix: "Regularizer" or "Augmentation".
        public var targetPrefix: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    public let kind: Kind
    /// The Swift type's name, e.g. "GradientGap".
    public let typeName: String

    /// A scaffold of `kind` named `name`: an upper-camel-case Swift identifier, given with or
    /// without the target prefix ("GradientGap" or "RegularizerGradientGap").
    public init(kind: Kind, name: String) throws {
        var name = name
        if name.hasPrefix(kind.targetPrefix), let next = name.dropFirst(kind.targetPrefix.count).first, next.isUppercase {
            name.removeFirst(kind.targetPrefix.count)
        }
        guard let first = name.unicodeScalars.first, CharacterSet.uppercaseLetters.contains(first),
              name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII }) else {
            throw ScaffoldError("the name '\(name)' must be an upper-camel-case Swift identifier of ASCII letters and digits, e.g. GradientGap")
        }
        self.kind = kind
        self.typeName = name
    }

    /// The target's name, e.g. "RegularizerGradientGap".
    public var targetName: String { kind.targetPrefix + typeName }
    /// The test target's name, e.g. "RegularizerGradientGapTests".
    public var testTargetName: String { targetName + "Tests" }
    /// The name configurations and flags use: the type's name in kebab case, e.g. "gradient-gap".
    public var componentKind: String {
        var result = ""
        let scalars = Array(typeName)
        for (i, c) in scalars.enumerated() {
            // A word starts at a capital after a lower-case letter, or at the last capital of an
            // acronym followed by lower case: GradientGap → gradient-gap, ADAPlus → ada-plus,
            // R2Penalty → r2-penalty, MS3DLite → ms3d-lite.
            let nextIsLowercase = i + 1 < scalars.count && scalars[i + 1].isLowercase
            let startsWord = i > 0 && c.isUppercase
                && (scalars[i - 1].isLowercase || (nextIsLowercase && (scalars[i - 1].isUppercase || scalars[i - 1].isNumber)))
            if startsWord { result += "-" }
            result += c.lowercased()
        }
        return result
    }

    /// The files to create, relative to the package root: the type, its options, the target's
    /// component list and the test.
    public var files: [(path: String, contents: String)] {
        let template = Template(scaffold: self)
        return [
            ("Sources/\(targetName)/\(typeName).swift", kind == .regularizer ? template.regularizer : template.augmentation),
            ("Sources/\(targetName)/\(typeName)Options.swift", kind == .regularizer ? template.regularizerOptions : template.augmentationOptions),
            ("Sources/\(targetName)/Components.swift", template.components),
            ("Tests/\(testTargetName)/\(typeName)Tests.swift", kind == .regularizer ? template.regularizerTest : template.augmentationTest),
        ]
    }

    /// Writes `files` under `packageDirectory`, refusing to overwrite any (nothing is written
    /// when one exists).
    @discardableResult
    public func writeFiles(into packageDirectory: URL) throws -> [URL] {
        let fm = FileManager.default
        let targets = files.map { (packageDirectory.appendingPathComponent($0.path), $0.contents) }
        if let existing = targets.first(where: { fm.fileExists(atPath: $0.0.path) }) {
            throw ScaffoldError("\(existing.0.path) already exists; not overwriting it")
        }
        for (url, contents) in targets {
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url, options: .withoutOverwriting)
        }
        return targets.map(\.0)
    }
}

/// A scaffold that cannot be written: the message names the name, file or flag at fault.
public struct ScaffoldError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
