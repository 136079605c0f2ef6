// A copy of Tests/GANCoreTests/ToyModels.swift (test targets cannot share files): tiny models
// that train in milliseconds, for the observer and checkpoint tests.
import GANCore

/// A two-layer MLP generator making 1×2×2 "images", small enough for many steps in a test.
final class ToyGenerator: Generator {
    let fc1: Linear, fc2: Linear
    let latentDimension = 4
    let outputSize = ImageSize(channels: 1, height: 2, width: 2)
    init(using rng: inout RandomSource) {
        fc1 = Linear(4, 8, using: &rng)
        fc2 = Linear(8, 4, using: &rng)
    }
    var children: [(name: String, module: any Module)] { [("fc1", fc1), ("fc2", fc2)] }
    func callAsFunction(_ z: Tensor) -> Tensor {
        fc2(fc1(z).leakyReLU(0.2)).tanh().reshaped([z.shape[0], 1, 2, 2])
    }
}

/// A two-block MLP discriminator for 1×2×2 images.
final class ToyDiscriminator: Discriminator {
    let fc1: Linear, fc2: Linear
    let inputSize = ImageSize(channels: 1, height: 2, width: 2)
    init(using rng: inout RandomSource) {
        fc1 = Linear(4, 8, using: &rng)
        fc2 = Linear(8, 1, using: &rng)
    }
    var children: [(name: String, module: any Module)] { [("fc1", fc1), ("fc2", fc2)] }
    var blocks: [any Module] { [fc1, fc2] }
    func callAsFunction(_ x: Tensor) -> Tensor {
        fc2(fc1(x.flattened()).leakyReLU(0.2))
    }
}

/// A penalty that counts its calls and returns mean D(real)², for schedule tests.
final class CountingRegularizer: Regularizer {
    let name: String
    let schedule: RegularizationSchedule
    private(set) var calls: [Int] = []
    init(name: String = "count", schedule: RegularizationSchedule) {
        self.name = name
        self.schedule = schedule
    }
    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        calls.append(context.phaseStep)
        return context.realLogits.map { $0.squared().mean() }
    }
}

enum Toy {
    static func data(count: Int = 40, seed: UInt64 = 3) -> TensorDataset {
        var rng = RandomSource(seed: seed)
        return TensorDataset(Tensor.uniform([count, 1, 2, 2], low: -0.8, high: 0.8, using: &rng))
    }

    static func builder(seed: UInt64 = 11) -> PipelineBuilder {
        var rng = RandomSource(seed: seed)
        return TrainingPipeline.builder()
            .generator(ToyGenerator(using: &rng))
            .discriminator(ToyDiscriminator(using: &rng))
            .batchSize(8)
            .generatorEMA(decay: 0.9)
            .seed(seed)
    }
}

/// Keeps the statistics of every iteration.
final class StatisticsRecorder: TrainingObserver {
    private(set) var statistics: [StepStatistics] = []
    func iterationDidFinish(_ s: StepStatistics, pipeline: TrainingPipeline) throws { statistics.append(s.withoutTiming) }
}
