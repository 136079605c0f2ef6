import Foundation
import GANCore

/// The checks a run configuration passes before anything is loaded, built or allocated, so that a
/// bad value is an error naming its key and the value rather than a crash later on (a zero
/// interval divides by zero in an observer; a huge width asks the allocator for terabytes).
/// `TrainingRun.init` and `gankit train --dry-run` run them.
extension RunConfiguration {
    /// Throws `ConfigurationError.invalidValue` naming the first key whose value cannot work:
    /// every interval and count must be ≥ 1, every rate and decay must lie in its range, and the
    /// memory the model and batch need at the least must fit in `memoryBytes` (by default this
    /// machine's physical memory). `data.classes` must name labels of the data source `registry`
    /// has under `data.source` (`ImageDataSource.classCount`).
    public func validate(memoryBytes: UInt64 = ProcessInfo.processInfo.physicalMemory, registry: ComponentRegistry = .shared) throws {
        for (key, value) in [("iterations", iterations), ("batchSize", batchSize), ("discriminatorSteps", discriminatorSteps),
                             ("output.progressEvery", output.progressEvery), ("output.sampleEvery", output.sampleEvery),
                             ("output.checkpointEvery", output.checkpointEvery), ("output.sampleCount", output.sampleCount),
                             ("model.width", model.width), ("model.latentDimension", model.latentDimension),
                             ("data.resolution", data.resolution)] {
            _ = try ConfigurationCheck.positive(value, key)
        }
        if let limit = data.limit { _ = try ConfigurationCheck.positive(limit, "data.limit") }
        try data.checkSubset()
        guard data.channels == 1 || data.channels == 3 else {
            throw ConfigurationError.invalidValue(context: "data.channels", reason: "must be 1 (gray) or 3 (RGB), got \(data.channels)")
        }
        if let classes = data.classes {
            guard let count = registry.dataSource(data.source)?.classCount else {
                throw ConfigurationError.invalidValue(context: "data.classes", reason:
                    "applies to data.source \(registry.labelledDataSourceKinds.joined(separator: ", ")) only, not \(data.source); got \(classes)")
            }
            if let bad = classes.first(where: { !(0..<count).contains($0) }) {
                throw ConfigurationError.invalidValue(context: "data.classes", reason: "the \(data.source) source's classes are 0…\(count - 1), got \(bad)")
            }
        }
        _ = try nonFinitePolicy()
        _ = try regularizationStepsMode()
        if let decay = generatorEMA, !(decay >= 0 && decay < 1) {
            throw ConfigurationError.invalidValue(context: "generatorEMA", reason: "must lie in [0, 1) or be null for none, got \(decay)")
        }
        if let rampUp = generatorEMARampUp {
            guard rampUp > 0 && rampUp.isFinite else {
                throw ConfigurationError.invalidValue(context: "generatorEMARampUp", reason: "must be a positive number or null for none, got \(rampUp)")
            }
            guard generatorEMA != nil else {
                throw ConfigurationError.invalidValue(context: "generatorEMARampUp", reason: "ramps up the generator EMA, but generatorEMA is null")
            }
        }
        try generatorOptimizer.validate("generatorOptimizer")
        try discriminatorOptimizer.validate("discriminatorOptimizer")
        try evaluation?.validate()
        try MemoryEstimate(self, registry: registry).check(against: memoryBytes)
        // An evaluation holds all its generated images at once (`EvaluationObserver.generate`).
        if let evaluation {
            try checkSamplingMemory(count: evaluation.num, flag: "evaluation.num", memoryBytes: memoryBytes, registry: registry)
        }
    }
}

extension RunConfiguration {
    /// Throws naming `flag` and `count` when sampling `count` images from this run's generator
    /// cannot fit in `memoryBytes` (`MemoryEstimate`), before anything is allocated.
    public func checkSamplingMemory(count: Int, flag: String, memoryBytes: UInt64 = ProcessInfo.processInfo.physicalMemory,
                                    registry: ComponentRegistry = .shared) throws {
        try MemoryEstimate(sampling: count, configuration: self, flag: flag, registry: registry).check(against: memoryBytes)
    }
}

extension OptimizerSpec {
    /// Checks the optimiser's settings: a known kind, a positive finite learning rate, and for
    /// Adam two betas in [0, 1) and a positive finite epsilon, for SGD a momentum in [0, 1);
    /// errors name `context.key` and the value.
    func validate(_ context: String) throws {
        guard learningRate > 0, Float(learningRate).isFinite else {
            throw ConfigurationError.invalidValue(context: "\(context).learningRate", reason: "must be a positive number that fits a Float, got \(learningRate)")
        }
        let settings = try settings(context)
        if settings.kind == .sgd {
            guard settings.momentum >= 0, settings.momentum < 1 else {
                throw ConfigurationError.invalidValue(context: "\(context).momentum", reason: "must lie in [0, 1), got \(settings.momentum)")
            }
            return
        }
        for (i, beta) in betas.enumerated() where !(beta >= 0 && beta < 1) {
            throw ConfigurationError.invalidValue(context: "\(context).betas[\(i)]", reason: "must lie in [0, 1), got \(beta)")
        }
        guard Float(epsilon) > 0, Float(epsilon).isFinite else {
            throw ConfigurationError.invalidValue(context: "\(context).epsilon", reason: "must be a positive number that fits a Float, got \(epsilon)")
        }
    }
}

extension ComponentRegistry {
    /// The registered data sources whose images have class labels (`classes` applies to them).
    public var labelledDataSourceKinds: [String] {
        dataSourceKinds.filter { dataSource($0)?.classCount != nil }
    }
}
