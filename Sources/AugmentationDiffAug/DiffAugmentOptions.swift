import GANCore

extension DiffAugment: ConfigurableComponent {
    /// "diffaugment": `{"kind": "diffaugment", "policy": ["color", "translation", "cutout"]}`.
    public static let kind = "diffaugment"

    /// DiffAugment's settings and their defaults.
    public struct Options: ComponentOptions, Equatable {
        /// The operations in order, by name: "color", "translation", "cutout" (default all three,
        /// in that order — the authors' choice for 100–1000 images).
        public var policy = Operation.allCases.map(\.rawValue)

        /// The defaults.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case policy }
        /// "policy".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// DiffAugment with `options`; an unknown operation lists the known ones, and the policy must
    /// name at least one operation and each at most once.
    public convenience init(options: Options, context: ComponentBuildContext) throws {
        let known = Operation.allCases.map(\.rawValue)
        let operations = try options.policy.map { name in
            guard let operation = Operation(rawValue: name) else {
                throw ConfigurationError.unknownKind(context: "augmentation diffaugment.policy", kind: name, known: known)
            }
            return operation
        }
        guard !operations.isEmpty, Set(operations).count == operations.count else {
            throw ConfigurationError.invalidValue(context: "augmentation diffaugment.policy",
                                                  reason: "must name each operation at most once and at least one, got \(options.policy)")
        }
        self.init(policy: operations)
    }
}

extension DiffAugment: DescribableComponent {
    /// The policy of this DiffAugment, by name.
    public var options: Options {
        var options = Options()
        options.policy = policy.map(\.rawValue)
        return options
    }
}
