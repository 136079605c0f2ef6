import GANCore

/// A two-layer MLP generator making tiny images (1×2×2 by default), small enough for many
/// steps in a test. Its first layer is its mapping: the intermediate latents are that layer's
/// activations as one style input, ws [N, 1, 8], so penalties on the Jacobian with respect to w
/// (path length) run in a toy pipeline too.
public final class ToyGenerator: IntermediateLatentGenerator {
    public let fc1: Linear, fc2: Linear
    public let latentDimension = 4
    public let outputSize: ImageSize
    public init(outputSize: ImageSize = Toy.imageSize, using rng: inout RandomSource) {
        self.outputSize = outputSize
        fc1 = Linear(4, 8, using: &rng)
        fc2 = Linear(8, outputSize.channels * outputSize.height * outputSize.width, using: &rng)
    }
    public var children: [(name: String, module: any Module)] { [("fc1", fc1), ("fc2", fc2)] }
    public func callAsFunction(_ z: Tensor) -> Tensor {
        imagesAndIntermediateLatents(z).images
    }
    /// G(z) and ws = leakyReLU(fc1(z)) as [N, 1, 8].
    public func imagesAndIntermediateLatents(_ z: Tensor) -> (images: Tensor, latents: Tensor) {
        let ws = fc1(z).leakyReLU(0.2).reshaped([z.shape[0], 1, 8])
        return (fc2(ws.reshaped([z.shape[0], 8])).tanh().reshaped([z.shape[0]] + outputSize.shape), ws)
    }
}

/// A two-block MLP discriminator for tiny images (1×2×2 by default).
public final class ToyDiscriminator: Discriminator {
    public let fc1: Linear, fc2: Linear
    public let inputSize: ImageSize
    public init(inputSize: ImageSize = Toy.imageSize, using rng: inout RandomSource) {
        self.inputSize = inputSize
        fc1 = Linear(inputSize.channels * inputSize.height * inputSize.width, 8, using: &rng)
        fc2 = Linear(8, 1, using: &rng)
    }
    public var children: [(name: String, module: any Module)] { [("fc1", fc1), ("fc2", fc2)] }
    public var blocks: [any Module] { [fc1, fc2] }
    public func callAsFunction(_ x: Tensor) -> Tensor {
        fc2(features(x))
    }
    /// The hidden layer's activations, [N, 8].
    public func features(_ x: Tensor) -> Tensor {
        fc1(x.flattened()).leakyReLU(0.2)
    }
}

/// A penalty that counts its calls and returns mean D(real)², for schedule tests.
public final class CountingRegularizer: Regularizer {
    public let name: String
    public let schedule: RegularizationSchedule
    public private(set) var calls: [Int] = []
    public init(name: String = "count", schedule: RegularizationSchedule) {
        self.name = name
        self.schedule = schedule
    }
    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        calls.append(context.phaseStep)
        return context.realLogits.map { $0.squared().mean() }
    }
}

/// A toy data set and pipeline builder for tests of regularizers, observers and checkpoints.
public enum Toy {
    /// The toy models' default image size, 1×2×2.
    public static let imageSize = ImageSize(channels: 1, height: 2, width: 2)

    /// `count` images of `imageSize`, uniform in [−0.8, 0.8).
    public static func data(count: Int = 40, seed: UInt64 = 3, imageSize: ImageSize = Toy.imageSize) -> TensorDataset {
        var rng = RandomSource(seed: seed)
        return TensorDataset(Tensor.uniform([count] + imageSize.shape, low: -0.8, high: 0.8, using: &rng))
    }

    /// A pipeline of a `ToyGenerator` and a `ToyDiscriminator` for `imageSize` images, batch 8,
    /// a G EMA and the given seed.
    public static func builder(seed: UInt64 = 11, imageSize: ImageSize = Toy.imageSize) -> PipelineBuilder {
        var rng = RandomSource(seed: seed)
        return TrainingPipeline.builder()
            .generator(ToyGenerator(outputSize: imageSize, using: &rng))
            .discriminator(ToyDiscriminator(inputSize: imageSize, using: &rng))
            .batchSize(8)
            .generatorEMA(decay: 0.9)
            .seed(seed)
    }
}
