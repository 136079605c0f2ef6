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
            random: random, sampler: sampler, optimizerSteps: steps, components: components)
        return PipelineSnapshot(tensors: tensors, metadata: metadata)
    }

    /// Restores a state written by `snapshot()` into this pipeline, which must have been built
    /// from the same configuration. Every name and shape is checked; an error names the first
    /// that does not fit.
    public func restore(_ snapshot: PipelineSnapshot) throws {
        func tensor(_ key: String, shape: [Int]) throws -> Tensor {
            guard let t = snapshot.tensors[key] else {
                throw GANCoreError.invalidComponentState(component: "checkpoint", reason: "it has no tensor '\(key)'")
            }
            guard t.shape == shape else {
                throw GANCoreError.invalidComponentState(component: "checkpoint", reason: "tensor '\(key)' has shape \(t.shape), the model needs \(shape)")
            }
            return t
        }
        for (role, module) in [("generator", generator as any Module), ("discriminator", discriminator as any Module)] {
            for (name, p) in module.namedParameters() { p.assign(try tensor("\(role).parameter.\(name)", shape: p.shape)) }
            for (name, b) in module.namedBuffers() { b.assign(try tensor("\(role).buffer.\(name)", shape: b.shape)) }
        }
        if let generatorEMA {
            var averages: [String: Tensor] = [:]
            for (name, p) in generator.namedParameters() { averages[name] = try tensor("generatorEMA.\(name)", shape: p.shape) }
            try generatorEMA.restore(averages)
        }
        for (role, optimizer) in optimizers {
            var moments: [String: Adam.Moments] = [:]
            for (name, step) in snapshot.metadata.optimizerSteps[role] ?? [:] {
                guard let p = optimizer.parameters.first(where: { $0.0 == name })?.1 else {
                    throw GANCoreError.invalidComponentState(component: "\(role) optimizer", reason: "unknown parameter '\(name)'")
                }
                let m = try tensor("optimizer.\(role).m.\(name)", shape: [p.count]).scalars
                let v = try tensor("optimizer.\(role).v.\(name)", shape: [p.count]).scalars
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
    }

    private var optimizers: [(String, Adam)] { [("generator", generatorOptimizer), ("discriminator", discriminatorOptimizer)] }

    /// Components with checkpointed state, by a stable key.
    private var statefulComponents: [(String, any StatefulComponent)] {
        var list: [(String, any StatefulComponent)] = regularizers.map { ("regularizer.\($0.name)", $0) }
        if let augmentation { list.append(("augmentation.\(augmentation.name)", augmentation)) }
        return list
    }
}
