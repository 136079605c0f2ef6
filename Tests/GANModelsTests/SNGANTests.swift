import GANCore
import GANModels
import GANNN
import GANTensor
import Testing

/// The SNGAN ResNet-32 pair: the layer table of Miyato et al. (2018), spectral normalisation on
/// every layer of D and nowhere in G.
@Suite struct SNGANTests {
    @Test func parameterCountsAtThePaperWidthsFollowTheLayerTable() {
        var rng = RandomSource(seed: 1)
        let g = SNGANResNetGenerator(channels: 3, latentDimension: 128, width: 256, using: &rng)
        let d = SNGANResNetDiscriminator(channels: 3, width: 128, using: &rng)
        // G: l1 128·4096 + 4096; per block b1 2·256, c1 256·256·9 + 256, b2 2·256,
        //    c2 256·256·9 + 256, c_sc 256·256 + 256 (1 246 976, three times); b5 2·256; c5 256·3·9 + 3.
        let generatorBlock = 512 + (589_824 + 256) + 512 + (589_824 + 256) + (65_536 + 256)
        #expect(g.parameterCount == (524_288 + 4_096) + 3 * generatorBlock + 512 + (6_912 + 3))
        // D: block1 c1 3·128·9 + 128, c2 128·128·9 + 128, c_sc 3·128 + 128; block2 two 3×3 convs
        //    and c_sc 128·128 + 128; block3, block4 two 3×3 convs each; l5 128 + 1.
        let conv3 = 147_456 + 128
        #expect(d.parameterCount == (3_456 + 128) + conv3 + (384 + 128) + 2 * conv3 + (16_384 + 128) + 4 * conv3 + 129)
    }

    @Test func featureMapsFollowTheResolutionsOfTheLayerTable() {
        var rng = RandomSource(seed: 2)
        let g = SNGANResNetGenerator(channels: 3, latentDimension: 8, width: 4, using: &rng)
        let d = SNGANResNetDiscriminator(channels: 3, width: 6, using: &rng)
        var h = g.l1(Tensor.normal([2, 8], using: &rng)).reshaped([2, 4, 4, 4])
        var sizes: [[Int]] = []
        for block in g.residualBlocks { h = block(h); sizes.append(h.shape) }
        #expect(sizes == [[2, 4, 8, 8], [2, 4, 16, 16], [2, 4, 32, 32]])
        h = Tensor.normal([2, 3, 32, 32], using: &rng)
        sizes = []
        for block in d.residualBlocks { h = block(h); sizes.append(h.shape) }
        #expect(sizes == [[2, 6, 16, 16], [2, 6, 8, 8], [2, 6, 8, 8], [2, 6, 8, 8]])
    }

    @Test func onlyTheChannelChangingOrDownsamplingDiscriminatorBlocksHaveALearnedShortcut() {
        var rng = RandomSource(seed: 3)
        let names = SNGANResNetDiscriminator(channels: 3, width: 4, using: &rng).namedParameters().map(\.0)
        #expect(names.filter { $0.contains("c_sc") } == ["block1.c_sc.weight", "block1.c_sc.bias", "block2.c_sc.weight", "block2.c_sc.bias"])
    }

    @Test func everyDiscriminatorWeightAndNoGeneratorWeightIsSpectrallyNormalised() {
        var rng = RandomSource(seed: 4)
        let d = SNGANResNetDiscriminator(channels: 3, width: 4, using: &rng)
        let weights = d.namedParameters().map(\.0).filter { $0.hasSuffix(".weight") }
        #expect(weights.count == 11)  // 3 + 3 + 2 + 2 convolutions and l5
        #expect(d.namedBuffers().map(\.0) == weights.flatMap { [$0 + "_u", $0 + "_v"] })
        let g = SNGANResNetGenerator(channels: 3, latentDimension: 8, width: 4, using: &rng)
        #expect(g.namedBuffers().allSatisfy { $0.0.hasSuffix("running_mean") || $0.0.hasSuffix("running_var") })
    }

    /// W/σ(W) does not change when W is scaled, so D with every weight tripled computes the same
    /// logits (evaluation mode: the same u and v, so σ triples exactly).
    @Test func discriminatorIsInvariantToScalingItsWeights() {
        var rng = RandomSource(seed: 5)
        let d = SNGANResNetDiscriminator(channels: 3, width: 4, using: &rng)
        let x = Tensor.uniform([2, 3, 32, 32], low: -1, high: 1, using: &rng)
        for _ in 0..<5 { _ = d(x) }
        d.eval()
        let before = d(x).scalars
        for (name, p) in d.namedParameters() where name.hasSuffix(".weight") { p.assign(p.value * 3) }
        let after = d(x).scalars
        #expect(zip(before, after).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($0)) }, "\(before) vs \(after)")
        for (name, p) in d.namedParameters() where name.hasSuffix(".bias") { p.assign(p.value * 3) }
        #expect(d(x).scalars != before, "the biases are not normalised")
    }
}
