import Foundation
import GANModels
import GANNN
import GANTensor
import GANTestSupport
import Testing

/// GANModels' StyleGAN2 pair against stylegan2-ada-pytorch's own `Generator` and `Discriminator`
/// (`training/networks.py`) at a tiny 16-px configuration with the same weights:
/// Fixtures/make_stylegan2_model_fixtures.py builds the official networks, redraws their
/// weights, and records their outputs, D's gradients with respect to its input and parameters,
/// R1 and its gradient, and G's parameter gradients, in float32. Every tensor must agree to
/// 1e-4 of its largest entry (a tensor the official code gives as exactly zero, such as the R1
/// gradient of a bias after the last non-linearity in the input, to 1e-7).
@Suite struct StyleGAN2ModelFixtureTests {
    static let fixture = TensorFixture.load("Fixtures/stylegan2_models.json", script: "make_stylegan2_model_fixtures.py")

    /// The fixture's networks rebuilt in GANModels with the official weights, in evaluation mode.
    static func models() -> (generator: StyleGAN2Generator, discriminator: StyleGAN2Discriminator) {
        let (resolution, channels) = (fixture.setting("resolution"), fixture.setting("channels"))
        let widths = StyleGAN2ChannelWidths(base: fixture.setting("channel_base"), maximum: fixture.setting("channel_max"))
        var rng = RandomSource(seed: 0)
        let g = StyleGAN2Generator(resolution: resolution, channels: channels, latentDimension: fixture.setting("z_dim"),
                                   widths: widths, mappingLayers: fixture.setting("mapping_layers"), using: &rng)
        let d = StyleGAN2Discriminator(resolution: resolution, channels: channels, widths: widths, using: &rng)
        fixture.assign(to: g, prefix: "G")
        fixture.assign(to: d, prefix: "D")
        g.eval()
        d.eval()
        return (g, d)
    }

    /// To 1e-4 of the largest entry (1e-7 when the official tensor is all zero).
    func expectClose(_ actual: Tensor, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        Self.fixture.expectClose(actual, name, sourceLocation: sourceLocation)
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
