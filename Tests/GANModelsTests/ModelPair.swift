import GANCore
import GANModels
import GANNN
import GANTensor
import Testing

/// A generator and discriminator of one architecture at a width small enough for many passes in
/// a debug-build test.
struct ModelPair: Sendable, CustomTestStringConvertible {
    let name: String
    let makeGenerator: @Sendable (inout RandomSource) -> any Generator
    let makeDiscriminator: @Sendable (inout RandomSource) -> any Discriminator
    /// Whether D is piecewise linear in its input (ReLU/LeakyReLU, pooling, convolutions), so
    /// that its input-gradient is piecewise constant.
    let discriminatorIsPiecewiseLinear: Bool

    var testDescription: String { name }

    static let all: [ModelPair] = [
        ModelPair(name: "DCGAN-32",
                  makeGenerator: { DCGANGenerator(resolution: 32, channels: 3, latentDimension: 8, width: 4, using: &$0) },
                  makeDiscriminator: { DCGANDiscriminator(resolution: 32, channels: 3, width: 4, using: &$0) },
                  discriminatorIsPiecewiseLinear: true),
        ModelPair(name: "DCGAN-64",
                  makeGenerator: { DCGANGenerator(resolution: 64, channels: 1, latentDimension: 8, width: 2, initialization: .dcgan, using: &$0) },
                  makeDiscriminator: { DCGANDiscriminator(resolution: 64, channels: 1, width: 2, initialization: .dcgan, using: &$0) },
                  discriminatorIsPiecewiseLinear: true),
        ModelPair(name: "SNGAN-ResNet-32",
                  makeGenerator: { SNGANResNetGenerator(channels: 3, latentDimension: 8, width: 4, using: &$0) },
                  makeDiscriminator: { SNGANResNetDiscriminator(channels: 3, width: 4, using: &$0) },
                  discriminatorIsPiecewiseLinear: true),
        ModelPair(name: "MLP 8-Gaussians",
                  makeGenerator: { MLPGenerator(latentDimension: 2, outputDimension: 2, hidden: 16, depth: 4, using: &$0) },
                  makeDiscriminator: { MLPDiscriminator(inputDimension: 2, hidden: 16, depth: 4, using: &$0) },
                  discriminatorIsPiecewiseLinear: true),
        ModelPair(name: "MLP two-point (DigGAN 3.3)",
                  makeGenerator: { MLPGenerator(latentDimension: 1, outputDimension: 1, hidden: 5, depth: 4, activation: .tanh, using: &$0) },
                  makeDiscriminator: { MLPDiscriminator(inputDimension: 1, hidden: 10, depth: 4, activation: .sigmoid, using: &$0) },
                  discriminatorIsPiecewiseLinear: false),
    ]

    func generator(seed: UInt64) -> any Generator {
        var rng = RandomSource(seed: seed)
        return makeGenerator(&rng)
    }

    func discriminator(seed: UInt64) -> any Discriminator {
        var rng = RandomSource(seed: seed)
        return makeDiscriminator(&rng)
    }
}

/// Every parameter's and buffer's values by name, for comparing whole models.
func snapshot(_ module: any Module) -> [String: [Float]] {
    var values: [String: [Float]] = [:]
    for (name, p) in module.namedParameters() { values[name] = p.value.scalars }
    for (name, b) in module.namedBuffers() { values[name] = b.value.scalars }
    return values
}

/// R1 = mean_i ‖∂(Σ_j D(x_j))/∂x_i‖² (Mescheder et al. 2018), with the graph kept when
/// `createGraph` so that it can be differentiated with respect to D's weights.
func r1Penalty(_ d: any Discriminator, _ x: Tensor, createGraph: Bool) throws -> Tensor {
    let input = x.detached().requiringGradient()
    let gradient = try d(input).sum().gradients(wrt: [input], createGraph: createGraph)[0]
    return gradient.squared().sum(axes: Array(1..<gradient.rank)).mean()
}
