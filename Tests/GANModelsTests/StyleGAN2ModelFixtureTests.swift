import Foundation
import GANModels
import GANNN
import GANTensor
import Testing

/// GANModels' StyleGAN2 pair against stylegan2-ada-pytorch's own `Generator` and `Discriminator`
/// (`training/networks.py`) at a tiny 16-px configuration with the same weights:
/// Fixtures/make_stylegan2_model_fixtures.py builds the official networks, redraws their
/// weights, and records their outputs, D's gradients with respect to its input and parameters,
/// R1 and its gradient, and G's parameter gradients, in float32. Every tensor must agree to
/// 1e-4 of its largest entry (a tensor the official code gives as exactly zero, such as the R1
/// gradient of a bias after the last non-linearity in the input, to 1e-7).
@Suite struct StyleGAN2ModelFixtureTests {
    struct Entry: Decodable {
        let shape: [Int]
        let values: [Float]
    }

    struct Configuration: Decodable {
        let zDim, resolution, channels, mappingLayers, channelBase, channelMax, batch: Int

        /// The fixture's keys are the official code's snake_case names.
        enum CodingKeys: String, CodingKey {
            case zDim = "z_dim", resolution, channels, mappingLayers = "mapping_layers", channelBase = "channel_base"
            case channelMax = "channel_max", batch
        }
    }

    struct Fixture: Decodable {
        let config: Configuration
        let tensors: [String: Entry]

        func tensor(_ name: String) -> Tensor {
            guard let entry = tensors[name] else { fatalError("Fixtures/stylegan2_models.json has no tensor '\(name)'") }
            return Tensor(shape: entry.shape, values: entry.values)
        }
    }

    /// The fixture beside this file (Fixtures/ is excluded from the target, so it is read from the
    /// source tree).
    static let fixture: Fixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/stylegan2_models.json")
        guard let data = try? Data(contentsOf: url), let fixture = try? JSONDecoder().decode(Fixture.self, from: data) else {
            fatalError("\(url.path) is missing or malformed; regenerate it with make_stylegan2_model_fixtures.py")
        }
        return fixture
    }()

    /// The fixture's networks rebuilt in GANModels with the official weights, in evaluation mode.
    static func models() -> (generator: StyleGAN2Generator, discriminator: StyleGAN2Discriminator) {
        let c = fixture.config
        let widths = StyleGAN2ChannelWidths(base: c.channelBase, maximum: c.channelMax)
        var rng = RandomSource(seed: 0)
        let g = StyleGAN2Generator(resolution: c.resolution, channels: c.channels, latentDimension: c.zDim, widths: widths,
                                   mappingLayers: c.mappingLayers, using: &rng)
        let d = StyleGAN2Discriminator(resolution: c.resolution, channels: c.channels, widths: widths, using: &rng)
        for (prefix, model) in [("G", g as any Module), ("D", d)] {
            for (name, p) in model.namedParameters() { p.assign(fixture.tensor("\(prefix).\(name)")) }
            for (name, b) in model.namedBuffers() { b.assign(fixture.tensor("\(prefix).\(name)")) }
        }
        g.eval()
        d.eval()
        return (g, d)
    }

    /// |actual − expected| ≤ 1e-4 · max |expected| everywhere (1e-7 when expected is all zero), with
    /// the shapes equal.
    func expectClose(_ actual: Tensor, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = Self.fixture.tensor(name)
        let (a, e) = (actual.scalars, expected.scalars)
        let scale = e.reduce(Float(0)) { max($0, abs($1)) }
        let error = zip(a, e).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
        #expect(actual.shape == expected.shape, "\(name): shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
        #expect(error <= (scale > 0 ? 1e-4 * scale : 1e-7), "\(name): max error \(error) at scale \(scale)", sourceLocation: sourceLocation)
    }

    @Test func theParametersAndBuffersAreTheOfficialOnes() {
        let (g, d) = Self.models()
        let ours = Set(g.namedParameters().map { "G.\($0.0)" } + g.namedBuffers().map { "G.\($0.0)" }
            + d.namedParameters().map { "D.\($0.0)" } + d.namedBuffers().map { "D.\($0.0)" })
        let official = Set(Self.fixture.tensors.keys.filter { $0.hasPrefix("G.") || $0.hasPrefix("D.") })
        #expect(ours == official, "only ours: \(ours.subtracting(official).sorted()); only official: \(official.subtracting(ours).sorted())")
    }

    @Test func generatorImagesMatchTheOfficialGenerator() {
        let (g, _) = Self.models()
        let z = Self.fixture.tensor("z"), z2 = Self.fixture.tensor("z2")
        expectClose(g(z), "img_const")
        g.truncationPsi = 0.7
        expectClose(g(z), "img_trunc")
        let (w, w2) = (g.mapping(z), g.mapping(z2))
        let styles = (0..<g.synthesis.styleCount).map { $0 < 3 ? w : w2 }
        var unused = RandomSource(seed: 0)
        expectClose(g.synthesis(styles: styles, noiseMode: .constant, using: &unused), "img_mixed")
    }

    @Test func generatorParameterGradientsMatchTheOfficialGenerator() throws {
        let (g, _) = Self.models()
        let loss = (g(Self.fixture.tensor("z")) * Self.fixture.tensor("proj")).sum()
        let named = g.namedParameters()
        let gradients = try loss.gradients(wrt: named.map(\.1.value))
        for ((name, _), gradient) in zip(named, gradients) { expectClose(gradient, "g_grad.\(name)") }
    }

    @Test func discriminatorOutputsAndGradientsMatchTheOfficialDiscriminator() throws {
        let (_, d) = Self.models()
        let x = Self.fixture.tensor("x").requiringGradient()
        let logits = d(x)
        expectClose(logits, "d_logits")
        let named = d.namedParameters()
        let gradients = try logits.sum().gradients(wrt: [x] + named.map(\.1.value))
        expectClose(gradients[0], "d_grad_x")
        for ((name, _), gradient) in zip(named, gradients.dropFirst()) { expectClose(gradient, "d_grad.\(name)") }
    }

    @Test func r1AndItsParameterGradientMatchTheOfficialDiscriminator() throws {
        let (_, d) = Self.models()
        let r1 = try r1Penalty(d, Self.fixture.tensor("x"), createGraph: true)
        expectClose(r1, "r1")
        let named = d.namedParameters()
        let gradients = try r1.gradients(wrt: named.map(\.1.value))
        for ((name, _), gradient) in zip(named, gradients) {
            if name == "b4.out.bias" {
                #expect(gradient.scalars == [0], "the head's bias does not move ∂D/∂x")
            } else {
                expectClose(gradient, "r1_grad.\(name)")
            }
        }
    }
}
