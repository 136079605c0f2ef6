@testable import GANNN
import GANTensor
import Testing

/// A two-level tree: a feature extractor with a spectrally normalised layer and batch norm,
/// and a head.
final class TinyTree: Layer {
    let features: Sequential
    let head: Linear

    init(seed: UInt64) {
        var rng = RandomSource(seed: seed)
        features = Sequential([
            SpectralNorm(Linear(3, 8, using: &rng), using: &rng),
            Reshape([2, 2, 2]),
            BatchNorm2d(2),
            LeakyReLU(slope: 0.2),
            Flatten(),
        ])
        head = Linear(8, 1, using: &rng)
    }

    var children: [(name: String, module: any Module)] { [("features", features), ("head", head)] }

    func callAsFunction(_ x: Tensor) -> Tensor { head(features(x)) }
}

@Suite struct ModuleTests {
    @Test func namedParametersAreDottedUniqueAndInDeclarationOrder() {
        let names = TinyTree(seed: 1).namedParameters().map(\.0)
        #expect(names == ["features.0.weight", "features.0.bias", "features.2.weight", "features.2.bias",
                          "head.weight", "head.bias"])
        #expect(Set(names).count == names.count)
    }

    @Test func namedBuffersCarryRunningStatisticsAndPowerIterationVectors() {
        let buffers = TinyTree(seed: 1).namedBuffers()
        #expect(buffers.map(\.0) == ["features.0.weight_u", "features.0.weight_v",
                                     "features.2.running_mean", "features.2.running_var"])
        #expect(buffers.map(\.1.shape) == [[8], [3], [2], [2]])
    }

    @Test func parameterCountSumsEveryElement() {
        #expect(TinyTree(seed: 1).parameterCount == (8 * 3 + 8) + (2 + 2) + (8 + 1))
    }

    @Test func evalAndTrainReachEveryModuleOfTheTree() throws {
        let tree = TinyTree(seed: 1)
        let sn = try #require(tree.features.layers[0] as? SpectralNorm<Linear>)
        let bn = try #require(tree.features.layers[2] as? BatchNorm2d)
        tree.eval()
        #expect(!sn.isTraining && !bn.isTraining)
        tree.train()
        #expect(sn.isTraining && bn.isTraining)
    }

    @Test func freezingASubtreeLeavesTheRestTrainable() {
        let tree = TinyTree(seed: 1)
        tree.features.freeze()
        #expect(tree.trainableParameters().map(\.name) == ["weight", "bias"])
        #expect(tree.trainableParameters().allSatisfy { p in tree.head.ownParameters.contains { $0 === p } })
        tree.unfreeze()
        #expect(tree.trainableParameters().count == 6)
    }

    @Test func zeroGradientsClearsEveryParameter() throws {
        let tree = TinyTree(seed: 1)
        var rng = RandomSource(seed: 9)
        try tree(Tensor.normal([4, 3], using: &rng)).sum().backward()
        #expect(tree.parameters().allSatisfy { $0.grad != nil })
        tree.zeroGradients()
        #expect(tree.parameters().allSatisfy { $0.grad == nil })
    }

    @Test func sameSeedBuildsIdenticalModelsAndAnotherSeedDoesNot() {
        let a = TinyTree(seed: 7), b = TinyTree(seed: 7), c = TinyTree(seed: 8)
        let values = { (t: TinyTree) in t.parameters().map(\.value.scalars) + t.namedBuffers().map(\.1.value.scalars) }
        #expect(values(a) == values(b))
        #expect(a.head.weight.value.scalars != c.head.weight.value.scalars)
    }

    /// A repeated dotted name stops the process (`preconditionFailure` in `Module`); the check
    /// itself is tested here rather than in an exit test, whose child-process waiting on Linux
    /// interferes with the tests that run the `gankit` binary.
    @Test func repeatedChildNamesAreFoundInTheTreesDottedNames() {
        final class Clash: Module {
            var rng = RandomSource(seed: 1)
            lazy var children: [(name: String, module: any Module)] =
                [("a", Linear(1, 1, using: &rng)), ("a", Linear(1, 1, using: &rng))]
        }
        let clash = Clash()
        let names = clash.children.flatMap { child in child.module.namedParameters().map { child.name + "." + $0.0 } }
        #expect(firstRepeatedName(names) == "a.weight")
        #expect(firstRepeatedName(TinyTree(seed: 1).namedParameters().map(\.0)) == nil)
        #expect(firstRepeatedName(["x", "y", "x", "y"]) == "x")
    }
}
