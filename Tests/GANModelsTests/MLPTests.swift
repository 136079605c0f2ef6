import GANCore
import GANModels
import GANNN
import GANTensor
import Testing

/// The toy MLPs: `depth` Linear layers of `hidden` units with the chosen activation between
/// them, points carried as [N, dim, 1, 1] images.
@Suite struct MLPTests {
    @Test func digganTwoPointNetworksHaveFourLayersOfFiveAndTenUnits() {
        var rng = RandomSource(seed: 1)
        let g = MLPGenerator(latentDimension: 1, outputDimension: 1, hidden: 5, depth: 4, activation: .tanh, using: &rng)
        let d = MLPDiscriminator(inputDimension: 1, hidden: 10, depth: 4, activation: .sigmoid, using: &rng)
        #expect(g.namedParameters().map(\.1.shape).filter { $0.count == 2 } == [[5, 1], [5, 5], [5, 5], [1, 5]])
        #expect(d.namedParameters().map(\.1.shape).filter { $0.count == 2 } == [[10, 1], [10, 10], [10, 10], [1, 10]])
        #expect(g.outputSize == ImageSize(channels: 1, height: 1, width: 1))
        #expect(d.blocks.count == 4)
    }

    /// G and D compute Linear → activation → … → Linear, checked against the chain rebuilt from
    /// their own Linear layers and the activation's formula.
    @Test(arguments: [MLPActivation.relu, .leakyReLU(slope: 0.1), .tanh, .sigmoid])
    func forwardIsTheChainOfLinearLayersAndActivations(activation: MLPActivation) {
        var rng = RandomSource(seed: 2)
        let g = MLPGenerator(latentDimension: 3, outputDimension: 2, hidden: 7, depth: 3, activation: activation,
                             outputActivation: .tanh, using: &rng)
        let d = MLPDiscriminator(inputDimension: 2, hidden: 6, depth: 3, activation: activation, using: &rng)
        let apply: (Tensor) -> Tensor = switch activation {
        case .relu: { $0.relu() }
        case .leakyReLU(let slope): { $0.leakyReLU(slope) }
        case .tanh: { $0.tanh() }
        case .sigmoid: { $0.sigmoid() }
        }
        func chain(_ net: Sequential, _ x: Tensor) -> Tensor {
            let linears = net.layers.compactMap { $0 as? Linear }
            return linears.dropFirst().reduce(linears[0](x)) { h, linear in linear(apply(h)) }
        }
        let z = Tensor.normal([4, 3], using: &rng)
        let points = g(z)
        #expect(points.shape == [4, 2, 1, 1])
        #expect(points.scalars == chain(g.net, z).tanh().scalars)
        #expect(d(points).scalars == chain(d.net, points.reshaped([4, 2])).scalars)
    }

    @Test func generatorOutputIsLinearByDefault() {
        var rng = RandomSource(seed: 3)
        let g = MLPGenerator(latentDimension: 2, outputDimension: 2, hidden: 8, depth: 2, using: &rng)
        #expect(g.net.layers.count == 3)
        #expect(g.net.layers.last is Linear)
        let far = g(Tensor(shape: [1, 2], values: [500, -500])).scalars
        #expect(far.contains { abs($0) > 1 }, "\(far)")
    }
}
