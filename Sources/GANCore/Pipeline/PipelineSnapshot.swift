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
        /// The optimiser's step count per parameter, by optimiser ("generator"/"discriminator")
        /// and name: Adam's t; empty for an optimiser that keeps none (SGD).
        public var optimizerSteps: [String: [String: Int]]
        /// Component states (`StatefulComponent.encodeState`), by component key.
        public var components: [String: Data]
        /// Steps skipped for a non-finite value so far (`NonFinitePolicy.skip`); absent when none,
        /// and in checkpoints written before it existed.
        public var skippedSteps: Int?
        /// OpenBLAS's kernel set (`OpenBLASKernels.coreName`) of the process that reached this
        /// state; absent in checkpoints written before it existed. Another set rounds
        /// differently, so a run resumed with it continues correctly but not bit for bit as
        /// without the interruption (docs/reliability.md).
        public var kernels: String?
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
        for run in techniqueRuns {
            for (key, t) in run.checkpointTensors { tensors[key] = t }
        }
        var steps: [String: [String: Int]] = [:]
        for (role, optimizer) in optimizers {
            var perParameter: [String: Int] = [:]
            for (name, entry) in optimizer.checkpointState {
                for (buffer, values) in entry.buffers {
                    tensors["optimizer.\(role).\(buffer).\(name)"] = Tensor(shape: [values.count], values: values)
                }
                if let step = entry.step { perParameter[name] = step }
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
            skippedSteps: skippedStepCount == 0 ? nil : skippedStepCount, kernels: OpenBLASKernels.coreName)
        return PipelineSnapshot(tensors: tensors, metadata: metadata)
    }

    /// Restores a state written by `snapshot()` into this pipeline, which must have been built
    /// from the same configuration. Every name and shape is checked; an error names the first
    /// that does not fit.
    public func restore(_ snapshot: PipelineSnapshot) throws {
        try assignNetworkWeights(from: snapshot)
        for run in techniqueRuns { try run.restore(from: snapshot) }
        for (role, optimizer) in optimizers {
            let state = try snapshot.optimizerState(role, for: optimizer)
            do {
                try optimizer.restore(checkpointState: state)
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
    /// and what the techniques take (`TechniqueRun.weightsToLoad`: G's EMA averages, which
    /// restart from the loaded weights when the snapshot has none) — for fine-tuning from a
    /// pretrained run (Freeze-D, transfer). The optimiser state, counters, random sources,
    /// sampler and component states stay this pipeline's own. Names and shapes are checked as in
    /// `restore`, so the two runs must use the same architecture; an error names the first tensor
    /// that does not fit, and then nothing has changed.
    public func loadWeights(from snapshot: PipelineSnapshot) throws {
        let techniqueLoads = try techniqueRuns.map { try $0.weightsToLoad(from: snapshot) }
        try assignNetworkWeights(from: snapshot)
        for load in techniqueLoads { load() }
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

    private var optimizers: [(String, any Optimizer)] { [("generator", generatorOptimizer), ("discriminator", discriminatorOptimizer)] }

    /// Components with checkpointed state, by a stable key.
    var statefulComponents: [(String, any StatefulComponent)] {
        var list: [(String, any StatefulComponent)] = regularizers.map { ("regularizer.\($0.name)", $0) }
        if let augmentation { list.append(("augmentation.\(augmentation.name)", augmentation)) }
        return list
    }
}

extension PipelineSnapshot {
    /// The state of the `role` optimiser: the tensors `optimizer.<role>.<buffer>.<parameter>`
    /// for each of `optimizer`'s `bufferNames` (Adam's m and v, SGD's momentum) and the step
    /// counts in the metadata. A tensor of a buffer `optimizer` does not keep is an error: the
    /// checkpoint was written by another kind of optimiser.
    func optimizerState(_ role: String, for optimizer: any Optimizer) throws -> [String: ParameterState] {
        let bufferNames = type(of: optimizer).bufferNames
        let kind = String(describing: type(of: optimizer))
        let prefix = "optimizer.\(role)."
        let steps = metadata.optimizerSteps[role] ?? [:]
        var names = Set(steps.keys)
        for key in tensors.keys where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            let buffer = String(rest.prefix { $0 != "." })
            guard bufferNames.contains(buffer) else {
                throw GANCoreError.invalidComponentState(component: "\(role) optimizer", reason:
                    "the checkpoint holds '\(key)', which \(kind) does not keep (its state is \(bufferNames.joined(separator: ", "))): " +
                    "it was written with another optimiser than this configuration's")
            }
            names.insert(String(rest.dropFirst(buffer.count + 1)))
        }
        var state: [String: ParameterState] = [:]
        for name in names.sorted() {
            guard let p = optimizer.parameters.first(where: { $0.0 == name })?.1 else {
                throw GANCoreError.invalidComponentState(component: "\(role) optimizer", reason: "unknown parameter '\(name)'")
            }
            var buffers: [String: [Float]] = [:]
            for buffer in bufferNames { buffers[buffer] = try tensor("optimizer.\(role).\(buffer).\(name)", [p.count]).scalars }
            state[name] = ParameterState(step: steps[name], buffers: buffers)
        }
        return state
    }

    /// The tensor named `key`, which must have `shape`; the error names the key and both shapes.
    public func tensor(_ key: String, _ shape: [Int]) throws -> Tensor {
        guard let t = tensors[key] else {
            throw GANCoreError.invalidComponentState(component: "checkpoint", reason: "it has no tensor '\(key)'")
        }
        guard t.shape == shape else {
            throw GANCoreError.invalidComponentState(component: "checkpoint", reason: "tensor '\(key)' has shape \(t.shape), the model needs \(shape)")
        }
        return t
    }
}
