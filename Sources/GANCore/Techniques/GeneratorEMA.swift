import Foundation
import GANNN
import GANTensor

/// An exponential moving average of the generator's weights (Karras et al. 2018, "Progressive
/// growing…", section 3 footnote; Yazıcı et al. 2019): after G step t (counted from 0),
/// `θ_ema ← β_t·θ_ema + (1 − β_t)·θ` with the warm-up `β_t = min(decay, (1 + t)/(10 + t))` of
/// TensorFlow's `ExponentialMovingAverage(num_updates:)`, so that short runs are not dominated
/// by the initial weights (StyleGAN2-ADA's `ema_rampup` serves the same purpose). Samples for
/// grids and metrics use the averaged weights; BatchNorm's running statistics are the live
/// generator's.
///
/// With a ramp-up coefficient r (`rampUp`) the warm-up is instead stylegan2-ada-pytorch's
/// (`training/training_loop.py`, "Update G_ema"): the half-life in images, `ema_kimg · 1000`, is
/// capped at r times the images shown before the step, `ema_nimg = min(ema_nimg, cur_nimg · r)`,
/// and `β = 0.5^(batch / max(ema_nimg, 1e-8))`. With cur_nimg = t · batch after t G steps and the
/// full half-life written as the per-step decay (`decay = 0.5^(batch / (ema_kimg · 1000))`), this
/// is `β_t = min(decay, 0.5^(1 / max(r·t, 1e-8)))`, independent of the batch size: β₀ = 0 (the
/// average starts at the weights after the first step), and the cap binds until
/// t = ln 0.5 / (r · ln decay). The official `train.py` uses r = 0.05 (`ramp=0.05` of its `auto`
/// and `cifar` configurations) with ema_kimg = batch · 10 / 32 (`auto`), so decay = 0.5^(3.2/1000).
///
/// This is the `TechniqueRun` of `GeneratorEMATechnique` (`PipelineBuilder.generatorEMA(decay:)`):
/// the pipeline reaches it only through that protocol. Its averages are checkpointed as
/// `generatorEMA.<parameter name>`.
public final class GeneratorEMA: TechniqueRun {
    /// β, the weight of the old average.
    public let decay: Float
    /// The official ramp-up coefficient r, or nil for the TensorFlow warm-up (see the type's comment).
    public let rampUp: Double?
    private let parameters: [(String, Parameter)]
    /// The averaged values, by parameter name.
    public private(set) var averages: [String: Tensor]

    public init(_ generator: any Generator, decay: Double, rampUp: Double? = nil) {
        self.decay = Float(decay)
        self.rampUp = rampUp
        self.parameters = generator.namedParameters()
        self.averages = Dictionary(uniqueKeysWithValues: parameters.map { ($0.0, $0.1.value.detached()) })
    }

    /// Moves the averages towards the current weights after G step `step` (from 0).
    public func update(step: Int) {
        let beta = self.beta(step: step)
        for (name, parameter) in parameters {
            var average = averages.removeValue(forKey: name)!
            average.withUnsafeMutableBufferPointer { a in
                parameter.value.withUnsafeBufferPointer { p in
                    for i in 0..<a.count { a[i] = beta * a[i] + (1 - beta) * p[i] }
                }
            }
            averages[name] = average
        }
    }

    /// β after G step `step` (from 0): the warm-up or the ramp-up of the type's comment.
    public func beta(step: Int) -> Float {
        guard let rampUp else { return Swift.min(decay, Float(1 + step) / Float(10 + step)) }
        return Swift.min(decay, Float(Foundation.pow(0.5, 1 / Swift.max(Double(step) * rampUp, 1e-8))))
    }

    /// Runs `body` with the generator's weights replaced by the averages, then restores them.
    public func withAveragedWeights<R>(_ body: () throws -> R) rethrows -> R {
        let saved = parameters.map { $0.1.value.detached() }
        for (name, parameter) in parameters { parameter.assign(averages[name]!) }
        defer { for ((_, parameter), value) in zip(parameters, saved) { parameter.assign(value) } }
        return try body()
    }

    /// Replaces the averages (checkpoint restore), checking names and shapes.
    public func restore(_ values: [String: Tensor]) throws {
        for (name, parameter) in parameters {
            guard let v = values[name], v.shape == parameter.shape else {
                throw GANCoreError.invalidComponentState(component: "generator EMA", reason: "missing or misshapen average for '\(name)'")
            }
            averages[name] = v.detached()
        }
    }

    // MARK: - TechniqueRun

    /// The prefix of the averages' checkpoint keys.
    public static let checkpointPrefix = "generatorEMA."

    public func generatorStepDidFinish(step: Int) { update(step: step) }

    public func withSamplingWeights<R>(_ body: () throws -> R) rethrows -> R { try withAveragedWeights(body) }

    public var checkpointTensors: [String: Tensor] {
        Dictionary(uniqueKeysWithValues: averages.map { (Self.checkpointPrefix + $0.key, $0.value) })
    }

    public func restore(from snapshot: PipelineSnapshot) throws {
        try restore(try averages(in: snapshot, prefix: Self.checkpointPrefix))
    }

    /// The pretrained run's averages when its snapshot has them; otherwise the averages restart
    /// from its generator's weights (`generator.parameter.<name>`), which the pipeline loads.
    public func weightsToLoad(from snapshot: PipelineSnapshot) throws -> () -> Void {
        let hasAverages = snapshot.tensors.keys.contains { $0.hasPrefix(Self.checkpointPrefix) }
        let values = try averages(in: snapshot, prefix: hasAverages ? Self.checkpointPrefix : "generator.parameter.")
        return { [self] in for (name, value) in values { averages[name] = value.detached() } }
    }

    /// One tensor per parameter from `snapshot`, under `prefix` + its name, of its shape.
    private func averages(in snapshot: PipelineSnapshot, prefix: String) throws -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: try parameters.map { name, p in (name, try snapshot.tensor(prefix + name, p.shape)) })
    }
}

extension TrainingPipeline {
    /// The generator EMA this pipeline keeps (`PipelineBuilder.generatorEMA(decay:)`), if any.
    public var generatorEMA: GeneratorEMA? { techniqueRuns.lazy.compactMap { $0 as? GeneratorEMA }.first }
}
