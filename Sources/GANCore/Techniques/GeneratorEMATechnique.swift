/// The generator EMA as a training technique: it gives each pipeline a `GeneratorEMA` of its
/// generator with `decay`, updated after every G step and used for samples. The averaging,
/// its warm-up and its sources are described on `GeneratorEMA`; `decay` has no default here
/// (a run configuration's `generatorEMA` is 0.999, `Sources/GANKit/RunConfiguration.swift`).
public struct GeneratorEMATechnique: TrainingTechnique {
    /// β, the weight of the old average per G step, in [0, 1).
    public let decay: Double
    /// The official ramp-up coefficient (`GeneratorEMA`), or nil for the TensorFlow warm-up.
    public let rampUp: Double?

    public init(decay: Double, rampUp: Double? = nil) {
        self.decay = decay
        self.rampUp = rampUp
    }

    public var name: String { "generator-ema" }

    /// Checks the decay.
    public func configure(_ configuration: inout PipelineConfiguration) throws {
        guard (0..<1).contains(decay) else {
            throw GANCoreError.invalidConfiguration("generator EMA decay must lie in [0, 1), got \(decay)")
        }
        if let rampUp, !(rampUp > 0 && rampUp.isFinite) {
            throw GANCoreError.invalidConfiguration("generator EMA ramp-up must be a positive number, got \(rampUp)")
        }
    }

    public func makeRun(generator: any Generator, discriminator: any Discriminator) throws -> (any TechniqueRun)? {
        GeneratorEMA(generator, decay: decay, rampUp: rampUp)
    }
}

extension PipelineBuilder {
    /// Keeps an EMA of G's weights with `decay` (and the official ramp-up coefficient `rampUp`,
    /// nil for the TensorFlow warm-up) for sampling (`GeneratorEMATechnique`), replacing any added
    /// before; a nil decay removes it.
    public func generatorEMA(decay: Double?, rampUp: Double? = nil) -> Self {
        let without = withoutTechniques { $0 is GeneratorEMATechnique }
        guard let decay else { return without }
        return without.technique(GeneratorEMATechnique(decay: decay, rampUp: rampUp))
    }
}
