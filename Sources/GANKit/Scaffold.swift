import Foundation

/// Writes the files of a new plug-in target: `gankit new regularizer Name` (and the
/// `swift package gankit-new` command plugin, which calls it). The regularizer it writes is a
/// working gradient penalty on the real images, a starting point to replace with the method,
/// and its test trains a toy pipeline with it.
public struct Scaffold {
    /// What can be scaffolded.
    public enum Kind: String, CaseIterable, Sendable {
        case regularizer
    }

    public let kind: Kind
    /// The Swift type name, which is also the target's name.
    public let name: String

    /// Checks that `name` is an upper-camel-case Swift identifier.
    public init(kind: Kind, name: String) throws {
        guard let first = name.unicodeScalars.first, CharacterSet.uppercaseLetters.contains(first),
              name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) }) else {
            throw ConfigurationError.invalidValue(context: "scaffold name", reason: "'\(name)' must be an upper-camel-case Swift identifier, e.g. MyPenalty")
        }
        self.kind = kind
        self.name = name
    }

    /// The files to create, relative to the package root.
    public var files: [(path: String, contents: String)] {
        [("Sources/\(name)/\(name).swift", source), ("Tests/\(name)Tests/\(name)Tests.swift", test)]
    }

    /// The lines to add to Package.swift.
    public var manifestLines: String {
        """
        .target(name: "\(name)", dependencies: [.product(name: "GANCore", package: "GANKit")]),
        .testTarget(name: "\(name)Tests", dependencies: ["\(name)", .product(name: "GANTestSupport", package: "GANKit")]),
        """
    }

    /// Creates the files under `packageDirectory`, refusing to overwrite any.
    public func write(into packageDirectory: URL) throws -> [URL] {
        let fm = FileManager.default
        var written: [URL] = []
        for (path, contents) in files {
            let url = packageDirectory.appendingPathComponent(path)
            guard !fm.fileExists(atPath: url.path) else {
                throw ConfigurationError.invalidValue(context: "scaffold", reason: "\(url.path) already exists; not overwriting it")
            }
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url, options: .withoutOverwriting)
            written.append(url)
        }
        return written
    }

    private var source: String {
        """
        import GANCore

        /// \(name): describe the method here — the paper, its formula, and where each default
        /// comes from. As scaffolded it is a zero-centred gradient penalty on the real images,
        /// `weight · mean_i ‖∂(Σ_j D(x_j))/∂x_i‖²` (Mescheder et al. 2018), to be replaced.
        public final class \(name): Regularizer {
            /// λ.
            public let weight: Float
            public let schedule: RegularizationSchedule

            public init(weight: Float = 1, interval: Int = 1) {
                precondition(weight >= 0, "\(name): weight must be ≥ 0, got \\(weight)")
                self.weight = weight
                self.schedule = .lazy(.discriminator, interval: interval)
            }

            public var name: String { "\(name.lowercased())" }
            /// The penalty reads `context.realImageGradient()`, shared with R1 and MS3D.
            public var needsRealImageGradient: Bool { true }

            public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
                let gradient = try context.realImageGradient()
                return gradient.squared().sum() * (weight / Float(gradient.shape[0]))
            }
        }

        """
    }

    private var test: String {
        """
        import GANCore
        import GANTestSupport
        import Testing
        import \(name)

        @Suite struct \(name)Tests {
            @Test func aToyPipelineLogsThePenalty() throws {
                let pipeline = try Toy.builder().regularizer(\(name)()).build()
                let statistics = try pipeline.step(on: Toy.data())
                let value = try #require(statistics.penalties["\(name.lowercased())"])
                #expect(value.isFinite && value >= 0)
            }
        }

        """
    }
}
