import Foundation
import GANNN
import GANTensor

/// The complete state of a training run at an iteration boundary: every weight, buffer,
/// optimiser moment and EMA average as named tensors, and the counters, random sources and
/// component states as Codable metadata. GANIO's checkpoint format stores the tensors as raw
/// little-endian Float32 blobs and the metadata as a JSON manifest.
public struct PipelineSnapshot {
    /// Tensor-valued state by name, e.g. `generator.parameter.fc.weight`,
    /// `discriminator.buffer.…`, `generatorEMA.fc.weight`, `optimizer.generator.m.fc.weight`.
    public var tensors: [String: Tensor]
    /// Everything else.
    public var metadata: Metadata

    public struct Metadata: Codable, Equatable {
        public var iteration: Int
        public var discriminatorStepCount: Int
        public var imagesShown: Int
        public var random: RandomSource
        public var sampler: BatchSampler?
        /// Adam's step count per parameter, by optimiser ("generator"/"discriminator") and name.
        public var optimizerSteps: [String: [String: Int]]
        /// Component states (`StatefulComponent.encodeState`), by component key.
        public var components: [String: Data]
        /// Steps skipped for a non-finite value so far (`NonFinitePolicy.skip`); absent when none,
        /// and in checkpoints written before it existed.
        public var skippedSteps: Int?
    }

    public init(tensors: [String: Tensor], metadata: Metadata) {
        self.tensors = tensors
        self.metadata = metadata
    }
}

extension TrainingPipeline {
    /// The run's state now, for a checkpoint.
    public func snapshot() throws -> PipelineSnapshot {
        var tensors: [String: Tensor] = [:]
        for (role, module) in [("generator", generator as any Module), ("discriminator", discriminator as any Module)] {
            for (name, p) in module.namedParameters() { tensors["\(role).parameter.\(name)"] = p.value.detached() }
            for (name, b) in module.namedBuffers() { tensors["\(role).buffer.\(name)"] = b.value }
        }
        if let generatorEMA {
            for (name, t) in generatorEMA.averages { tensors["generatorEMA.\(name)"] = t }
        }
        var steps: [String: [String: Int]] = [:]
        for (role, optimizer) in optimizers {
            var perParameter: [String: Int] = [:]
            for (name, moments) in optimizer.state.moments {
                tensors["optimizer.\(role).m.\(name)"] = Tensor(shape: [moments.m.count], values: moments.m)
                tensors["optimizer.\(role).v.\(name)"] = Tensor(shape: [moments.v.count], values: moments.v)
                perParameter[name] = moments.step
            }
            steps[role] = perParameter
        }
        var components: [String: Data] = [:]
        for (key, component) in statefulComponents {
            if let data = try component.encodeState() { components[key] = data }
        }
        let metadata = PipelineSnapshot.Metadata(
            iteration: iteration, discriminatorStepCount: discriminatorStepCount, imagesShown: imagesShown,
            random: random, sampler: sampler, optimizerSteps: steps, components: components,
            skippedSteps: skippedStepCount == 0 ? nil : skippedStepCount)
        return PipelineSnapshot(tensors: tensors, metadata: metadata)
    }

    /// Restores a state written by `snapshot()` into this pipeline, which must have been built
    /// from the same configuration. Every name and shape is checked; an error names the first
    /// that does not fit.
    public func restore(_ snapshot: PipelineSnapshot) throws {
        try assignNetworkWeights(from: snapshot)
        if let generatorEMA {
            var averages: [String: Tensor] = [:]
            for (name, p) in generator.namedParameters() { averages[name] = try snapshot.tensor("generatorEMA.\(name)", p.shape) }
            try generatorEMA.restore(averages)
        }
        for (role, optimizer) in optimizers {
            var moments: [String: Adam.Moments] = [:]
            for (name, step) in snapshot.metadata.optimizerSteps[role] ?? [:] {
                guard let p = optimizer.parameters.first(where: { $0.0 == name })?.1 else {
                    throw GANCoreError.invalidComponentState(component: "\(role) optimizer", reason: "unknown parameter '\(name)'")
                }
                let m = try snapshot.tensor("optimizer.\(role).m.\(name)", [p.count]).scalars
                let v = try snapshot.tensor("optimizer.\(role).v.\(name)", [p.count]).scalars
                moments[name] = Adam.Moments(step: step, m: m, v: v)
            }
            do {
                try optimizer.restore(Adam.State(moments: moments))
            } catch {
                throw GANCoreError.invalidComponentState(component: "\(role) optimizer", reason: String(describing: error))
            }
        }
        for (key, component) in statefulComponents {
            if let data = snapshot.metadata.components[key] { try component.restoreState(from: data) }
        }
        iteration = snapshot.metadata.iteration
        discriminatorStepCount = snapshot.metadata.discriminatorStepCount
        imagesShown = snapshot.metadata.imagesShown
        random = snapshot.metadata.random
        sampler = snapshot.metadata.sampler
        skippedStepCount = snapshot.metadata.skippedSteps ?? 0
    }

    /// Copies only the networks' weights from `snapshot` — G's and D's parameters and buffers,
    /// and G's EMA averages — for fine-tuning from a pretrained run (Freeze-D, transfer). The
    /// optimiser moments, counters, random sources, sampler and component states stay this
    /// pipeline's own. When this pipeline keeps a G EMA but the snapshot has none, the averages
    /// restart from the loaded weights. Names and shapes are checked as in `restore`, so the two
    /// runs must use the same architecture; an error names the first tensor that does not fit.
    public func loadWeights(from snapshot: PipelineSnapshot) throws {
        var averages: [String: Tensor]?
        if generatorEMA != nil, snapshot.tensors.keys.contains(where: { $0.hasPrefix("generatorEMA.") }) {
            averages = try Dictionary(uniqueKeysWithValues: generator.namedParameters().map { name, p in
                (name, try snapshot.tensor("generatorEMA.\(name)", p.shape))
            })
        }
        try assignNetworkWeights(from: snapshot)
        guard let generatorEMA else { return }
        try generatorEMA.restore(averages ?? Dictionary(uniqueKeysWithValues: generator.namedParameters().map { ($0.0, $0.1.value) }))
    }

    /// Assigns G's and D's parameters and buffers from the snapshot after checking every name
    /// and shape, so a snapshot that does not fit changes nothing.
    private func assignNetworkWeights(from snapshot: PipelineSnapshot) throws {
        var parameters: [(Parameter, Tensor)] = [], buffers: [(Buffer, Tensor)] = []
        for (role, module) in [("generator", generator as any Module), ("discriminator", discriminator as any Module)] {
            for (name, p) in module.namedParameters() { parameters.append((p, try snapshot.tensor("\(role).parameter.\(name)", p.shape))) }
            for (name, b) in module.namedBuffers() { buffers.append((b, try snapshot.tensor("\(role).buffer.\(name)", b.shape))) }
        }
        for (p, t) in parameters { p.assign(t) }
        for (b, t) in buffers { b.assign(t) }
    }

    private var optimizers: [(String, Adam)] { [("generator", generatorOptimizer), ("discriminator", discriminatorOptimizer)] }

    /// Components with checkpointed state, by a stable key.
    var statefulComponents: [(String, any StatefulComponent)] {
        var list: [(String, any StatefulComponent)] = regularizers.map { ("regularizer.\($0.name)", $0) }
        if let augmentation { list.append(("augmentation.\(augmentation.name)", augmentation)) }
        return list
    }
}

extension PipelineSnapshot {
    /// The tensor named `key`, which must have `shape`; the error names the key and both shapes.
    func tensor(_ key: String, _ shape: [Int]) throws -> Tensor {
        guard let t = tensors[key] else {
            throw GANCoreError.invalidComponentState(component: "checkpoint", reason: "it has no tensor '\(key)'")
        }
        guard t.shape == shape else {
            throw GANCoreError.invalidComponentState(component: "checkpoint", reason: "tensor '\(key)' has shape \(t.shape), the model needs \(shape)")
        }
        return t
    }
}
