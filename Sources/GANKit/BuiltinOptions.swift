import GANCore

/// Options of `{"kind": "r1", …}`: `gamma` (default 0.01 up to 64 px, 1 up to 256 px, else
/// 10 — docs/methods.md), `interval` (default 1; StyleGAN2's lazy value is 16).
struct R1Options: Decodable, KnownKeys {
    var gamma: Float?
    var interval: Int?
    static let knownKeys: Set<String> = ["gamma", "interval"]

    func make(_ context: ComponentBuildContext) throws -> any Regularizer {
        let size = max(context.imageSize.height, context.imageSize.width)
        let gamma = self.gamma ?? (size <= 64 ? 0.01 : size <= 256 ? 1 : 10)
        guard gamma >= 0, gamma.isFinite else { throw ConfigurationError.invalidValue(context: "regularizer r1.gamma", reason: "must be ≥ 0, got \(gamma)") }
        let interval = try positive(self.interval ?? 1, "regularizer r1.interval")
        return R1(gamma: gamma, interval: interval)
    }
}

/// Options of `{"kind": "ms3d", …}`: `weight` (λ; default `MS3D.defaultWeight`, chosen by
/// measurement; the paper's 100 is `weight=100`), `transform` ("kadanoff" | "gaussian"), `sigma` (Gaussian σ, default 1),
/// `layout` ("flattenedSquare" | "spatial"), `field` ("real" | "fake" | "both"), `scales`,
/// `interval`.
struct MS3DOptions: Decodable, KnownKeys {
    var weight: Float?
    var transform: String?
    var sigma: Double?
    var layout: MS3D.Layout?
    var field: MS3D.Field?
    var scales: Int?
    var interval: Int?
    static let knownKeys: Set<String> = ["weight", "transform", "sigma", "layout", "field", "scales", "interval"]

    func make(_ context: ComponentBuildContext) throws -> any Regularizer {
        let transform: any RGTransform
        switch self.transform ?? "kadanoff" {
        case "kadanoff": transform = KadanoffBlockSpin()
        case "gaussian":
            let sigma = self.sigma ?? 1
            guard sigma > 0 else { throw ConfigurationError.invalidValue(context: "regularizer ms3d.sigma", reason: "must be positive, got \(sigma)") }
            transform = GaussianRG(sigma: sigma)
        case let other:
            throw ConfigurationError.unknownKind(context: "regularizer ms3d.transform", kind: other, known: ["gaussian", "kadanoff"])
        }
        let weight = self.weight ?? MS3D.defaultWeight
        guard weight >= 0, weight.isFinite else { throw ConfigurationError.invalidValue(context: "regularizer ms3d.weight", reason: "must be ≥ 0, got \(weight)") }
        if let scales { _ = try positive(scales, "regularizer ms3d.scales") }
        return MS3D(weight: weight, transform: transform, layout: layout ?? .flattenedSquare, field: field ?? .real,
                    scales: scales, interval: try positive(interval ?? 1, "regularizer ms3d.interval"))
    }
}

/// Options of `{"kind": "diggan", …}`: `weight` (λ, default 500 as in the authors' code; the
/// paper uses 1000/f without augmentation and 10/f² with DiffAugment at data fraction f —
/// `DigGAN.paperWeight`), `alpha` (the EMA's α in (0, 1], default 0.5).
struct DigGANOptions: Decodable, KnownKeys {
    var weight: Float?
    var alpha: Float?
    static let knownKeys: Set<String> = ["weight", "alpha"]

    func make() throws -> any Regularizer {
        let weight = self.weight ?? 500
        guard weight >= 0, weight.isFinite else { throw ConfigurationError.invalidValue(context: "regularizer diggan.weight", reason: "must be ≥ 0, got \(weight)") }
        let alpha = self.alpha ?? 0.5
        guard alpha > 0, alpha <= 1 else { throw ConfigurationError.invalidValue(context: "regularizer diggan.alpha", reason: "must lie in (0, 1], got \(alpha)") }
        return DigGAN(weight: weight, alpha: alpha)
    }
}

/// Options of `{"kind": "diffaugment", …}`: `policy`, a list of "color", "translation",
/// "cutout" (default all three, in that order — the authors' choice for 100–1000 images).
struct DiffAugmentOptions: Decodable, KnownKeys {
    var policy: [String]?
    static let knownKeys: Set<String> = ["policy"]

    func make() throws -> any Augmentation {
        let names = policy ?? DiffAugment.Operation.allCases.map(\.rawValue)
        let known = DiffAugment.Operation.allCases.map(\.rawValue)
        let operations = try names.map { name in
            guard let operation = DiffAugment.Operation(rawValue: name) else {
                throw ConfigurationError.unknownKind(context: "augmentation diffaugment.policy", kind: name, known: known)
            }
            return operation
        }
        guard !operations.isEmpty, Set(operations).count == operations.count else {
            throw ConfigurationError.invalidValue(context: "augmentation diffaugment.policy",
                                                  reason: "must name each operation at most once and at least one, got \(names)")
        }
        return DiffAugment(policy: operations)
    }
}

/// Options of `{"kind": "ada", …}`: `target` (0.6), `interval` (D steps between adjustments,
/// 4), `speedKimg` (500), `initialP` (0), `fixedP` (a constant p; turns the controller off),
/// `clampAtOne` (true; the authors do not clamp) — StyleGAN2-ADA's defaults.
struct ADAOptions: Decodable, KnownKeys {
    var target: Double?
    var interval: Int?
    var speedKimg: Double?
    var initialP: Double?
    var fixedP: Double?
    var clampAtOne: Bool?
    static let knownKeys: Set<String> = ["target", "interval", "speedKimg", "initialP", "fixedP", "clampAtOne"]

    func make() throws -> any Augmentation {
        let target = self.target ?? 0.6
        guard (-1...1).contains(target) else {
            throw ConfigurationError.invalidValue(context: "augmentation ada.target", reason: "must lie in [-1, 1], got \(target)")
        }
        let speed = speedKimg ?? 500
        guard speed > 0, speed.isFinite else {
            throw ConfigurationError.invalidValue(context: "augmentation ada.speedKimg", reason: "must be positive, got \(speed)")
        }
        for (name, value) in [("initialP", initialP), ("fixedP", fixedP)] {
            if let value, !(value >= 0 && value.isFinite) {
                throw ConfigurationError.invalidValue(context: "augmentation ada.\(name)", reason: "must be ≥ 0, got \(value)")
            }
        }
        return ADA(target: target, interval: try positive(interval ?? 4, "augmentation ada.interval"), speedKimg: speed,
                   initialP: initialP ?? 0, fixedP: fixedP, clampAtOne: clampAtOne ?? true)
    }
}

/// Options of `{"kind": "freeze-d", "blocks": N}`: the number of discriminator blocks, from the
/// input, that do not train (required).
struct FreezeDOptions: Decodable, KnownKeys {
    var blocks: Int
    static let knownKeys: Set<String> = ["blocks"]

    func make() throws -> any TrainingTechnique {
        FreezeD(blocks: try positive(blocks, "technique freeze-d.blocks"))
    }
}

/// Checks that a configured count is ≥ 1, naming it otherwise.
func positive(_ value: Int, _ name: String) throws -> Int {
    guard value >= 1 else { throw ConfigurationError.invalidValue(context: name, reason: "must be ≥ 1, got \(value)") }
    return value
}

/// Options of `{"kind": "lecam", …}`: `weight` (λ, default 0.3), `decay` (γ, default 0.99),
/// `startStep` (D steps before the EMAs decay, default 1000), `twoSided` (default false).
struct LeCamOptions: Decodable, KnownKeys {
    var weight: Float?
    var decay: Double?
    var startStep: Int?
    var twoSided: Bool?
    static let knownKeys: Set<String> = ["weight", "decay", "startStep", "twoSided"]

    func make() throws -> any Regularizer {
        let weight = try nonNegative(self.weight ?? 0.3, "regularizer lecam.weight")
        let decay = self.decay ?? 0.99
        guard decay >= 0, decay < 1 else { throw ConfigurationError.invalidValue(context: "regularizer lecam.decay", reason: "must lie in [0, 1), got \(decay)") }
        let startStep = self.startStep ?? 1000
        guard startStep >= 0 else { throw ConfigurationError.invalidValue(context: "regularizer lecam.startStep", reason: "must be ≥ 0, got \(startStep)") }
        return LeCam(weight: weight, decay: decay, startStep: startStep, twoSided: twoSided ?? false)
    }
}

/// The transform options shared by "cr" and "bcr": `flipProbability` (default 0.5) and
/// `maxShift` (pixels; default H/8).
func consistencyTransform(flipProbability: Float?, maxShift: Int?, kind: String) throws -> ConsistencyTransform {
    let p = flipProbability ?? 0.5
    guard p >= 0, p <= 1 else { throw ConfigurationError.invalidValue(context: "regularizer \(kind).flipProbability", reason: "must lie in [0, 1], got \(p)") }
    if let maxShift, maxShift < 0 {
        throw ConfigurationError.invalidValue(context: "regularizer \(kind).maxShift", reason: "must be ≥ 0, got \(maxShift)")
    }
    return ConsistencyTransform(flipProbability: p, maximumShift: maxShift)
}

/// Options of `{"kind": "cr", …}`: `weight` (λ, default 10), `flipProbability`, `maxShift`.
struct CROptions: Decodable, KnownKeys {
    var weight: Float?
    var flipProbability: Float?
    var maxShift: Int?
    static let knownKeys: Set<String> = ["weight", "flipProbability", "maxShift"]

    func make() throws -> any Regularizer {
        ConsistencyRegularization(weight: try nonNegative(weight ?? 10, "regularizer cr.weight"),
                                  transform: try consistencyTransform(flipProbability: flipProbability, maxShift: maxShift, kind: "cr"))
    }
}

/// Options of `{"kind": "bcr", …}`: `realWeight` and `fakeWeight` (λ_real, λ_fake, default
/// 10 each), `flipProbability`, `maxShift`.
struct BCROptions: Decodable, KnownKeys {
    var realWeight: Float?
    var fakeWeight: Float?
    var flipProbability: Float?
    var maxShift: Int?
    static let knownKeys: Set<String> = ["realWeight", "fakeWeight", "flipProbability", "maxShift"]

    func make() throws -> any Regularizer {
        BalancedConsistencyRegularization(
            realWeight: try nonNegative(realWeight ?? 10, "regularizer bcr.realWeight"),
            fakeWeight: try nonNegative(fakeWeight ?? 10, "regularizer bcr.fakeWeight"),
            transform: try consistencyTransform(flipProbability: flipProbability, maxShift: maxShift, kind: "bcr"))
    }
}

/// Options of `{"kind": "zcr", …}` (the D term) and `{"kind": "zcr-generator", …}` (the G
/// term): `weight` (λ_dis, default 5; λ_gen, default 0.5) and `sigma` (σ of Δz, default 0.03).
/// The paper's zCR lists both kinds.
struct ZCROptions: Decodable, KnownKeys {
    var weight: Float?
    var sigma: Float?
    static let knownKeys: Set<String> = ["weight", "sigma"]

    func make(_ term: LatentConsistencyRegularization.Term) throws -> any Regularizer {
        let kind = term == .discriminator ? "zcr" : "zcr-generator"
        let weight = try nonNegative(weight ?? LatentConsistencyRegularization.defaultWeight(term), "regularizer \(kind).weight")
        let sigma = self.sigma ?? 0.03
        guard sigma > 0, sigma.isFinite else { throw ConfigurationError.invalidValue(context: "regularizer \(kind).sigma", reason: "must be positive, got \(sigma)") }
        return LatentConsistencyRegularization(term: term, weight: weight, sigma: sigma)
    }
}

/// Checks that a configured weight is a finite number ≥ 0, naming it otherwise.
func nonNegative(_ value: Float, _ name: String) throws -> Float {
    guard value >= 0, value.isFinite else { throw ConfigurationError.invalidValue(context: name, reason: "must be ≥ 0, got \(value)") }
    return value
}
