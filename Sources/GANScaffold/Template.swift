/// The text of a scaffold's files. The generated regularizer and augmentation are working
/// methods (a gradient penalty on the reals, a brightness shift) that pass GANKit's conformance
/// checks, starting points to replace with the method; `Tests/ScaffoldFixture` holds this output
/// for one name, built and tested with GANKit's own tests.
struct Template {
    let scaffold: Scaffold

    private var name: String { scaffold.typeName }
    private var kind: String { scaffold.componentKind }
    private var target: String { scaffold.targetName }

    var regularizer: String {
        """
        import GANCore

        /// \(name): replace this comment with the method — the paper, its formula, and where each
        /// default in `\(name)Options.swift` comes from.
        ///
        /// As scaffolded it is a zero-centred gradient penalty on the real images, R1 of Mescheder,
        /// Geiger & Nowozin, "Which training methods for GANs do actually converge?" (ICML 2018,
        /// eq. 9):
        ///
        ///     penalty = (weight/2) · mean_i ‖∂(Σ_j D(x_j)) / ∂x_i‖²
        ///
        /// on the discriminator step's real batch, every `interval` D steps times `interval`
        /// (StyleGAN2's lazy regularisation). `RegularizationContext` holds what the step has
        /// computed (images, logits, D, G, latents); `penalty` returns nil where it does not apply.
        public final class \(name): Regularizer {
            /// The penalty weight.
            public let weight: Float
            public let schedule: RegularizationSchedule

            /// - Parameters:
            ///   - weight: the penalty weight (a finite number ≥ 0).
            ///   - interval: run every `interval` D steps (lazy when > 1).
            public init(weight: Float = Options().weight, interval: Int = Options().interval) {
                precondition(weight >= 0 && weight.isFinite, "\(name): weight must be a non-negative number, got \\(weight)")
                precondition(interval >= 1, "\(name): interval must be ≥ 1, got \\(interval)")
                self.weight = weight
                self.schedule = .lazy(.discriminator, interval: interval)
            }

            /// "\(kind)", the key of its value in the training statistics.
            public var name: String { Self.kind }
            /// The penalty reads `context.realImageGradient()`, shared with R1 and MS3D.
            public var needsRealImageGradient: Bool { true }

            public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
                // Taken with createGraph: true, so the penalty trains D through it.
                let gradient = try context.realImageGradient()
                return gradient.squared().sum() * (weight / 2 / Float(gradient.shape[0]))
            }
        }

        """
    }

    var regularizerOptions: String {
        """
        import GANCore

        extension \(name): ConfigurableComponent {
            /// "\(kind)": `{"kind": "\(kind)", "weight": 1, "interval": 1}`, `--regularizer \(kind):weight=2`.
            public static let kind = "\(kind)"

            /// \(name)'s settings; their defaults are written here once, and `\(name)()` takes them.
            public struct Options: ComponentOptions, Equatable {
                /// The penalty weight (1; give the method's default and its source).
                public var weight: Float = 1
                /// D steps between applications (1: every step; lazy when > 1).
                public var interval = 1

                /// The defaults.
                public init() {}
                enum CodingKeys: String, CodingKey, CaseIterable { case weight, interval }
                /// "weight", "interval".
                public static var knownKeys: Set<String> { keys(CodingKeys.self) }
            }

            /// \(name) with `options`; the weight must be a finite number ≥ 0 and the interval ≥ 1.
            public convenience init(options: Options, context: ComponentBuildContext) throws {
                self.init(weight: try ConfigurationCheck.nonNegative(options.weight, "regularizer \(kind).weight"),
                          interval: try ConfigurationCheck.positive(options.interval, "regularizer \(kind).interval"))
            }
        }

        extension \(name): DescribableComponent {
            /// The weight and interval it was built with: a run composed in Swift writes them to its
            /// config.json, from which `gankit sample` and `--resume` build it again.
            public var options: Options {
                var options = Options()
                (options.weight, options.interval) = (weight, schedule.interval)
                return options
            }
        }

        """
    }

    /// `Components.swift`: the target's component list, which GANKit's umbrella registers when
    /// the target is one of its `builtinMethods`.
    var components: String {
        """
        import GANCore

        /// This target's components (\(name)): in GANKit, whose umbrella registers them as built-ins
        /// when the target is listed in Package.swift's `builtinMethods`; elsewhere, to pass to
        /// `ComponentRegistry.register(_:)` or `GANKitCLI.main(registering:)`.
        public var components: [any ConfigurableComponent.Type] {
            [\(name).self]
        }

        """
    }

    var regularizerTest: String {
        """
        import GANCore
        import GANTestSupport
        import \(target)
        import Testing

        /// \(name) meets the regularizer contract (GANTestSupport; it includes building the penalty
        /// again from the options it describes), and a configuration builds the same penalty as
        /// Swift's defaults.
        @Suite struct \(name)Tests {
            @Test func conformsToTheRegularizerContract() throws {
                try RegularizerConformance.check { \(name)() }
            }

            @Test func theTargetListsItsComponent() {
                #expect(\(target).components.contains { ObjectIdentifier($0) == ObjectIdentifier(\(name).self) })
            }

            @Test func conformsWhenLazy() throws {
                try RegularizerConformance.check { \(name)(interval: 4) }
            }

            @Test func aConfigurationWithoutOptionsIsTheSwiftDefault() throws {
                let configured = try \(name).make(from: .object([:]), context: Self.context, describedAs: "regularizer \(kind)")
                #expect(configured.weight == \(name)().weight)
                #expect(configured.schedule == \(name)().schedule)
            }

            @Test func aNegativeWeightIsAnErrorNamingTheOption() {
                #expect {
                    _ = try \(name).make(from: .object(["weight": .number(-1)]), context: Self.context, describedAs: "regularizer \(kind)")
                } throws: { String(describing: $0).contains("regularizer \(kind).weight") }
            }

            static let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32),
                                                       batchSize: 64, datasetCount: 500)
        }

        """
    }

    var augmentation: String {
        """
        import GANCore

        /// \(name): replace this comment with the method — the paper, what it does to the images,
        /// and where each default in `\(name)Options.swift` comes from.
        ///
        /// As scaffolded it is DiffAugment's random brightness (Zhao et al., "Differentiable
        /// Augmentation for Data-Efficient GAN Training", NeurIPS 2020, `rand_brightness`):
        ///
        ///     x ↦ x + strength · (u − 0.5),   u ~ U[0, 1) drawn once per image
        ///
        /// `sampleParameters` takes every random draw from the source it is given, and `apply` is
        /// a deterministic function of the images and those draws, differentiable in the images.
        public final class \(name): Augmentation {
            /// The width of the shift's range.
            public let strength: Float

            /// - Parameter strength: the shift's range is ±strength/2 (a finite number ≥ 0).
            public init(strength: Float = Options().strength) {
                precondition(strength >= 0 && strength.isFinite, "\(name): strength must be a non-negative number, got \\(strength)")
                self.strength = strength
            }

            /// "\(kind)".
            public var name: String { Self.kind }

            /// One shift per image.
            public func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) -> [Float] {
                (0..<batch).map { _ in strength * (rng.uniform() - 0.5) }
            }

            public func apply(_ images: Tensor, _ parameters: [Float]) -> Tensor {
                images + Tensor(shape: [parameters.count, 1, 1, 1], values: parameters)
            }
        }

        """
    }

    var augmentationOptions: String {
        """
        import GANCore

        extension \(name): ConfigurableComponent {
            /// "\(kind)": `{"kind": "\(kind)", "strength": 1}`, `--augmentation \(kind):strength=0.5`.
            public static let kind = "\(kind)"

            /// \(name)'s settings; their defaults are written here once, and `\(name)()` takes them.
            public struct Options: ComponentOptions, Equatable {
                /// The width of the shift's range (1, DiffAugment's `rand_brightness`).
                public var strength: Float = 1

                /// The defaults.
                public init() {}
                enum CodingKeys: String, CodingKey, CaseIterable { case strength }
                /// "strength".
                public static var knownKeys: Set<String> { keys(CodingKeys.self) }
            }

            /// \(name) with `options`; the strength must be a finite number ≥ 0.
            public convenience init(options: Options, context: ComponentBuildContext) throws {
                self.init(strength: try ConfigurationCheck.nonNegative(options.strength, "augmentation \(kind).strength"))
            }
        }

        extension \(name): DescribableComponent {
            /// The strength it was built with: a run composed in Swift writes it to its config.json,
            /// from which `gankit sample` and `--resume` build it again.
            public var options: Options {
                var options = Options()
                options.strength = strength
                return options
            }
        }

        """
    }

    var augmentationTest: String {
        """
        import GANCore
        import GANTestSupport
        import \(target)
        import Testing

        /// \(name) meets the augmentation contract (GANTestSupport; it includes building the
        /// augmentation again from the options it describes), and a configuration builds the same
        /// augmentation as Swift's defaults.
        @Suite struct \(name)Tests {
            @Test func conformsToTheAugmentationContract() throws {
                try AugmentationConformance.check { \(name)() }
            }

            @Test func theTargetListsItsComponent() {
                #expect(\(target).components.contains { ObjectIdentifier($0) == ObjectIdentifier(\(name).self) })
            }

            @Test func shiftsComeFromTheUniformDraws() {
                var script = ScriptedRandomSource([.uniform(0), .uniform(0.75)])
                let shifts = \(name)(strength: 2).sampleParameters(batch: 2, size: ImageSize(channels: 1, resolution: 4), using: &script)
                #expect(shifts == [-1, 0.5])
                #expect(script.remaining == 0)
            }

            @Test func aConfigurationWithoutOptionsIsTheSwiftDefault() throws {
                let configured = try \(name).make(from: .object([:]), context: Self.context, describedAs: "augmentation \(kind)")
                #expect(configured.strength == \(name)().strength)
            }

            @Test func aNegativeStrengthIsAnErrorNamingTheOption() {
                #expect {
                    _ = try \(name).make(from: .object(["strength": .number(-1)]), context: Self.context, describedAs: "augmentation \(kind)")
                } throws: { String(describing: $0).contains("augmentation \(kind).strength") }
            }

            static let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32),
                                                       batchSize: 64, datasetCount: 500)
        }

        """
    }
}
