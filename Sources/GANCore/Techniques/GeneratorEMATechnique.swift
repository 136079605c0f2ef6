/// The generator EMA as a training technique: it gives each pipeline a `GeneratorEMA` of its
/// generator with `decay`, updated after every G step and used for samples. The averaging,
/// its warm-up and its sources are described on `GeneratorEMA`; `decay` has no default here
/// (a run configuration's `generatorEMA` is 0.999, `Sources/GANKit/RunConfiguration.swift`).
public struct GeneratorEMATechnique: TrainingTechnique {
    /// β, the weight of the old average per G step, in [0, 1).
    public let decay: Double

    public init(decay: Double) { self.decay = decay }

    public var name: String { "generator-ema" }

    /// Checks the decay.
    public func configure(_ configuration: inout PipelineConfiguration) throws {
        guard (0..<1).contains(decay) else {
            throw GANCoreError.invalidConfiguration("generator EMA decay must lie in [0, 1), got \(decay)")
        }
    }

    public func makeRun(generator: any Generator, discriminator: any Discriminator) throws -> (any TechniqueRun)? {
        GeneratorEMA(generator, decay: decay)
    }
}

extension PipelineBuilder {
    /// Keeps an EMA of G's weights with `decay` for sampling (`GeneratorEMATechnique`), replacing
    /// any added before; nil removes it.
    public func generatorEMA(decay: Double?) -> Self {
        let without = withoutTechniques { $0 is GeneratorEMATechnique }
        guard let decay else { return without }
        return without.technique(GeneratorEMATechnique(decay: decay))
    }
}
