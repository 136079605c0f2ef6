import Foundation
import GANCore
import GANIO

/// A training run as `gankit train` reads it from JSON. Every key is optional and has a
/// default (see `docs/configuration.md`); unknown keys are errors naming the key and where
/// it sits. `--dry-run` prints this structure with every default filled in.
public struct RunConfiguration: Codable, Equatable, KnownKeys {
    /// Where the training images come from.
    public var data = DataSpec()
    /// Which generator/discriminator pair to build.
    public var model = ModelSpec()
    /// The adversarial loss, by name (`ComponentRegistry.lossKinds`).
    public var loss = "non-saturating"
    /// Generator steps to train for.
    public var iterations = 2000
    public var batchSize = 64
    public var discriminatorSteps = 1
    public var seed: UInt64 = 0
    public var generatorOptimizer = OptimizerSpec()
    public var discriminatorOptimizer = OptimizerSpec()
    /// Decay of the generator EMA per G step; null for none.
    public var generatorEMA: Double? = 0.999
    /// The generator EMA's ramp-up coefficient as stylegan2-ada-pytorch's `ema_rampup` (0.05 in
    /// its `auto` configuration; `GeneratorEMA`); null for the TensorFlow-style warm-up.
    public var generatorEMARampUp: Double?
    /// The augmentation applied to every D input: `{"kind": …, options…}`, or null.
    public var augmentation: ComponentSpec?
    /// Regularizers: `[{"kind": "r1", "gamma": 0.01}, …]`.
    public var regularizers: [ComponentSpec] = []
    /// Techniques: `[{"kind": "freeze-d", "blocks": 2}]`.
    public var techniques: [ComponentSpec] = []
    /// Fine-tuning: a run directory (its latest checkpoint) or a checkpoint directory whose G
    /// and D weights (and G's EMA) start this run; its optimiser state and counters are not
    /// taken. The architecture must be the same. Null to start from scratch.
    public var initFrom: String?
    /// Where and how often results are written.
    public var output = OutputSpec()
    /// The MS3D paper's training diagnostics, or null for none (`docs/diagnostics.md`).
    public var diagnostics: DiagnosticsSpec?
    /// Evaluation during training (FID, KID, precision/recall, density/coverage against the
    /// training images), or null for none.
    public var evaluation: EvaluationSpec?
    /// What a NaN or infinite value in a training step does: "stop" training with an error
    /// naming it (the last checkpoint stays the last good state), or "skip" the step
    /// (`NonFinitePolicy`, docs/reliability.md).
    public var nonFinite = NonFinitePolicy.stop.rawValue
    /// Whether a due lazy regularizer (R1, path length with an interval > 1) joins its phase's
    /// main step ("folded") or takes a step of its own after it as stylegan2-ada-pytorch's
    /// regularisation phases ("separate"; `RegularizationSteps`, docs/methods.md "Phases").
    public var regularizationSteps = RegularizationSteps.folded.rawValue

    /// `nonFinite` as a policy; an unknown name is an error listing the known ones.
    public func nonFinitePolicy() throws -> NonFinitePolicy {
        guard let policy = NonFinitePolicy(rawValue: nonFinite) else {
            throw ConfigurationError.unknownKind(context: "nonFinite", kind: nonFinite, known: NonFinitePolicy.allCases.map(\.rawValue))
        }
        return policy
    }

    /// `regularizationSteps` as its enum; an unknown name is an error listing the known ones.
    public func regularizationStepsMode() throws -> RegularizationSteps {
        guard let steps = RegularizationSteps(rawValue: regularizationSteps) else {
            throw ConfigurationError.unknownKind(context: "regularizationSteps", kind: regularizationSteps,
                                                 known: RegularizationSteps.allCases.map(\.rawValue))
        }
        return steps
    }

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case data, model, loss, iterations, batchSize, discriminatorSteps, seed, generatorOptimizer, discriminatorOptimizer,
             generatorEMA, generatorEMARampUp, augmentation, regularizers, techniques, initFrom, output, diagnostics, evaluation
        case nonFinite, regularizationSteps
    }
    public static var knownKeys: Set<String> { keys(CodingKeys.self) }

    /// Writes every key, the optional ones as `null` when off: a key left out would take its
    /// default when read back (`generatorEMA` 0.999), so a saved `config.json` must say null.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(data, forKey: .data)
        try c.encode(model, forKey: .model)
        try c.encode(loss, forKey: .loss)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(discriminatorSteps, forKey: .discriminatorSteps)
        try c.encode(seed, forKey: .seed)
        try c.encode(generatorOptimizer, forKey: .generatorOptimizer)
        try c.encode(discriminatorOptimizer, forKey: .discriminatorOptimizer)
        try c.encode(generatorEMA, forKey: .generatorEMA)
        try c.encode(generatorEMARampUp, forKey: .generatorEMARampUp)
        try c.encode(augmentation, forKey: .augmentation)
        try c.encode(regularizers, forKey: .regularizers)
        try c.encode(techniques, forKey: .techniques)
        try c.encode(initFrom, forKey: .initFrom)
        try c.encode(output, forKey: .output)
        try c.encode(diagnostics, forKey: .diagnostics)
        try c.encode(evaluation, forKey: .evaluation)
        try c.encode(nonFinite, forKey: .nonFinite)
        try c.encode(regularizationSteps, forKey: .regularizationSteps)
    }

    /// Reads a configuration, rejecting unknown keys at every level; errors name the file. The
    /// `model` and `data` sections may hold the keys of the family and source they name as
    /// `registry` has them.
    public static func load(from file: URL, registry: ComponentRegistry = .shared) throws -> RunConfiguration {
        let bytes: Data
        do { bytes = try FileContents.read(file.path) } catch {
            throw ConfigurationError.invalidValue(context: file.path, reason: "cannot read the file: \(error)")
        }
        return try parse(bytes, source: file.path, registry: registry)
    }

    /// Parses JSON text; `source` names it in errors, which give the line and column of a syntax
    /// error and the key path of a value of the wrong type or range. The keys of the `model` and
    /// `data` sections are checked against the family and source they name as `registry` has them
    /// (a family or source it lacks fails when the run is built, listing the registered ones).
    public static func parse(_ bytes: Data, source: String, registry: ComponentRegistry = .shared) throws -> RunConfiguration {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch {
            throw ConfigurationError.invalidValue(context: source, reason: "not valid JSON at \(error)")
        }
        try checkKeys(json, source: source, registry: registry)
        // Missing keys take their defaults: the user's JSON is laid over the defaults' JSON.
        return try defaultsJSON().overlaid(with: json).decode(RunConfiguration.self, context: source)
    }

    /// The default configuration as JSON, every key present: what a configuration's missing keys
    /// are filled from.
    public static func defaultsJSON() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(RunConfiguration()))
    }

    /// Checks every nested object's keys (component options are checked by their factories; the
    /// `model` and `data` sections take the keys of the registered family and source they name).
    static func checkKeys(_ json: JSONValue, source: String, registry: ComponentRegistry) throws {
        try ConfigurationDecoding.checkKeys(json, allowed: knownKeys, context: source)
        let object = json.objectValue ?? [:]
        let dataSource = object["data"]?.objectValue?["source"]?.stringValue ?? DataSpec().source
        let family = object["model"]?.objectValue?["family"]?.stringValue ?? ModelSpec().family
        for (key, allowed) in [("data", SectionOptions.allowedKeys(DataSpec.knownKeys, component: registry.dataSource(dataSource))),
                               ("model", SectionOptions.allowedKeys(ModelSpec.knownKeys, component: registry.modelFamily(family)))] {
            if let value = object[key], let allowed { try ConfigurationDecoding.checkKeys(value, allowed: allowed, context: "\(source): \(key)") }
        }
        let nested: [(String, Set<String>)] = [
            ("output", OutputSpec.knownKeys),
            ("generatorOptimizer", try OptimizerSpec.knownKeys(object["generatorOptimizer"], context: "\(source): generatorOptimizer")),
            ("discriminatorOptimizer", try OptimizerSpec.knownKeys(object["discriminatorOptimizer"], context: "\(source): discriminatorOptimizer")),
        ]
        for (key, allowed) in nested {
            if let value = object[key] { try ConfigurationDecoding.checkKeys(value, allowed: allowed, context: "\(source): \(key)") }
        }
        // Optional sections: null turns them off.
        for (key, allowed) in [("diagnostics", DiagnosticsSpec.knownKeys), ("evaluation", EvaluationSpec.knownKeys)] {
            if let value = object[key], value != .null {
                try ConfigurationDecoding.checkKeys(value, allowed: allowed, context: "\(source): \(key)")
            }
        }
    }
}

/// The training images, by the registered data source that provides them (`ImageDataSource`):
/// built in, a folder of PNGs ("folder"), Fashion-MNIST from the Debian package
/// ("fashion-mnist") or the EmojiOne PNGs from the Debian package `ruby-gemojione` ("emoji").
/// Besides the standard keys below, the section holds the source's own options, if it has any.
public struct DataSpec: Codable, Equatable, KnownKeys {
    /// The data source's kind: "folder", "fashion-mnist", "emoji" or one registered by the program.
    public var source = "emoji"
    /// The folder for "folder" (and an override of the package path for the others).
    public var path: String?
    public var resolution = 32
    /// 3 for RGB, 1 for gray.
    public var channels = 3
    /// Use at most this many images, chosen as `subset` says.
    public var limit: Int? = 1000
    /// Which images `limit` keeps: "first" (the source's first ones, in file-name order) or
    /// "random" (a fixed random sample of the whole source, `DataSubset`).
    public var subset = DataSubset.first.rawValue
    /// The seed of a "random" subset's draw (0, as stylegan2-ada-pytorch's `--subset`); it does
    /// not depend on the run's `seed`, so runs at different seeds see the same images.
    public var subsetSeed: UInt64 = 0
    /// The class labels to keep, for a source with labelled images (Fashion-MNIST's 0–9).
    public var classes: [Int]?
    /// The source's own options (its keys besides the standard ones), decoded strictly by the
    /// source when the run is built; empty for the built-in sources.
    public var options: [String: JSONValue] = [:]

    public init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case source, path, resolution, channels, limit, subset, subsetSeed, classes }
    /// The standard keys, which every source reads.
    public static var knownKeys: Set<String> { keys(CodingKeys.self) }

    /// What the standard keys ask of the source: with a "random" subset every image (the
    /// subset is drawn from them when the run loads its data), else at most `limit`.
    public var request: DataRequest {
        DataRequest(path: path, resolution: resolution, channels: channels, limit: subset == DataSubset.random.rawValue ? nil : limit,
                    classes: classes)
    }

    /// Reads the standard keys and keeps the others as the source's options.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SectionKey.self)
        source = try c.decode(String.self, forKey: SectionKey("source"))
        path = try c.decodeIfPresent(String.self, forKey: SectionKey("path"))
        resolution = try c.decode(Int.self, forKey: SectionKey("resolution"))
        channels = try c.decode(Int.self, forKey: SectionKey("channels"))
        limit = try c.decodeIfPresent(Int.self, forKey: SectionKey("limit"))
        subset = try c.decodeIfPresent(String.self, forKey: SectionKey("subset")) ?? subset
        subsetSeed = try c.decodeIfPresent(UInt64.self, forKey: SectionKey("subsetSeed")) ?? subsetSeed
        classes = try c.decodeIfPresent([Int].self, forKey: SectionKey("classes"))
        options = try SectionOptions.decode(c, besides: Self.knownKeys)
    }

    /// Writes every key, the optional ones as `null` when unset (`"limit": null` means all the
    /// images; left out, it would read back as the default 1000), except `subset` and
    /// `subsetSeed` while `subset` is "first" (so a configuration reads and writes as it did
    /// before they existed), then the source's options.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SectionKey.self)
        try c.encode(source, forKey: SectionKey("source"))
        try c.encode(path, forKey: SectionKey("path"))
        try c.encode(resolution, forKey: SectionKey("resolution"))
        try c.encode(channels, forKey: SectionKey("channels"))
        try c.encode(limit, forKey: SectionKey("limit"))
        if subset != DataSubset.first.rawValue {
            try c.encode(subset, forKey: SectionKey("subset"))
            try c.encode(subsetSeed, forKey: SectionKey("subsetSeed"))
        }
        try c.encode(classes, forKey: SectionKey("classes"))
        try SectionOptions.encode(options, into: &c)
    }
}

/// The model pair, by the registered family that builds it (`ModelFamily`): built in, "dcgan"
/// (`DCGANFamily`) and "sngan-resnet" (`SNGANResNetFamily`). Besides the standard keys below,
/// the section holds the family's own options, if it has any.
public struct ModelSpec: Codable, Equatable, KnownKeys {
    /// The family's kind: "dcgan", "sngan-resnet" or one registered by the program.
    public var family = "dcgan"
    /// The length of the latent vectors.
    public var latentDimension = 128
    /// Base channel width (DCGAN's ngf/ndf; SNGAN's generator has 4 × and its discriminator 2 × it).
    public var width = 64
    /// For the dcgan family: "pytorchDefault" (PyTorch's default initialisation) or "dcgan"
    /// (N(0, 0.02), Radford et al.).
    public var initialization = "dcgan"
    /// The family's own options (its keys besides the standard ones), decoded strictly by the
    /// family when the run is built; empty for the built-in families.
    public var options: [String: JSONValue] = [:]

    public init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case family, latentDimension, width, initialization }
    /// The standard keys, which every family reads.
    public static var knownKeys: Set<String> { keys(CodingKeys.self) }

    /// What the standard keys ask of the family, for images of `imageSize`.
    public func request(imageSize: ImageSize) -> ModelRequest {
        ModelRequest(imageSize: imageSize, latentDimension: latentDimension, width: width, initialization: initialization)
    }

    /// Reads the standard keys and keeps the others as the family's options.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SectionKey.self)
        family = try c.decode(String.self, forKey: SectionKey("family"))
        latentDimension = try c.decode(Int.self, forKey: SectionKey("latentDimension"))
        width = try c.decode(Int.self, forKey: SectionKey("width"))
        initialization = try c.decode(String.self, forKey: SectionKey("initialization"))
        options = try SectionOptions.decode(c, besides: Self.knownKeys)
    }

    /// Writes the standard keys, then the family's options.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SectionKey.self)
        try c.encode(family, forKey: SectionKey("family"))
        try c.encode(latentDimension, forKey: SectionKey("latentDimension"))
        try c.encode(width, forKey: SectionKey("width"))
        try c.encode(initialization, forKey: SectionKey("initialization"))
        try SectionOptions.encode(options, into: &c)
    }
}

/// One network's optimiser: `{"learningRate": 2e-4, "betas": [0.5, 0.999], "epsilon": 1e-8}` is
/// Adam (the default kind, which is not written out, so configurations from before the kind
/// existed read and print as they did); `{"kind": "sgd", "learningRate": 0.01, "momentum": 0.9}`
/// is SGD (`OptimizerSettings.Kind` lists the kinds).
public struct OptimizerSpec: Codable, Equatable, KnownKeys {
    /// "adam" or "sgd"; nil is Adam.
    public var kind: String?
    public var learningRate = 2e-4
    /// Adam's β₁ and β₂ (DCGAN's, Radford et al. 2016).
    public var betas = [0.5, 0.999]
    /// Adam's ε (PyTorch's default).
    public var epsilon = 1e-8
    /// SGD's momentum μ; nil is 0, PyTorch's default.
    public var momentum: Double?

    public init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case kind, learningRate, betas, epsilon, momentum }
    /// Every key of any kind.
    public static var knownKeys: Set<String> { keys(CodingKeys.self) }

    /// The keys an optimiser object of its kind may have (Adam: kind, learningRate, betas,
    /// epsilon; SGD: kind, learningRate, momentum); an unknown kind is an error listing the known
    /// ones, naming `context`.
    static func knownKeys(_ json: JSONValue?, context: String) throws -> Set<String> {
        let kind = try Self.kind(json?.objectValue?["kind"]?.stringValue, context: context)
        switch kind {
        case .adam: return ["kind", "learningRate", "betas", "epsilon"]
        case .sgd: return ["kind", "learningRate", "momentum"]
        }
    }

    /// The kind named `name` (nil: Adam); an unknown name is an error listing the known ones.
    static func kind(_ name: String?, context: String) throws -> OptimizerSettings.Kind {
        guard let name else { return .adam }
        guard let kind = OptimizerSettings.Kind(rawValue: name) else {
            throw ConfigurationError.unknownKind(context: "\(context).kind", kind: name, known: OptimizerSettings.Kind.allCases.map(\.rawValue))
        }
        return kind
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.kind = kind == OptimizerSettings.Kind.adam.rawValue ? nil : kind
        let defaults = OptimizerSpec()
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? defaults.learningRate
        betas = try c.decodeIfPresent([Double].self, forKey: .betas) ?? defaults.betas
        epsilon = try c.decodeIfPresent(Double.self, forKey: .epsilon) ?? defaults.epsilon
        momentum = try c.decodeIfPresent(Double.self, forKey: .momentum) ?? (self.kind == nil ? nil : 0)
    }

    /// Adam's keys as they always were (learningRate, betas, epsilon, no kind); SGD's kind,
    /// learningRate and momentum.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let kind, kind != OptimizerSettings.Kind.adam.rawValue {
            try c.encode(kind, forKey: .kind)
            try c.encode(learningRate, forKey: .learningRate)
            try c.encode(momentum ?? 0, forKey: .momentum)
        } else {
            try c.encode(learningRate, forKey: .learningRate)
            try c.encode(betas, forKey: .betas)
            try c.encode(epsilon, forKey: .epsilon)
        }
    }

    /// As `OptimizerSettings`, checking the kind and that Adam has two betas.
    public func settings(_ context: String) throws -> OptimizerSettings {
        switch try Self.kind(kind, context: context) {
        case .adam:
            guard betas.count == 2 else {
                throw ConfigurationError.invalidValue(context: "\(context).betas", reason: "needs two numbers, got \(betas.count)")
            }
            return .adam(learningRate: learningRate, betas: (betas[0], betas[1]), epsilon: epsilon)
        case .sgd:
            return .sgd(learningRate: learningRate, momentum: momentum ?? 0)
        }
    }
}

/// Where results go and how often.
public struct OutputSpec: Codable, Equatable, KnownKeys {
    public var directory = "runs/latest"
    /// Iterations between progress lines.
    public var progressEvery = 10
    /// Iterations between sample grids (and chart updates).
    public var sampleEvery = 250
    /// Iterations between checkpoints.
    public var checkpointEvery = 500
    /// Images per sample grid.
    public var sampleCount = 64

    public init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case directory, progressEvery, sampleEvery, checkpointEvery, sampleCount }
    public static var knownKeys: Set<String> { keys(CodingKeys.self) }
}

/// Evaluation during training (`docs/evaluation.md`): every `every` iterations and at the last
/// one, `num` images from the generator's EMA weights are scored against the training images
/// with the FID Inception network; the scores go to `stats.jsonl` and `metrics.svg`, and the
/// checkpoint of the best FID is kept in `checkpoints/fid-best`.
public struct EvaluationSpec: Codable, Equatable, KnownKeys {
    /// Iterations between evaluations.
    public var every = 1000
    /// Generated images per evaluation. 2000 keeps an evaluation near two minutes on two cores;
    /// FID is biased upward at small counts, so compare runs at the same `num` only.
    public var num = 2000
    /// KID's subsets and their size (torch-fidelity's and ADA's 100 × 1000; the size is capped
    /// at the smaller set).
    public var kidSubsets = 100
    public var kidSubsetSize = 1000

    public init() {}
    enum CodingKeys: String, CodingKey, CaseIterable { case every, num, kidSubsets, kidSubsetSize }
    public static var knownKeys: Set<String> { keys(CodingKeys.self) }

    /// A section that names only some keys (`{"every": 500}`) takes the defaults for the rest:
    /// the section is optional, so the defaults' JSON cannot carry it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = EvaluationSpec()
        every = try c.decodeIfPresent(Int.self, forKey: .every) ?? d.every
        num = try c.decodeIfPresent(Int.self, forKey: .num) ?? d.num
        kidSubsets = try c.decodeIfPresent(Int.self, forKey: .kidSubsets) ?? d.kidSubsets
        kidSubsetSize = try c.decodeIfPresent(Int.self, forKey: .kidSubsetSize) ?? d.kidSubsetSize
    }

    /// Checks every count and interval; errors name the key and the value.
    public func validate() throws {
        for (key, value, least) in [("every", every, 1), ("num", num, 2), ("kidSubsets", kidSubsets, 1), ("kidSubsetSize", kidSubsetSize, 2)]
        where value < least {
            throw ConfigurationError.invalidValue(context: "evaluation.\(key)", reason: "must be ≥ \(least), got \(value)")
        }
    }
}

/// A plug-in component in a configuration: its registered kind and its own options.
public struct ComponentSpec: Codable, Equatable {
    public var kind: String
    /// The options object without "kind"; the component's factory decodes it strictly.
    public var options: JSONValue

    public init(kind: String, options: [String: JSONValue] = [:]) {
        self.kind = kind
        self.options = .object(options)
    }

    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        guard var object = json.objectValue, let kind = object["kind"]?.stringValue else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a component needs a \"kind\" string, got \(json)"))
        }
        object["kind"] = nil
        self.kind = kind
        self.options = .object(object)
    }

    public func encode(to encoder: any Encoder) throws {
        var object = options.objectValue ?? [:]
        object["kind"] = .string(kind)
        try JSONValue.object(object).encode(to: encoder)
    }
}

extension OptimizerSpec {
    /// The optimiser a command-line flag names (`sgd:learningRate=0.01,momentum=0.9`): `kind`
    /// with `options` laid over the defaults. A flag's value cannot be a list, so Adam's betas are
    /// set one at a time, `adam:beta1=0,beta2=0.99` (either left out keeps its default), each a
    /// number in [0, 1). An unknown kind is an error listing the known optimisers, and a key the
    /// kind does not have one listing its keys; both name `context`.
    public static func fromFlag(kind: String, options: [String: JSONValue], context: String) throws -> OptimizerSpec {
        var object = options
        object["kind"] = .string(kind)
        var allowed = try knownKeys(.object(object), context: context)
        if allowed.contains("betas") { allowed.formUnion(flagBetaKeys) }
        try ConfigurationDecoding.checkKeys(.object(object), allowed: allowed, context: context)
        var betas: [(index: Int, value: Double)] = []
        for (index, key) in flagBetaKeys.enumerated() {
            guard let value = object.removeValue(forKey: key) else { continue }
            guard object["betas"] == nil else {
                throw ConfigurationError.invalidValue(context: "\(context).\(key)", reason: "give betas or beta1/beta2, not both")
            }
            guard case .number(let beta) = value else {
                throw ConfigurationError.invalidValue(context: "\(context).\(key)", reason: "must be a number in [0, 1), got \(value)")
            }
            guard (0..<1).contains(beta) else {
                throw ConfigurationError.invalidValue(context: "\(context).\(key)", reason: "must lie in [0, 1), got \(beta)")
            }
            betas.append((index, beta))
        }
        let defaults = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(OptimizerSpec()))
        var spec = try defaults.overlaid(with: .object(object)).decode(OptimizerSpec.self, context: context)
        for beta in betas { spec.betas[beta.index] = beta.value }
        return spec
    }

    /// The flag keys that set `betas[0]` and `betas[1]`.
    static let flagBetaKeys = ["beta1", "beta2"]
}
